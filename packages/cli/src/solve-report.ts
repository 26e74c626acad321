import asciichart from 'asciichart';
import type { CompiledModel } from '@rddl/compiler';
import type { PlannerEvaluation } from '@rddl/planning';
import { compareReturns } from '@rddl/planning';
import { formatValue } from '@rddl/sim';

export function fmt(x: number): string {
  if (Number.isNaN(x)) return 'n/a';
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e9) return String(x);
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-3) return x.toExponential(3);
  return x.toFixed(a >= 100 ? 2 : 4);
}

/** The summary table: each planner's mean return ± CI, paired differences against the baselines, planning time. */
export function summaryTable(main: PlannerEvaluation, baselines: readonly PlannerEvaluation[]): string {
  const all = [main, ...baselines];
  const header = ['planner', 'mean return ± 95% CI', ...baselines.map((b) => `vs ${b.planner} (paired)`), 'plan time'];
  const rows = all.map((e) => {
    const s = e.result.summary;
    const diffs = baselines.map((b) => {
      if (b === e) return '—';
      const d = compareReturns(e, b);
      const sig = d.mean - d.ci95 > 0 ? ' better' : d.mean + d.ci95 < 0 ? ' worse' : '';
      return `${d.mean >= 0 ? '+' : ''}${fmt(d.mean)} ± ${fmt(d.ci95)}${sig}`;
    });
    return [e.planner, `${fmt(s.mean)} ± ${fmt(s.ci95)}`, ...diffs, `${e.planSeconds.toFixed(2)} s`];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Mean cumulative reward by step for each planner, as a terminal chart. */
export function cumulativeChart(series: readonly { name: string; rewardByStep: Float64Array; count: Float64Array }[], color: boolean, height = 12): string {
  const lines = series.map((s) => {
    const out: number[] = [];
    let cum = 0;
    for (let t = 0; t < s.rewardByStep.length; t++) {
      if (s.count[t]! === 0) break;
      cum += s.rewardByStep[t]! / s.count[t]!;
      out.push(cum);
    }
    return out;
  });
  const longest = Math.max(...lines.map((l) => l.length));
  if (longest < 2) return '';
  // Keep the chart within 80 columns by averaging over buckets of steps.
  const width = Math.min(70, longest);
  const sampled = lines.map((l) => Array.from({ length: width }, (_, i) => l[Math.min(l.length - 1, Math.round((i * (longest - 1)) / (width - 1)))]!));
  // Without colour the lines are told apart by their order in the legend only, so say so.
  const colors = [asciichart.green, asciichart.blue, asciichart.red, asciichart.yellow, asciichart.magenta];
  const chart = asciichart.plot(sampled, { height, ...(color ? { colors: colors.slice(0, sampled.length) } : {}), format: (x: number) => fmt(x).padStart(10) });
  const legend = color ? series.map((s, i) => `${['green', 'blue', 'red', 'yellow', 'magenta'][i % 5]}: ${s.name}`).join('   ') : series.map((s) => s.name).join(', ');
  return `mean cumulative reward over ${longest} steps (${legend})\n${chart}`;
}

/** The first actions of an episode: only the actions that differ from their defaults. */
export function describeActions(compiled: CompiledModel, actions: readonly Float64Array[], limit = 5): string[] {
  const fluents = compiled.layout.action.fluents;
  return actions.slice(0, limit).map((a, t) => {
    const parts: string[] = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== compiled.defaultAction[i]) parts.push(`${fluents[i]!.name}=${formatValue(fluents[i]!, a[i]!)}`);
    return `  t=${t}: ${parts.length ? parts.slice(0, 12).join(', ') + (parts.length > 12 ? `, ... (${parts.length - 12} more)` : '') : 'noop'}`;
  });
}
