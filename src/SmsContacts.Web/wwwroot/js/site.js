// A field marked data-auto-submit, or any field of a form marked so, submits its form when it changes
// (sender code picker, list and reason filters). Without script the forms keep their submit buttons.
document.addEventListener("change", function (event) {
    var target = event.target;
    var form = target.form;
    if (form && (target.hasAttribute("data-auto-submit") || form.hasAttribute("data-auto-submit"))) {
        form.requestSubmit();
    }
});
