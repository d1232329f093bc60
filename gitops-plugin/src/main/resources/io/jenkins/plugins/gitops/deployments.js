// Draws the deployments view's charts with echarts-api (loaded before this adjunct): the trends per build, and per
// environment its DORA figures over time. The data is JSON shaped by the engine (numbers, dates and build labels
// only): the figures' in data attributes, the trends fetched from the view's chartJson. Colours come from Jenkins' theme variables.
(function () {
  function themeColor(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function bar(name, data, color, stack) {
    return { name: name, type: "bar", stack: stack, data: data, itemStyle: { color: color } };
  }

  function draw(element, data) {
    var text = themeColor("--text-color", "#333");
    var changes = element.dataset.gitopsSeries === "changes";
    var series = changes
      ? [bar("created", data.created, themeColor("--green", "#138347"), "c"),
         bar("updated", data.updated, themeColor("--orange", "#b85e00"), "c"),
         bar("deleted", data.deleted, themeColor("--red", "#d2001c"), "c")]
      : [bar("succeeded", data.succeeded, themeColor("--green", "#138347"), "o"),
         bar("failed", data.failed, themeColor("--red", "#d2001c"), "o")];
    var chart = echarts.init(element);
    chart.setOption({
      title: { text: changes ? "Changes applied per build" : "Applies per build", textStyle: { color: text, fontSize: 14 } },
      tooltip: { trigger: "axis" },
      legend: { bottom: 0, textStyle: { color: text } },
      grid: { left: 40, right: 16, top: 40, bottom: 40 },
      xAxis: { type: "category", data: data.builds, axisLabel: { color: text } },
      yAxis: { type: "value", minInterval: 1, axisLabel: { color: text } },
      series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  // Deployments per day as bars, failed attempts marked above them, the median lead time as a line on its own axis.
  function drawMetrics(element, data) {
    var text = themeColor("--text-color", "#333");
    var red = themeColor("--red", "#d2001c");
    var lead = "lead time, median (" + data.leadTimeUnit + ")";
    var chart = echarts.init(element);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { bottom: 0, textStyle: { color: text } },
      grid: { left: 36, right: 44, top: 36, bottom: 64 },
      xAxis: { type: "category", data: data.dates, axisLabel: { color: text } },
      yAxis: [
        { type: "value", name: "per day", minInterval: 1, nameTextStyle: { color: text }, axisLabel: { color: text } },
        { type: "value", name: data.leadTimeUnit, nameTextStyle: { color: text }, axisLabel: { color: text },
          splitLine: { show: false } }
      ],
      series: [
        bar("deployments", data.deployments, themeColor("--green", "#138347")),
        // Outlined in the page's background, so a mark stays visible where it overlaps a deployment's bar.
        { name: "failed", type: "scatter", data: data.failed, symbol: "triangle", symbolSize: 14, z: 3,
          itemStyle: { color: red, borderColor: themeColor("--background", "#fff"), borderWidth: 1.5 } },
        { name: lead, type: "line", yAxisIndex: 1, data: data.leadTime, connectNulls: true,
          itemStyle: { color: themeColor("--blue", "#0b6aa2") } }
      ]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-gitops-metrics]").forEach(function (element) {
      if (typeof echarts === "undefined") {
        element.hidden = true;
        return;
      }
      drawMetrics(element, JSON.parse(element.dataset.gitopsMetrics));
    });
    // The trends are fetched after the page has shown (as warnings-ng loads its trend charts), so the tables do not
    // wait for them; a failed fetch hides the charts rather than breaking the page.
    document.querySelectorAll("[data-gitops-chart-url]").forEach(function (holder) {
      if (typeof echarts === "undefined") {
        holder.hidden = true;
        return;
      }
      fetch(holder.dataset.gitopsChartUrl, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          if (data.builds.length === 0) {
            holder.hidden = true;
            return;
          }
          holder.querySelectorAll(".gitops-chart").forEach(function (element) { draw(element, data); });
        })
        .catch(function () { holder.hidden = true; });
    });
  });
})();
