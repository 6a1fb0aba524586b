// The browser's IANA time zone (Intl), offered to a user who has not picked one: the layout's offer gets a
// "Use my browser's time zone" button carrying it, and the Time zone page preselects it. Without script the
// offer still lets the user keep the zone shown or choose one from the list.
(function () {
    var zone;
    try {
        zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
        zone = null;
    }

    if (!zone) {
        return;
    }

    Array.prototype.forEach.call(document.querySelectorAll("[data-browser-time-zone-name]"), function (el) {
        el.textContent = zone;
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-browser-time-zone-hint]"), function (el) {
        el.hidden = false;
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-browser-time-zone-button]"), function (button) {
        button.value = zone;
        button.hidden = false;
    });
    Array.prototype.forEach.call(document.querySelectorAll("select[data-browser-time-zone-default='true']"), function (select) {
        var option = Array.prototype.find.call(select.options, function (o) { return o.value === zone; });
        if (option) {
            select.value = zone;
        }
    });
})();
