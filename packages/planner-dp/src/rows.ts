import { formatValue } from '@rddl/sim';
import { noisyOnlyThrough, type ModelAnalysis } from './analyze.js';
import { coordinate, locate, nearest, type Axis } from './axis.js';
import { IdSet } from './id-set.js';
import type { StepEvaluator } from './outcomes.js';
import type { StateRegistry } from './state-registry.js';

/** The transitions of one state: per valid action, the expected reward and the next states with their probabilities. */
export interface StateRows {
  /** Indices (into the action set) of the actions valid in the state. */
  readonly actions: Int32Array;
  readonly rewards: Float64Array;
  /** Entries of the k-th valid action: starts[k] .. starts[k + 1]. */
  readonly starts: Int32Array;
  /** Id of the next discrete state. */
  readonly next: Int32Array;
  /** Grid cell (flat index) of the next continuous state; 0 without a grid. */
  readonly cells: Int32Array;
  readonly probs: Float64Array;
  /** Entry i's position in the values of the step whose position array is `valueIndexFor` (set by `backup`). */
  valueIndex?: Int32Array;
  valueIndexFor?: Int32Array;
}

/** The model produced a value the DP cannot use (NaN from a domain error, or a noise it cannot integrate). */
export class DpModelError extends Error {}

/** A copy that owns its arrays (rows from `build` are overwritten by the next call). */
export function copyRows(rows: StateRows): StateRows {
  return { actions: rows.actions, rewards: rows.rewards, starts: rows.starts, next: rows.next.slice(), cells: rows.cells.slice(), probs: rows.probs.slice() };
}

export function rowEntries(rows: StateRows): number {
  return rows.starts[rows.starts.length - 1]!;
}

/** Weights below this are snapped to the grid point (outcomes of grid quadrature land on points up to rounding). */
const SNAP = 1e-9;
/** Grid quadrature keeps the points whose density is within e^-32 (1e-14) of the largest. */
const DENSITY_CUTOFF = -32;
/** Standard deviations at which grid quadrature checks that the map is still affine (e^-32 = exp(-TAIL^2 / 2)). */
const TAIL = 8;

/**
 * Builds the rows of a state (set in the evaluator's S) over the action set:
 * every outcome of every valid action, mapped to the next discrete state's
 * id and the grid cells around the next continuous value (linear
 * interpolation weights multiply the outcome's probability).
 */
export class RowBuilder {
  /** Outcome evaluations so far (the measure of work). */
  work = 0;
  /** States and actions integrated by Gauss–Hermite because the grid quadrature did not apply there. */
  fallbacks = 0;
  private readonly discreteStatic: boolean;
  private readonly spot = { j: 0, f: 0 };
  private n = 0;
  private next = new Int32Array(256);
  private cells = new Int32Array(256);
  private probs = new Float64Array(256);
  /** Next states of the current action with their entry (exact mode merges outcomes that reach the same state). */
  private readonly merge = new IdSet();
  private readonly mergeEntry: number[] = [];
  private rewardSum = 0;
  private readonly rewardNoisy: boolean;
  private readonly rewardOnGrid: boolean;
  private weights = new Float64Array(0);
  private y0 = 0;
  private d = 0;
  /** Grid quadrature with a reward that does not read the draw: (probe, next discrete state, reward) determine the transition. */
  private readonly dedupe: boolean;
  private signatures = new Float64Array(64);
  private signatureCount = 0;
  private staticId = -1;
  private staticReward = 0;

  constructor(
    private readonly analysis: ModelAnalysis,
    private readonly ev: StepEvaluator,
    private readonly registry: StateRegistry,
    private readonly axes: readonly Axis[],
    private readonly quadrature: 'grid' | 'hermite',
    private readonly actions: readonly Float64Array[],
    private readonly outcomeLimit: number,
    /** Grid quadrature was asked for (not chosen automatically): no fallback. */
    private readonly strictGrid = false,
  ) {
    this.rewardNoisy = analysis.rewardNoisy;
    const discrete = new Set(registry.indices);
    this.discreteStatic = !analysis.cpfs.some((c, i) => analysis.noisy[i] && c.space === 'next' && discrete.has(c.index));
    // With grid quadrature and a reward that sees the draw only through the grid fluent's next value, the step need not run per outcome.
    this.rewardOnGrid = quadrature === 'grid' && this.discreteStatic && axes.length === 1 && noisyOnlyThrough(analysis, analysis.compiled.reward, new Set([axes[0]!.index]));
    this.dedupe = this.rewardOnGrid && !this.rewardNoisy;
  }

  /** Whether the next discrete state is known after `pre` (no draw reaches a discrete fluent). */
  get staticDiscrete(): boolean {
    return this.discreteStatic;
  }

  /** The rows of the state in the evaluator; they share this builder's buffers until the next call (see `copyRows`). */
  build(): StateRows {
    const ev = this.ev;
    const valid: number[] = [];
    const rewards: number[] = [];
    const starts: number[] = [0];
    this.n = 0;
    this.signatureCount = 0;
    for (let a = 0; a < this.actions.length; a++) {
      ev.A.set(this.actions[a]!);
      ev.pre();
      if (!ev.valid()) continue;
      this.rewardSum = 0;
      this.merge.clear();
      if (this.discreteStatic) this.staticId = this.registry.id(ev.N);
      if (!this.rewardNoisy) this.staticReward = ev.reward();
      let done = false;
      if (this.quadrature === 'grid' && this.probe()) {
        this.work += 3;
        if (this.dedupe && this.duplicate()) continue;
        done = this.gridOutcomes();
        if (done && this.dedupe) this.remember();
        if (!done) {
          // Not affine after all: drop this action's entries and integrate it by Gauss–Hermite.
          this.n = starts[starts.length - 1]!;
          this.rewardSum = 0;
          this.merge.clear();
        }
      }
      if (!done) this.work += ev.enumerate((p) => this.outcome(p), this.outcomeLimit);
      valid.push(a);
      rewards.push(this.rewardSum);
      starts.push(this.n);
    }
    return {
      actions: Int32Array.from(valid),
      rewards: Float64Array.from(rewards),
      starts: Int32Array.from(starts),
      next: this.next.subarray(0, this.n),
      cells: this.cells.subarray(0, this.n),
      probs: this.probs.subarray(0, this.n),
    };
  }

  /** Ids of the next discrete states of every valid action, when they do not depend on the draws (cheap reachability). */
  nextIds(out: IdSet): void {
    const ev = this.ev;
    for (let a = 0; a < this.actions.length; a++) {
      ev.A.set(this.actions[a]!);
      ev.pre();
      if (ev.valid()) out.add(this.registry.id(ev.N));
    }
  }

  /**
   * Probes the one Normal draw at 0, 1 and -1: the next grid coordinate is
   * y0 + d xi (d = 0 when it does not move or leaves the grid's domain).
   * False when it is not affine and the quadrature was not forced: this
   * state and action then use Gauss–Hermite nodes.
   */
  private probe(): boolean {
    const ev = this.ev;
    const axis = this.axes[0]!;
    ev.runAt(0);
    this.checkNext();
    const y0 = coordinate(axis, ev.N[axis.index]!);
    ev.runAt(1);
    const d = coordinate(axis, ev.N[axis.index]!) - y0;
    if (!Number.isFinite(y0) || !Number.isFinite(d)) {
      this.y0 = y0;
      this.d = 0;
      return true;
    }
    ev.runAt(-1);
    const ym = coordinate(axis, ev.N[axis.index]!);
    if (Math.abs(y0 - ym - d) > 1e-9 * Math.max(1, Math.abs(y0), Math.abs(d))) return this.notAffine();
    this.y0 = y0;
    this.d = d;
    return true;
  }

  /** An earlier action of this state had the same probe, next discrete state and reward: its transition is the same, so this one cannot be better. */
  private duplicate(): boolean {
    const sig = this.signatures;
    for (let k = 0; k < this.signatureCount; k++) {
      const b = k * 4;
      if (sig[b] === this.y0 && sig[b + 1] === this.d && sig[b + 2] === this.staticId && sig[b + 3] === this.staticReward) return true;
    }
    return false;
  }

  private remember(): void {
    if ((this.signatureCount + 1) * 4 > this.signatures.length) {
      const grown = new Float64Array(this.signatures.length * 2);
      grown.set(this.signatures);
      this.signatures = grown;
    }
    this.signatures.set([this.y0, this.d, this.staticId, this.staticReward], this.signatureCount * 4);
    this.signatureCount++;
  }

  /** Das et al.'s construction: the Normal draw takes the values that put the next coordinate on each grid point, with normalised densities. */
  private gridOutcomes(): boolean {
    const ev = this.ev;
    const axis = this.axes[0]!;
    const { y0, d } = this;
    if (d === 0) {
      ev.runAt(0);
      this.outcome(1);
      return true;
    }
    const c = axis.coords;
    const n = c.length;
    const top = nearest(axis, y0);
    const zTop = (c[top]! - y0) / d;
    const eMax = -0.5 * zTop * zTop;
    // Log-densities relative to the largest, kept while above the cutoff.
    let lo = top;
    let hi = top;
    const rel = (j: number) => {
      const z = (c[j]! - y0) / d;
      return -0.5 * z * z - eMax;
    };
    while (lo > 0 && rel(lo - 1) > DENSITY_CUTOFF) lo--;
    while (hi < n - 1 && rel(hi + 1) > DENSITY_CUTOFF) hi++;
    const step = c[1]! - c[0]!;
    if (this.weights.length < n) this.weights = new Float64Array(n);
    const w = this.weights;
    // Densities along the evenly spaced points by recurrence: w_j+1 = w_j r_j, r_j+1 = r_j exp(-delta^2) (two exponentials per row).
    const delta = step / d;
    const z = (c[lo]! - y0) / d;
    let r = Math.exp(-z * delta - (delta * delta) / 2);
    const q = Math.exp(-delta * delta);
    w[lo] = Math.exp(rel(lo));
    let total = w[lo]!;
    for (let j = lo + 1; j <= hi; j++) {
      w[j] = w[j - 1]! * r;
      r *= q;
      total += w[j]!;
    }
    // The probe saw three values of the draw; the map must stay affine over all of its significant range (a clamp such as max[0, .] may not),
    // also beyond the grid, where Das et al.'s renormalisation assumes the row simply continues.
    const near = (y: number, target: number) => Math.abs(y - target) <= 1e-9 * Math.max(1, Math.abs(target), Math.abs(d));
    const lands = (j: number) => near(coordinate(axis, ev.N[axis.index]!), c[j]!);
    for (const xi of [-TAIL, TAIL]) {
      ev.runAt(xi);
      if (!near(coordinate(axis, ev.N[axis.index]!), y0 + xi * d)) return this.notAffine();
    }
    if (this.rewardOnGrid) {
      // The same values as running the step at each point: only the reward reads the draw, through the grid fluent.
      for (let j = lo; j <= hi; j++) {
        const p = w[j]! / total;
        let r = this.staticReward;
        if (this.rewardNoisy) {
          ev.N[axis.index] = axis.values[j]!;
          r = ev.reward();
          if (Number.isNaN(r)) this.nanError('the reward');
        }
        this.rewardSum += p * r;
        this.push(this.staticId, j, p);
      }
      this.work += hi - lo + 3;
      return true;
    }
    for (let j = lo; j <= hi; j++) {
      ev.runAt((c[j]! - y0) / d);
      if (!lands(j)) return this.notAffine();
      this.push(this.common(w[j]! / total), j, w[j]! / total);
    }
    this.work += hi - lo + 1;
    return true;
  }

  /** The grid quadrature does not apply to this state and action: an error when it was asked for, else counted (Gauss–Hermite is used). */
  private notAffine(): false {
    if (this.strictGrid) {
      throw new DpModelError(`grid quadrature needs ${this.axes[0]!.name} to move affinely with the Normal draw in every state; it does not in ${this.describeState()} (use --option quadrature=hermite)`);
    }
    this.fallbacks++;
    return false;
  }

  private checkNext(): void {
    const N = this.ev.N;
    for (let i = 0; i < N.length; i++) if (Number.isNaN(N[i]!)) this.nanError(`the next value of ${this.analysis.compiled.layout.state.fluents[i]!.name}`);
  }

  /** Checks the outcome, adds its reward; returns the next discrete state's id. */
  private common(p: number): number {
    const ev = this.ev;
    const N = ev.N;
    this.checkNext();
    const r = this.rewardNoisy ? ev.reward() : this.staticReward;
    if (Number.isNaN(r)) this.nanError('the reward');
    this.rewardSum += p * r;
    return this.discreteStatic ? this.staticId : this.registry.id(N);
  }

  private outcome(p: number): void {
    const N = this.ev.N;
    const id = this.common(p);
    const axes = this.axes;
    if (axes.length === 0) {
      // Exact mode: merge outcomes that reach the same state.
      const k = this.merge.indexOf(id);
      if (k >= 0) this.probs[this.mergeEntry[k]!]! += p;
      else {
        this.mergeEntry[this.merge.add(id)] = this.n;
        this.push(id, 0, p);
      }
      return;
    }
    const s = this.spot;
    locate(axes[0]!, coordinate(axes[0]!, N[axes[0]!.index]!), s);
    const j0 = s.j;
    const f0 = s.f;
    if (axes.length === 1) {
      this.cell(id, j0, f0, p);
      return;
    }
    const a1 = axes[1]!;
    locate(a1, coordinate(a1, N[a1.index]!), s);
    const n1 = a1.coords.length;
    if (f0 < 1 - SNAP) this.cell(id, j0 * n1 + s.j, s.f, p * (f0 < SNAP ? 1 : 1 - f0));
    if (f0 > SNAP) this.cell(id, (j0 + 1) * n1 + s.j, s.f, p * (f0 > 1 - SNAP ? 1 : f0));
  }

  /** Cell `flat` and the next point along the last axis, weights 1 - f and f. */
  private cell(id: number, flat: number, f: number, p: number): void {
    if (f < SNAP) this.push(id, flat, p);
    else if (f > 1 - SNAP) this.push(id, flat + 1, p);
    else {
      this.push(id, flat, p * (1 - f));
      this.push(id, flat + 1, p * f);
    }
  }

  private push(id: number, cell: number, p: number): void {
    if (this.n === this.next.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.next = grow(this.next, (n) => new Int32Array(n));
      this.cells = grow(this.cells, (n) => new Int32Array(n));
      this.probs = grow(this.probs, (n) => new Float64Array(n));
    }
    this.next[this.n] = id;
    this.cells[this.n] = cell;
    this.probs[this.n] = p;
    this.n++;
  }

  private nanError(what: string): never {
    throw new DpModelError(`${what} is not a number (a domain error such as a division by zero) in ${this.describeState()}`);
  }

  private describeState(): string {
    const L = this.analysis.compiled.layout;
    const state = L.state.fluents.map((f, i) => `${f.name}=${formatValue(f, this.ev.S[i]!)}`).join(', ');
    const action = L.action.fluents.map((f, i) => `${f.name}=${formatValue(f, this.ev.A[i]!)}`).join(', ');
    return `state (${state}) with action (${action})`;
  }
}
