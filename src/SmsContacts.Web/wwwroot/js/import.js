// File Import. Upload File: drag and drop onto the drop zone, and the size limit checked before a long upload
// starts (the server checks it too). Import Settings: the list is not needed for Opt-out contacts, and the settings
// that do not apply to the chosen action are hidden and disabled (not posted). Configure Import Layout: the choices
// of every column are posted as one value, so a file with thousands of columns stays within the server's form limits.
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

    // The action's options carry the names of ImportAction ("OptOut"), as each part's data-applies-to lists them.
    var action = document.querySelector("[data-import-action]");
    var list = document.querySelector("[data-import-list]");
    if (action && list) {
        var parts = document.querySelectorAll("[data-applies-to]");
        var sync = function () {
            list.disabled = action.value === "OptOut";
            parts.forEach(function (part) {
                var applies = part.dataset.appliesTo.split(" ").indexOf(action.value) >= 0;
                part.hidden = !applies;
                if (part.tagName === "FIELDSET") {
                    part.disabled = !applies;
                }
            });
        };
        action.addEventListener("change", sync);
        sync();
    }

    var layout = document.querySelector("form[data-layout-mapping]");
    if (layout) {
        layout.addEventListener("submit", function () {
            var selects = layout.querySelectorAll("select[name^='Columns[']");
            var mapping = [];
            selects.forEach(function (select) {
                var index = Number(select.name.slice("Columns[".length, -1));
                mapping[index] = select.value;
                select.disabled = true;
            });
            var field = layout.querySelector("input[name='Mapping']");
            if (!field) {
                field = document.createElement("input");
                field.type = "hidden";
                field.name = "Mapping";
                layout.appendChild(field);
            }
            field.value = JSON.stringify(mapping);
            // Back to this page (the browser's back button restores it from its cache): the dropdowns work again.
            window.addEventListener("pageshow", function () {
                selects.forEach(function (select) { select.disabled = false; });
            }, { once: true });
        });
    }
})();
