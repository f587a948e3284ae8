/* Dashboards (templates/overview/dashboard.html): draws each chart from the JSON the page carries
   (<script type="application/json" id="dashboard-data">, not executed), with Chart.js vendored under
   static/vendor/chartjs.  The numbers arrive as exact decimal strings; they become floats here only to be
   drawn: the table beside each chart and its CSV carry the exact figures. */
(function () {
  "use strict";
  var COLOURS = ["#0b5cab", "#e07b00", "#2a7a2a", "#7b3fa0", "#8a8f98", "#c62828", "#00838f", "#5d4037"];
  var MARKED = "#c62828";

  function num(text) {
    return text === null || text === undefined ? null : parseFloat(text);
  }

  function scatter(chart) {
    var xs = chart.series[0].values, ys = chart.series[1].values;
    var points = [], colours = [], labels = [];
    for (var i = 0; i < chart.labels.length; i++) {
      if (xs[i] === null || ys[i] === null) continue;
      points.push({x: num(xs[i]), y: num(ys[i])});
      colours.push(chart.marked[i] ? MARKED : COLOURS[0]);
      labels.push(chart.labels[i]);
    }
    return {
      type: "scatter",
      data: {datasets: [{label: chart.series[1].label, data: points, pointBackgroundColor: colours,
                          pointBorderColor: colours, pointRadius: 5}]},
      options: {
        animation: false, maintainAspectRatio: false,
        plugins: {legend: {display: false}, tooltip: {callbacks: {label: function (ctx) {
          return labels[ctx.dataIndex] + ": serapan " + ctx.parsed.x.toFixed(2) + " %, capaian " + ctx.parsed.y.toFixed(2) + " %";
        }}}},
        scales: {x: {title: {display: true, text: chart.series[0].label}, beginAtZero: true},
                 y: {title: {display: true, text: chart.series[1].label}, beginAtZero: true}}
      }
    };
  }

  function series(chart) {
    return {
      type: chart.kind,
      data: {
        labels: chart.labels.map(function (l) { return l.length > 40 ? l.slice(0, 38) + "…" : l; }),
        datasets: chart.series.map(function (s, i) {
          return {label: s.label, data: s.values.map(num), backgroundColor: COLOURS[i % COLOURS.length],
                  borderColor: COLOURS[i % COLOURS.length], spanGaps: false};
        })
      },
      options: {
        animation: false, maintainAspectRatio: false,
        scales: {x: {stacked: chart.stacked}, y: {stacked: chart.stacked, beginAtZero: true}}
      }
    };
  }

  function draw() {
    var source = document.getElementById("dashboard-data");
    if (!source || typeof window.Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    data.charts.forEach(function (chart) {
      var canvas = document.getElementById("chart-" + chart.key);
      if (!canvas || !chart.labels.length) return;
      var made = new window.Chart(canvas, chart.kind === "scatter" ? scatter(chart) : series(chart));
      canvas.dataset.drawn = String(made.data.datasets.length);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
