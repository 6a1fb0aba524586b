// A field marked data-auto-submit, or any field of a form marked so, submits its form when it changes
// (sender code picker, list and reason filters). Without script the forms keep their submit buttons.
document.addEventListener("change", function (event) {
    var target = event.target;
    var form = target.form;
    if (form && (target.hasAttribute("data-auto-submit") || form.hasAttribute("data-auto-submit"))) {
        form.requestSubmit();
    }
});

// A progress bar's width comes from its data-progress (0-100): the CSP allows no style attributes in the page.
// htmx.onLoad runs for the page and for every fragment htmx swaps in (the import's progress, each second).
htmx.onLoad(function (root) {
    var bars = root.querySelectorAll ? root.querySelectorAll("[data-progress]") : [];
    Array.prototype.forEach.call(bars, function (bar) {
        bar.style.width = Math.max(0, Math.min(100, Number(bar.getAttribute("data-progress")) || 0)) + "%";
    });
});

// Contact Details popup (#contact-modal): phone links and the Edit / Unsubscribe / Ban buttons load a panel
// into its body with htmx. Every link keeps a real href, so without script the same panels are pages.
(function () {
    var modal = document.getElementById("contact-modal");
    if (!modal) {
        return;
    }

    var body = document.getElementById("contact-modal-body");

    function say(text, kind) {
        var message = document.createElement("div");
        message.className = "alert alert-" + kind + " mb-0";
        message.setAttribute("role", kind === "danger" ? "alert" : "status");
        message.textContent = text;
        body.replaceChildren(message);
    }

    modal.addEventListener("show.bs.modal", function () {
        say("Loading…", "light");
    });
    modal.addEventListener("hidden.bs.modal", function () {
        body.replaceChildren();
    });

    // htmx does not swap error answers; say what happened instead of leaving "Loading…".
    document.body.addEventListener("htmx:responseError", function (event) {
        if (!modal.contains(event.detail.target)) {
            return;
        }
        var status = event.detail.xhr.status;
        say(status === 404 ? "This contact is not here any more, or belongs to another sender code. Reload the page."
            : status === 403 ? "Your role does not allow this."
            : "Something went wrong. Try again in a moment.", "danger");
    });
    document.body.addEventListener("htmx:sendError", function (event) {
        if (modal.contains(event.detail.target)) {
            say("The server could not be reached. Check your connection and try again.", "danger");
        }
    });

    // A change made in the popup (Update, Unsubscribe, Ban...) redraws the grid behind it, on the same page and filters.
    document.body.addEventListener("contacts-changed", function () {
        var grid = document.querySelector("#grid [data-grid-url]");
        if (grid) {
            htmx.ajax("GET", grid.getAttribute("data-grid-url"), { target: "#grid", swap: "innerHTML" });
        }
    });

    // The tab open when Update is pressed is the tab the answer comes back on.
    document.addEventListener("shown.bs.tab", function (event) {
        var panel = event.target.closest(".contact-panel");
        var input = panel && panel.querySelector("input[name=Tab]");
        if (input) {
            input.value = event.target.getAttribute("data-tab");
        }
    });
})();

// Edit needs exactly one selected contact, Unsubscribe and Ban at least one: the buttons say so by being enabled.
(function () {
    var form = document.getElementById("grid-selection");
    if (!form) {
        return;
    }

    function update() {
        var checked = Array.prototype.filter.call(form.elements, function (element) {
            return element.type === "checkbox" && element.checked;
        });
        var contacts = new Set(checked.map(function (box) { return box.getAttribute("data-contact"); }));
        form.querySelectorAll("[data-needs-selection]").forEach(function (button) {
            var needs = button.getAttribute("data-needs-selection");
            button.disabled = needs === "one" ? contacts.size !== 1 : contacts.size === 0;
        });
    }

    document.addEventListener("change", function (event) {
        if (event.target.form === form) {
            update();
        }
    });
    document.body.addEventListener("htmx:afterSwap", function (event) {
        if (event.detail.target.id === "grid") {
            update();
        }
    });
    update();
})();

// Each page works in the sender code it shows (body data-sender-code), whatever another tab of this browser picked
// since (the session cookie): htmx requests say the page's code in a header, and a link followed from a page whose
// code is no longer the session's carries the code, so a stale tab stays in its code. The server checks every one.
(function () {
    var pageCode = document.body.getAttribute("data-sender-code");
    if (!pageCode) {
        return;
    }

    function sessionCode() {
        var match = document.cookie.match(/(?:^|;\s*)SmsContacts\.SenderCode=(\d+)/);
        return match ? match[1] : null;
    }

    document.body.addEventListener("htmx:configRequest", function (event) {
        event.detail.headers["X-Page-Sender-Code"] = pageCode;
    });

    document.addEventListener("click", function (event) {
        var link = event.target.closest ? event.target.closest("a[href]") : null;
        var session = sessionCode();
        if (!link || !session || session === pageCode || link.origin !== window.location.origin || link.hasAttribute("data-bs-toggle")) {
            return;
        }
        var url = new URL(link.href);
        if (url.pathname.indexOf("/account/") === 0 || url.searchParams.has("pageSenderCodeId") || link.getAttribute("href").charAt(0) === "#") {
            return;
        }
        url.searchParams.set("pageSenderCodeId", pageCode);
        link.href = url.pathname + url.search + url.hash;
    }, true);
})();
