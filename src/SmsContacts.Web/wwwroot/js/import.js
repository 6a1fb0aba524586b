// File Import. Upload File: drag and drop onto the drop zone, and the size limit checked before a long upload
// starts (the server checks it too). Import Settings: the list is not needed for Opt-out contacts.
(function () {
    var form = document.getElementById("upload-form");
    if (form) {
        var zone = document.getElementById("drop-zone");
        var input = document.getElementById("import-file");
        var chosen = document.getElementById("chosen-file");
        var check = document.getElementById("upload-check");
        var maxBytes = Number(form.dataset.maxBytes);

        var tooLarge = function () {
            var file = input.files && input.files[0];
            if (file && file.size > maxBytes) {
                check.textContent = "The file is larger than the " + form.dataset.maxText + " limit. Split it into smaller files.";
                check.classList.remove("d-none");
                return true;
            }
            check.classList.add("d-none");
            return false;
        };
        var show = function () {
            var file = input.files && input.files[0];
            chosen.textContent = file ? file.name : "";
            tooLarge();
        };

        input.addEventListener("change", show);
        ["dragenter", "dragover"].forEach(function (name) {
            zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("dragover"); });
        });
        ["dragleave", "drop"].forEach(function (name) {
            zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.remove("dragover"); });
        });
        zone.addEventListener("drop", function (event) {
            if (event.dataTransfer && event.dataTransfer.files.length > 0) {
                input.files = event.dataTransfer.files;
                show();
            }
        });
        form.addEventListener("submit", function (event) {
            if (tooLarge()) {
                event.preventDefault();
            }
        });
    }

    var action = document.querySelector("[data-import-action]");
    var list = document.querySelector("[data-import-list]");
    if (action && list) {
        var sync = function () { list.disabled = action.value === "OptOut"; };
        action.addEventListener("change", sync);
        sync();
    }
})();
