import { describeAction } from './actions.js';
import type { DpSolution } from './solution.js';

/** Most rows of states drawn in exact mode (the first states found). */
const MAX_ROWS = 400;

/**
 * The policy over (time, state) as an SVG heatmap, like Figure 2 of the
 * goal-based wealth thesis: the action at every step and grid point (the
 * first discrete state of the step when there are several), or, in exact
 * mode, at every step and reachable state (by index). With two continuous
 * fluents: the first step over both. ECharts is loaded here only (it takes
 * most of a second), not with the planner.
 */
export async function policyHeatmap(solution: DpSolution): Promise<string> {
  const echarts = await import('echarts');
  const { layers, axes, compiled, actions } = solution;
  const cells: [number, number, number][] = [];
  let xLabels: string[];
  let yLabels: string[];
  let xName = 'step';
  let yName: string;
  const fmt = (v: number) => Number(v.toPrecision(4)).toString();
  if (axes.length === 2) {
    const [a, b] = axes as [(typeof axes)[0], (typeof axes)[0]];
    xLabels = [...a.values].map(fmt);
    yLabels = [...b.values].map(fmt);
    xName = `${a.name} (step 0)`;
    yName = b.name;
    const layer = layers[0]!;
    for (let i = 0; i < a.values.length; i++) for (let k = 0; k < b.values.length; k++) push(i, k, layer.policy[i * b.values.length + k]!);
  } else {
    xLabels = layers.map((_, t) => String(t));
    if (axes.length === 1) {
      yLabels = [...axes[0]!.values].map(fmt);
      yName = axes[0]!.name;
      layers.forEach((layer, t) => {
        for (let g = 0; g < solution.gridSize; g++) push(t, g, layer.policy[g]!);
      });
    } else {
      // One row per state (by the order the search found it), the same row at every step.
      const rows = Math.min(MAX_ROWS, solution.registry.size);
      yLabels = Array.from({ length: rows }, (_, i) => String(i));
      yName = 'reachable state (order found)';
      layers.forEach((layer, t) => {
        layer.ids.forEach((id, k) => {
          if (id < rows) push(t, id, layer.policy[k]!);
        });
      });
    }
  }
  function push(x: number, y: number, action: number): void {
    if (action >= 0) cells.push([x, y, action]);
  }
  const used = [...new Set(cells.map((c) => c[2]))].sort((p, q) => p - q);
  const palette = ['#313695', '#4575b4', '#74add1', '#abd9e9', '#e0f3f8', '#ffffbf', '#fee090', '#fdae61', '#f46d43', '#d73027', '#a50026'];
  const colour = (k: number) => palette[Math.round((k / Math.max(1, used.length - 1)) * (palette.length - 1))]!;
  const labels = used.slice(0, 40).map((a) => describeAction(compiled, actions[a]!));
  const legendWidth = Math.min(420, 50 + 6 * Math.max(...labels.map((l) => l.length), 4));
  const width = 700 + legendWidth;
  const height = 640;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    title: { text: `Policy of the DP: ${compiled.model.domainName} / ${compiled.model.instanceName}`, left: 'center', textStyle: { fontSize: 14 } },
    grid: { left: 90, right: legendWidth + 20, top: 50, bottom: 60 },
    xAxis: { type: 'category', data: xLabels, name: xName, nameLocation: 'middle', nameGap: 30, splitArea: { show: false } },
    yAxis: { type: 'category', data: yLabels, name: yName, nameLocation: 'middle', nameGap: 65 },
    visualMap: {
      type: 'piecewise',
      dimension: 2,
      left: 700 + 10,
      top: 'middle',
      pieces: used.slice(0, 40).map((a, k) => ({ value: a, label: labels[k], color: colour(k) })),
      textStyle: { fontSize: 10 },
    },
    series: [{ type: 'heatmap', data: cells, progressive: 0 }],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
