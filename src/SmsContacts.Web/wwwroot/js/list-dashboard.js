// SMS List Dashboard: the range picker and the charts. Chart data comes from each canvas's data-chart attribute
// (JSON: labels and named series), as the CSP allows no inline script; Chart.js sets the canvas size through the
// CSSOM, which the CSP allows. Without script the page still shows every number, in the tables under the charts.
(function () {
    var form = document.getElementById("dashboard-filters");
    if (!form) {
        return;
    }

    var range = form.querySelector("[data-range-select]");
    var customFields = form.querySelectorAll("[data-custom-range]");

    function showCustom(show) {
        Array.prototype.forEach.call(customFields, function (field) {
            field.classList.toggle("custom-range-hidden", !show);
        });
    }

    showCustom(range.value === "custom");

    // A preset range or another list shows at once; a custom range waits for its dates and Show.
    range.addEventListener("change", function () {
        if (range.value === "custom") {
            showCustom(true);
            form.querySelector("#from").focus();
        } else {
            form.requestSubmit();
        }
    });
    form.querySelector("#list").addEventListener("change", function () {
        if (range.value !== "custom") {
            form.requestSubmit();
        }
    });
    form.addEventListener("submit", function () {
        if (range.value !== "custom") {
            Array.prototype.forEach.call(form.querySelectorAll("#from, #to"), function (input) {
                input.disabled = true;
            });
        }
    });

    if (typeof Chart === "undefined") {
        return;
    }

    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), function (canvas) {
        var data = JSON.parse(canvas.getAttribute("data-chart"));
        var kind = canvas.getAttribute("data-chart-kind");
        var stacked = kind === "bar";
        new Chart(canvas, {
            type: kind,
            data: {
                labels: data.labels,
                datasets: data.series.map(function (series) {
                    return { label: series.name, data: series.values, pointRadius: data.labels.length > 60 ? 0 : 2, tension: 0 };
                })
            },
            options: {
                animation: false,
                maintainAspectRatio: false,
                interaction: { mode: "index", intersect: false },
                scales: {
                    x: { stacked: stacked, ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 8 } },
                    y: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } }
                },
                plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } }
            }
        });
        canvas.setAttribute("data-rendered", "true");
    });
})();
