import type { ModelAnalysis } from './analyze.js';
import { DrawOutcomes, fillDiscrete, fillOutcomes, lazyStream, type DrawRules } from './draw-outcomes.js';
import { compileStep, type DrawHooks, type StepProgram } from './program.js';

/** More outcomes than allowed for one state and action. */
export class OutcomeLimitError extends Error {
  constructor(readonly limit: number) {
    super(`one state and action has more than ${limit} outcomes`);
  }
}

/**
 * Evaluates the model's step for one state and action over every outcome of
 * its random draws. The draws met while evaluating are enumerated depth
 * first: the step is re-run with the next combination of outcomes, so a draw
 * that a branch skips is never enumerated, and a draw whose parameters
 * depend on earlier draws gets them. Alternatively (`runAt`) the one Normal
 * draw of the step is fixed at a given standard value.
 */
export class StepEvaluator implements DrawHooks {
  readonly program: StepProgram;
  readonly S: Float64Array;
  readonly A: Float64Array;
  readonly N: Float64Array;
  readonly I: Float64Array;
  private readonly points: DrawOutcomes[] = [];
  private depth = 0;
  private size = 0;
  private fixed = false;
  private xi = 0;
  private readonly stream;

  constructor(
    readonly analysis: ModelAnalysis,
    private readonly rules: DrawRules,
  ) {
    const L = analysis.compiled.layout;
    this.S = new Float64Array(L.state.size);
    this.A = new Float64Array(L.action.size);
    this.N = new Float64Array(L.state.size);
    this.I = new Float64Array(Math.max(1, L.interm.size));
    this.stream = lazyStream(rules.seed);
    this.program = compileStep(analysis, this);
  }

  draw(k: number, a: number, b: number): number {
    if (this.fixed) return a + Math.sqrt(b) * this.xi;
    if (this.depth < this.size) {
      const p = this.points[this.depth++]!;
      return p.values[p.i]!;
    }
    const p = this.point();
    fillOutcomes(this.analysis.random[k]!, a, b, this.rules, p, this.stream);
    return p.values[0]!;
  }

  discrete(k: number, probs: Float64Array): number {
    if (this.depth < this.size) {
      const p = this.points[this.depth++]!;
      return p.values[p.i]!;
    }
    const p = this.point();
    fillDiscrete(this.analysis.random[k]!, probs, p);
    return p.values[0]!;
  }

  private point(): DrawOutcomes {
    if (this.size === this.points.length) this.points.push(new DrawOutcomes());
    const p = this.points[this.size++]!;
    p.i = 0;
    this.depth++;
    return p;
  }

  /** Static CPFs of (S, A); then `valid()` and the enumeration. */
  pre(): void {
    this.program.pre(this.S, this.A, this.N, this.I);
  }

  valid(): boolean {
    return this.program.preconditions(this.S, this.A, this.N, this.I);
  }

  reward(): number {
    return this.program.reward(this.S, this.A, this.N, this.I);
  }

  /** Call `visit(p)` with N and I set to every outcome of (S, A) in turn (after `pre`); returns the number of outcomes. */
  enumerate(visit: (p: number) => void, limit: number): number {
    this.fixed = false;
    this.size = 0;
    let count = 0;
    for (;;) {
      this.depth = 0;
      this.program.post(this.S, this.A, this.N, this.I);
      // A different branch may have met fewer draws than the previous path.
      this.size = this.depth;
      let p = 1;
      for (let i = 0; i < this.size; i++) {
        const d = this.points[i]!;
        p *= d.probs[d.i]!;
      }
      if (++count > limit) throw new OutcomeLimitError(limit);
      visit(p);
      let top = this.size - 1;
      while (top >= 0 && this.points[top]!.i === this.points[top]!.n - 1) top--;
      if (top < 0) return count;
      this.points[top]!.i++;
      this.size = top + 1;
    }
  }

  /** Evaluate the noisy CPFs with every Normal draw at mean + sd * xi. */
  runAt(xi: number): void {
    this.fixed = true;
    this.xi = xi;
    this.program.post(this.S, this.A, this.N, this.I);
    this.fixed = false;
  }
}
