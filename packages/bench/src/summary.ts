import { pairedDifference, summarize, type Summary } from '@rddl/sim';
import type { RunRecord } from './record.js';

/** One planner on one instance, all seeds pooled (episode i of seed s pairs with the same episode of other planners). */
export interface PlannerSummary {
  readonly planner: string;
  readonly runs: number;
  readonly failed: number;
  readonly returns: Summary;
  /** Mean planning seconds per run. */
  readonly planSeconds: number;
  /** IPPC-style score in [0, 1]: baseline = 0, best planner = 1. */
  readonly score: number;
  /** Paired difference against the best planner (undefined for the best itself). */
  readonly versusBest: Summary | undefined;
}

export interface InstanceSummary {
  readonly instance: string;
  readonly planners: readonly PlannerSummary[];
  readonly best: string | undefined;
  /** The baseline value scored 0 (the best of the baselines' means). */
  readonly baseline: number | undefined;
}

/** Returns keyed by seed and episode, so planners can be paired. */
function pairedReturns(records: readonly RunRecord[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of records) r.returns?.forEach((v, i) => out.set(`${String(r.seed)}#${i}`, v));
  return out;
}

/**
 * Per instance: each planner's mean return with a 95% CI over every episode
 * of every seed, planning time, the IPPC score
 * `max(0, (mean − baseline) / (best − baseline))` with baseline the best mean
 * among the baseline planners (noop and random by default), and the paired
 * difference to the best planner.
 */
export function summarizeResults(records: readonly RunRecord[], baselines: readonly string[] | undefined): InstanceSummary[] {
  const instances = [...new Set(records.map((r) => r.instance))];
  return instances.map((instance) => {
    const forInstance = records.filter((r) => r.instance === instance);
    const planners = [...new Set(forInstance.map((r) => r.planner))];
    const pooled = planners.map((planner) => {
      const runs = forInstance.filter((r) => r.planner === planner);
      const ok = runs.filter((r) => r.status === 'ok');
      const paired = pairedReturns(ok);
      const values = [...paired.values()];
      const planSeconds = ok.length ? ok.reduce((s, r) => s + (r.planSeconds ?? 0), 0) / ok.length : 0;
      return { planner, runs: runs.length, failed: runs.length - ok.length, paired, returns: summarize(values), planSeconds };
    });
    const valid = pooled.filter((p) => p.returns.n > 0);
    const bestEntry = valid.reduce<(typeof valid)[number] | undefined>((b, p) => (!b || p.returns.mean > b.returns.mean ? p : b), undefined);
    const baselineNames = baselines ?? ['noop', 'random'];
    const baseEntries = valid.filter((p) => baselineNames.includes(p.planner));
    const baseline = baseEntries.length ? Math.max(...baseEntries.map((p) => p.returns.mean)) : undefined;
    const summaries: PlannerSummary[] = pooled.map((p) => {
      let score = Number.NaN;
      if (bestEntry && baseline !== undefined && p.returns.n > 0) {
        const span = bestEntry.returns.mean - baseline;
        score = span > 0 ? Math.max(0, Math.min(1, (p.returns.mean - baseline) / span)) : p.returns.mean >= baseline ? 1 : 0;
      }
      let versusBest: Summary | undefined;
      if (bestEntry && p !== bestEntry && p.returns.n > 0) {
        const keys = [...p.paired.keys()].filter((k) => bestEntry.paired.has(k));
        versusBest = pairedDifference(
          keys.map((k) => p.paired.get(k)!),
          keys.map((k) => bestEntry.paired.get(k)!),
        );
      }
      return { planner: p.planner, runs: p.runs, failed: p.failed, returns: p.returns, planSeconds: p.planSeconds, score, versusBest };
    });
    return { instance, planners: summaries, best: bestEntry?.planner, baseline };
  });
}

function num(x: number): string {
  if (!Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return x.toExponential(3);
  return x.toFixed(a >= 100 ? 2 : 4);
}

const columns = ['instance', 'planner', 'mean return', '95% CI', 'vs best (paired)', 'score', 'plan s/run', 'runs', 'failed'];

function rows(summaries: readonly InstanceSummary[]): string[][] {
  return summaries.flatMap((s) =>
    s.planners.map((p) => [
      s.instance,
      p.planner,
      num(p.returns.mean),
      num(p.returns.ci95),
      p.versusBest ? `${num(p.versusBest.mean)} ± ${num(p.versusBest.ci95)}` : p.planner === s.best ? 'best' : '—',
      Number.isFinite(p.score) ? p.score.toFixed(3) : '—',
      p.planSeconds.toFixed(2),
      String(p.runs),
      String(p.failed),
    ]),
  );
}

export function summaryText(summaries: readonly InstanceSummary[]): string {
  const body = rows(summaries);
  const widths = columns.map((c, i) => Math.max(c.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function summaryCsv(summaries: readonly InstanceSummary[]): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const header = ['instance', 'planner', 'mean_return', 'ci95', 'std', 'n', 'vs_best_mean', 'vs_best_ci95', 'score', 'plan_seconds_per_run', 'runs', 'failed'];
  const lines = summaries.flatMap((s) =>
    s.planners.map((p) =>
      [s.instance, p.planner, p.returns.mean, p.returns.ci95, p.returns.std, p.returns.n, p.versusBest?.mean ?? '', p.versusBest?.ci95 ?? '', Number.isFinite(p.score) ? p.score : '', p.planSeconds, p.runs, p.failed]
        .map((v) => quote(String(v)))
        .join(','),
    ),
  );
  return `${[header.join(','), ...lines].join('\n')}\n`;
}

export function summaryMarkdown(summaries: readonly InstanceSummary[]): string {
  const escape = (v: string) => v.replace(/\|/g, '\\|');
  const body = rows(summaries).map((r) => `| ${r.map(escape).join(' | ')} |`);
  return [`| ${columns.join(' | ')} |`, `|${columns.map(() => '---').join('|')}|`, ...body].join('\n') + '\n';
}
