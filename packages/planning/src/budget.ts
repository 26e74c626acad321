/** How much search a planner may do per decision (or in total, for planners that plan once). */
export type Budget = { readonly kind: 'iterations'; readonly iterations: number } | { readonly kind: 'seconds'; readonly seconds: number };

/** Parse `500it`, `500`, `2s`, `1.5s`, `250ms`; undefined when the text is not a budget. */
export function parseBudget(text: string): Budget | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(it|iter|iterations|s|sec|seconds|ms)?\s*$/i.exec(text);
  if (!m) return undefined;
  const value = Number(m[1]);
  const unit = (m[2] ?? 'it').toLowerCase();
  if (unit === 'ms') return value > 0 ? { kind: 'seconds', seconds: value / 1000 } : undefined;
  if (unit.startsWith('s')) return value > 0 ? { kind: 'seconds', seconds: value } : undefined;
  return Number.isInteger(value) && value > 0 ? { kind: 'iterations', iterations: value } : undefined;
}

export function formatBudget(b: Budget): string {
  return b.kind === 'iterations' ? `${b.iterations} iterations` : `${b.seconds} s`;
}

/**
 * Counts down a budget: `next()` is true while another iteration may start.
 * Iteration budgets are exact (reproducible); time budgets are anytime.
 */
export class BudgetClock {
  private count = 0;
  private readonly start = performance.now();
  constructor(
    private readonly budget: Budget,
    /** Always allow at least this many iterations, even when time runs out. */
    private readonly minimum = 1,
  ) {}

  next(): boolean {
    if (this.count < this.minimum) {
      this.count++;
      return true;
    }
    const ok = this.budget.kind === 'iterations' ? this.count < this.budget.iterations : (performance.now() - this.start) / 1000 < this.budget.seconds;
    if (ok) this.count++;
    return ok;
  }

  get iterations(): number {
    return this.count;
  }

  get elapsedSeconds(): number {
    return (performance.now() - this.start) / 1000;
  }
}
