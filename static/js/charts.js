/* Dashboard charts (Apache ECharts, vendored): each <div class="chart" data-chart-kind=...
   data-chart-data=ID data-series=KEY> draws the series KEY of the JSON in <script id=ID
   type="application/json"> (Django's json_script; not executed, so the CSP allows it).
   Kinds: "stacked" (monthly bars stacked; buttons [data-chart=ID][data-series=KEY] switch the
   stack), "pie", "bars" (one bar per category), "lines" (months, one line per series).
   The page language picks ECharts' locale; the tables beside each chart hold the exact figures.
   Tooltips are drawn on the canvas (richText), so no inline style reaches the DOM. */
(function () {
  "use strict";
  if (!window.echarts) { return; }
  var locale = (document.documentElement.lang || "en").toLowerCase().indexOf("zh") === 0 ? "ZH" : "EN";
  var charts = [];

  function data(el) {
    var source = document.getElementById(el.getAttribute("data-chart-data"));
    return source ? JSON.parse(source.textContent) : {};
  }

  function option(el) {
    var all = data(el);
    var kind = el.getAttribute("data-chart-kind");
    var series = all[el.getAttribute("data-series")] || [];
    var base = {
      animation: false,
      tooltip: { renderMode: "richText", trigger: kind === "pie" ? "item" : "axis" },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true }
    };
    if (kind === "pie") {
      base.series = [{ type: "pie", radius: ["35%", "65%"], data: series, label: { show: series.length <= 8 } }];
      base.legend = { type: "scroll", top: 0 };
      return base;
    }
    if (kind === "bars") {
      base.xAxis = { type: "value" };
      base.yAxis = { type: "category", data: series.map(function (s) { return s.name; }), inverse: true };
      base.series = [{ type: "bar", data: series.map(function (s) { return s.value; }) }];
      return base;
    }
    base.legend = { type: "scroll", top: 0 };
    base.xAxis = { type: "category", data: all.months || [] };
    base.yAxis = { type: "value" };
    base.series = series.map(function (s) {
      return kind === "lines"
        ? { type: "line", name: s.name, data: s.data }
        : { type: "bar", stack: "total", name: s.name, data: s.data };
    });
    return base;
  }

  function draw(el) {
    var chart = window.echarts.getInstanceByDom(el) || window.echarts.init(el, null, { renderer: "canvas", locale: locale });
    chart.setOption(option(el), true);
    el.setAttribute("data-drawn", "true");
    el.setAttribute("data-locale", locale);
    if (charts.indexOf(chart) < 0) { charts.push(chart); }
  }

  function resizeAll() { charts.forEach(function (chart) { chart.resize(); }); }

  document.querySelectorAll(".chart[data-chart-kind]").forEach(draw);
  document.querySelectorAll("button[data-chart][data-series]").forEach(function (button) {
    button.addEventListener("click", function () {
      var el = document.getElementById(button.getAttribute("data-chart"));
      if (!el) { return; }
      el.setAttribute("data-series", button.getAttribute("data-series"));
      document.querySelectorAll('button[data-chart="' + el.id + '"]').forEach(function (other) {
        var on = other === button;
        other.classList.toggle("active", on);
        other.setAttribute("aria-pressed", on ? "true" : "false");
      });
      draw(el);
    });
  });
  window.addEventListener("resize", resizeAll);
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);
})();
