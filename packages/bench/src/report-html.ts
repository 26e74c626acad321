import type { RunRecord } from './record.js';
import type { InstanceSummary } from './summary.js';

/** What the report shows; turned into JSON inside the page. */
interface ReportData {
  readonly title: string;
  readonly generated: string;
  readonly instances: {
    readonly instance: string;
    readonly best: string | undefined;
    readonly planners: {
      readonly planner: string;
      readonly mean: number;
      readonly ci95: number;
      readonly score: number;
      readonly planSeconds: number;
      readonly cumulative: number[];
      readonly tracked: Record<string, number[]>;
    }[];
  }[];
}

/** Mean of equally indexed arrays (runs may differ in length when episodes terminate early). */
function meanSeries(series: readonly (readonly number[])[]): number[] {
  const length = Math.max(0, ...series.map((s) => s.length));
  const out: number[] = [];
  for (let t = 0; t < length; t++) {
    const values = series.map((s) => s[t]).filter((v): v is number => v !== undefined);
    out.push(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length));
  }
  return out;
}

export function reportData(title: string, records: readonly RunRecord[], summaries: readonly InstanceSummary[], generated: string): ReportData {
  return {
    title,
    generated,
    instances: summaries.map((s) => ({
      instance: s.instance,
      best: s.best,
      planners: s.planners.map((p) => {
        const runs = records.filter((r) => r.instance === s.instance && r.planner === p.planner && r.status === 'ok');
        const keys = [...new Set(runs.flatMap((r) => Object.keys(r.tracked ?? {})))];
        return {
          planner: p.planner,
          mean: p.returns.mean,
          ci95: p.returns.ci95,
          score: p.score,
          planSeconds: p.planSeconds,
          cumulative: meanSeries(runs.map((r) => r.cumulativeReward ?? [])),
          tracked: Object.fromEntries(keys.map((k) => [k, meanSeries(runs.map((r) => r.tracked?.[k] ?? []))])),
        };
      }),
    })),
  };
}

/** JSON that is safe inside a <script> element (no `</script>`, no HTML comment openers). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * A single HTML file that works offline: ECharts inlined, the data as JSON,
 * every label inserted as text (never as HTML). Each chart has PNG and SVG
 * export buttons and sets `data-rendered` when drawn (the report test waits on it).
 */
export function renderReportHtml(data: ReportData, echartsSource: string): string {
  const safeLibrary = echartsSource.replace(/<\/script/gi, '<\\/script');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>RDDL benchmark report</title>
<style>
  body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 24px auto; max-width: 1200px; color: #1d2433; background: #fff; }
  h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 36px; border-bottom: 1px solid #dde3ee; padding-bottom: 4px; }
  table { border-collapse: collapse; margin: 12px 0; font-size: 13px; }
  th, td { border: 1px solid #dde3ee; padding: 4px 8px; text-align: right; } th { background: #f4f6fa; } td:first-child, th:first-child { text-align: left; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(540px, 1fr)); gap: 18px; }
  .card { border: 1px solid #dde3ee; border-radius: 6px; padding: 8px; }
  .chart { width: 100%; height: 340px; }
  .tools { text-align: right; } .tools button { font-size: 12px; margin-left: 6px; }
  .meta { color: #5b6478; font-size: 13px; }
</style>
</head>
<body>
<h1 id="title"></h1>
<p class="meta" id="meta"></p>
<div id="report"></div>
<script>${safeLibrary}</script>
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script>
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  document.getElementById('title').textContent = data.title;
  document.getElementById('meta').textContent = 'Generated ' + data.generated + '. Mean returns with 95% confidence intervals; every planner faced the same random draws (common random numbers).';
  var root = document.getElementById('report');
  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }
  function fmt(x) { if (x === null || !isFinite(x)) return '—'; var a = Math.abs(x); return (a !== 0 && (a >= 1e6 || a < 1e-3)) ? x.toExponential(3) : x.toFixed(a >= 100 ? 2 : 4); }
  function download(url, name) { var a = document.createElement('a'); a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove(); }
  function exportButtons(card, chart, name) {
    var tools = el('div', undefined, 'tools');
    var svg = el('button', 'SVG'); svg.onclick = function () { download(chart.getDataURL({ type: 'svg' }), name + '.svg'); };
    var png = el('button', 'PNG'); png.onclick = function () {
      var img = new Image();
      img.onload = function () { var c = document.createElement('canvas'); c.width = img.width * 2; c.height = img.height * 2; var g = c.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, c.width, c.height); g.drawImage(img, 0, 0, c.width, c.height); download(c.toDataURL('image/png'), name + '.png'); };
      img.src = chart.getDataURL({ type: 'svg' });
    };
    tools.appendChild(svg); tools.appendChild(png); card.insertBefore(tools, card.firstChild);
  }
  var charts = [];
  function chart(grid, title, name, option) {
    var card = el('div', undefined, 'card'); var box = el('div', undefined, 'chart');
    box.setAttribute('data-chart', name); card.appendChild(box); grid.appendChild(card);
    var c = echarts.init(box, null, { renderer: 'svg' });
    option.title = { text: title, left: 'center', textStyle: { fontSize: 14 } };
    option.animation = false;
    option.tooltip = option.tooltip || { trigger: 'axis' };
    c.on('finished', function () { box.setAttribute('data-rendered', '1'); });
    c.setOption(option);
    exportButtons(card, c, name);
    charts.push(c);
  }
  function steps(n) { var a = []; for (var i = 1; i <= n; i++) a.push(i); return a; }
  data.instances.forEach(function (inst, k) {
    root.appendChild(el('h2', inst.instance));
    var table = el('table'); var head = el('tr');
    ['planner', 'mean return', '95% CI', 'score', 'plan s/run'].forEach(function (h) { head.appendChild(el('th', h)); });
    table.appendChild(head);
    inst.planners.forEach(function (p) {
      var row = el('tr');
      [p.planner + (p.planner === inst.best ? ' (best)' : ''), fmt(p.mean), '± ' + fmt(p.ci95), isFinite(p.score) ? p.score.toFixed(3) : '—', p.planSeconds.toFixed(2)].forEach(function (v) { row.appendChild(el('td', v)); });
      table.appendChild(row);
    });
    root.appendChild(table);
    var grid = el('div', undefined, 'grid'); root.appendChild(grid);
    var longest = Math.max.apply(null, inst.planners.map(function (p) { return p.cumulative.length; }).concat([1]));
    chart(grid, 'Cumulative reward over time', 'cumulative-' + k, {
      legend: { bottom: 0 }, grid: { left: 70, right: 20, bottom: 50 },
      xAxis: { type: 'category', name: 'step', data: steps(longest) }, yAxis: { type: 'value', scale: true },
      series: inst.planners.map(function (p) { return { type: 'line', name: p.planner, showSymbol: false, data: p.cumulative }; })
    });
    chart(grid, 'Score (baseline = 0, best = 1)', 'score-' + k, {
      grid: { left: 110, right: 60 }, tooltip: { trigger: 'item' },
      xAxis: { type: 'value', min: 0, max: 1 }, yAxis: { type: 'category', data: inst.planners.map(function (p) { return p.planner; }) },
      series: [{ type: 'bar', data: inst.planners.map(function (p) { return isFinite(p.score) ? p.score : 0; }), label: { show: true, position: 'right', formatter: function (d) { return d.value.toFixed(3); } } }]
    });
    chart(grid, 'Planning time vs return', 'time-vs-return-' + k, {
      grid: { left: 70, right: 30, bottom: 50 }, tooltip: { trigger: 'item', formatter: function (d) { return d.seriesName + ': ' + fmt(d.value[1]) + ' in ' + d.value[0].toFixed(3) + ' s'; } },
      xAxis: { type: 'log', name: 'plan seconds per run', nameLocation: 'middle', nameGap: 26 }, yAxis: { type: 'value', name: 'mean return', scale: true },
      legend: { top: 26 },
      series: inst.planners.map(function (p) { return { type: 'scatter', name: p.planner, symbolSize: 12, data: [[Math.max(p.planSeconds, 1e-3), p.mean]] }; })
    });
    inst.planners.forEach(function (p, j) {
      var keys = Object.keys(p.tracked);
      if (keys.length === 0) return;
      var n = Math.max.apply(null, keys.map(function (key) { return p.tracked[key].length; }));
      // Portfolio weights are shown stacked (they sum to 1), like the FinRDDL paper's figures; other fluents as lines.
      var stacked = keys.length > 1 && keys.every(function (key) { return key.indexOf('weight') === 0; });
      chart(grid, p.planner + ': tracked state over time', 'tracked-' + k + '-' + j, {
        legend: { bottom: 0, type: 'scroll' }, grid: { left: 70, right: 20, bottom: 50 },
        xAxis: { type: 'category', name: 'step', data: steps(n) }, yAxis: stacked ? { type: 'value', min: 0, max: 1 } : { type: 'value', scale: true },
        series: keys.map(function (key) { return { type: 'line', name: key, showSymbol: false, areaStyle: stacked ? {} : undefined, stack: stacked ? 'w' : undefined, data: p.tracked[key] }; })
      });
    });
  });
  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
  document.body.setAttribute('data-charts', String(charts.length));
})();
</script>
</body>
</html>
`;
}
