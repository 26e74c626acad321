import type { ModelAnalysis } from './analyze.js';
import { makeAxis, type Axis } from './axis.js';
import { invariantBounds, thresholdsOf } from './breakpoints.js';
import { perDimension, type DpOptions } from './options.js';
import type { StepEvaluator } from './outcomes.js';

/** The grid cannot be built as asked, or not derived from the model. */
export class GridError extends Error {}

export interface GridDesign {
  readonly axes: readonly Axis[];
  /** `grid`: the one Normal draw's outcomes land on the grid points (Das et al.); `hermite`: Gauss–Hermite nodes, interpolated. */
  readonly quadrature: 'grid' | 'hermite';
  /** One line for reports. */
  readonly description: string;
}

/** Standard values at which the single Normal draw is probed to test that a coordinate moves affinely with it. */
const PROBES = [0, 1, -1, 2.5];

function affine(ys: readonly number[]): boolean {
  const [y0, y1, ym, y2] = ys as [number, number, number, number];
  const d = y1 - y0;
  const tol = 1e-9 * Math.max(1, Math.abs(y0), Math.abs(d));
  return ys.every(Number.isFinite) && Math.abs(y0 - ym - d) <= tol && Math.abs(y2 - y0 - 2.5 * d) <= tol;
}

/**
 * Per continuous fluent and action at the initial state: the next value at
 * the probes (single Normal draw) or the mean and variance of the next value
 * over the enumerated outcomes (otherwise).
 */
interface Probe {
  readonly ys: number[][];
  /** Per action: [mean, variance] of the next value, per dimension. */
  readonly moments: [number, number][][];
}

function probeActions(analysis: ModelAnalysis, ev: StepEvaluator, actions: readonly Float64Array[], singleNormal: boolean, outcomeLimit: number): Probe {
  const dims = analysis.continuous;
  const ys: number[][] = dims.map(() => []);
  const moments: [number, number][][] = [];
  ev.S.set(analysis.compiled.initialState);
  for (const a of actions) {
    ev.A.set(a);
    ev.pre();
    if (!ev.valid()) continue;
    if (singleNormal) {
      const values = PROBES.map((xi) => {
        ev.runAt(xi);
        return dims.map((i) => ev.N[i]!);
      });
      dims.forEach((_, d) => ys[d]!.push(...values.map((v) => v[d]!)));
    }
    const m = dims.map(() => [0, 0] as [number, number]);
    ev.enumerate((p) => {
      dims.forEach((i, d) => {
        m[d]![0] += p * ev.N[i]!;
        m[d]![1] += p * ev.N[i]! * ev.N[i]!;
      });
    }, outcomeLimit);
    moments.push(m.map(([s, s2]) => [s, Math.max(0, s2 - s * s)]));
  }
  return { ys, moments };
}

/** Split flat probe values (4 per action) into per-action lists. */
function perAction(values: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < values.length; i += PROBES.length) out.push(values.slice(i, i + PROBES.length));
  return out;
}

export function designGrid(analysis: ModelAnalysis, ev: StepEvaluator, actions: readonly Float64Array[], options: DpOptions): GridDesign {
  const { compiled } = analysis;
  const dims = analysis.continuous;
  const names = dims.map((i) => compiled.layout.state.fluents[i]!.name);
  const das = options.grid === 'das';
  if (dims.length > 2) throw new GridError(`${dims.length} continuous state fluents (${names.join(', ')}); grid mode handles at most 2`);
  if (das && dims.length !== 1) throw new GridError(`the Das grid is for one continuous state fluent; this model has ${dims.length} (${names.join(', ')})`);
  const singleNormal = analysis.random.length === 1 && analysis.random[0]!.dist === 'Normal';
  const probe = probeActions(analysis, ev, actions, singleNormal, options.outcomeLimit);
  if (probe.moments.length === 0) throw new GridError('no action is valid in the initial state');

  // Log spacing when the fluent is positive and its logarithm moves affinely with the Normal draw (multiplicative noise).
  const x0s = dims.map((i) => compiled.initialState[i]!);
  const logs = dims.map((_, d) => {
    if (options.spacing !== 'auto' && !das) return options.spacing === 'log';
    const rows = singleNormal ? perAction(probe.ys[d]!) : [];
    const logAffine = singleNormal && x0s[d]! > 0 && rows.every((r) => r.every((x) => x > 0) && affine(r.map(Math.log)));
    if (das && !logAffine) throw new GridError(`the Das grid needs ${names[d]} to be lognormal given the state and action (${names[d]}' = ${names[d]} * exp(a + b Z), one Normal draw Z)`);
    const linearAffine = singleNormal && rows.every((r) => affine(r));
    return logAffine && !linearAffine;
  });
  if (logs.some((l, d) => l && !(x0s[d]! > 0))) throw new GridError(`log spacing needs a positive initial value of ${names[logs.findIndex((l) => l)]}`);

  // Grid quadrature: the one Normal draw moves the one grid coordinate affinely.
  const gridPossible = dims.length === 1 && singleNormal && perAction(probe.ys[0]!).every((r) => affine(r.map(coordinateOf(logs[0]!))) || !Number.isFinite(coordinateOf(logs[0]!)(r[0]!)));
  if (options.quadrature === 'grid' && !gridPossible) {
    throw new GridError('grid quadrature needs one continuous state fluent moved affinely (in its grid coordinate) by the model\'s only random draw, a Normal');
  }
  const quadrature = das || options.quadrature === 'grid' || (options.quadrature === 'auto' && gridPossible) ? 'grid' : 'hermite';

  // Transitions whose outcome reaches the return: the last one only when the reward depends on it.
  const T = Math.max(1, compiled.horizon - 1 + (analysis.rewardNoisy ? 1 : 0));
  const axes = dims.map((index, d) => {
    const log = logs[d]!;
    const coord = coordinateOf(log);
    const y0 = coord(x0s[d]!);
    // Per action: drift and sd of the coordinate in one step (exact for an affine Normal, else from the moments).
    const steps = singleNormal && affineRows(probe.ys[d]!, coord)
      ? perAction(probe.ys[d]!).map((r) => ({ drift: coord(r[0]!) - y0, sd: Math.abs(coord(r[1]!) - coord(r[0]!)) }))
      : probe.moments.map((m) => coordinateMoments(m[d]!, log, y0));
    const sdMax = Math.max(...steps.map((s) => s.sd));
    const k = das ? 3 : options.boundsSd;
    // Das et al. (2020): W0 exp((mu_min - s_max^2 / 2) T -/+ 3 s_max sqrt(T)), mu = drift + sd^2 / 2 per step.
    const rate = steps.map((s) => (log ? s.drift + (s.sd * s.sd) / 2 : s.drift));
    const correction = log ? (sdMax * sdMax) / 2 : 0;
    let lo = y0 + (Math.min(...rate) - correction) * T - k * sdMax * Math.sqrt(T);
    let hi = y0 + (Math.max(...rate) - correction) * T + k * sdMax * Math.sqrt(T);
    const thresholds = thresholdsOf(compiled, index).map(coord).filter(Number.isFinite);
    if (!das) {
      // Keep the start and the thresholds well inside; respect the invariants' bounds.
      const margin = k * sdMax;
      lo = Math.min(lo, y0 - margin, ...thresholds.map((b) => b - margin));
      hi = Math.max(hi, y0 + margin, ...thresholds.map((b) => b + margin));
      const inv = invariantBounds(compiled, index);
      const invLo = coord(inv.lower);
      const invHi = coord(inv.upper);
      if (Number.isFinite(invLo)) lo = Math.max(lo, invLo);
      if (Number.isFinite(invHi)) hi = Math.min(hi, invHi);
    }
    const userLo = perDimension(options.lower, d);
    const userHi = perDimension(options.upper, d);
    if (userLo !== undefined) lo = coord(userLo);
    if (userHi !== undefined) hi = coord(userHi);
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
      throw new GridError(`cannot derive grid bounds for ${names[d]} (got ${lo} .. ${hi} in its grid coordinate); give them with --option lower=... --option upper=...`);
    }
    const n = options.points ?? (das ? 200 : dims.length === 1 ? 400 : 60);
    const align = das ? [] : alignment(options.align, d, thresholds, coord);
    return alignedAxis(index, names[d]!, log, lo, hi, n, align);
  });
  const description = axes
    .map((a) => `${a.name}: ${a.coords.length} ${a.log ? 'log' : 'linear'} points ${fmt(a.values[0]!)}..${fmt(a.values[a.values.length - 1]!)}`)
    .join('; ');
  return { axes, quadrature, description: `${das ? 'Das grid, ' : ''}${description}, ${quadrature === 'grid' ? 'normalised densities on the grid' : `Gauss–Hermite ${options.quadraturePoints} nodes`}` };
}

function coordinateOf(log: boolean): (x: number) => number {
  return log ? (x) => (x > 0 ? Math.log(x) : -Infinity) : (x) => x;
}

function affineRows(flat: readonly number[], coord: (x: number) => number): boolean {
  return perAction(flat).every((r) => affine(r.map(coord)));
}

/** Drift and sd of the coordinate from the mean and variance of the value (delta method for logs). */
function coordinateMoments([mean, variance]: [number, number], log: boolean, y0: number): { drift: number; sd: number } {
  if (!log) return { drift: mean - y0, sd: Math.sqrt(variance) };
  const v = Math.log(1 + variance / (mean * mean));
  return { drift: Math.log(mean) - v / 2 - y0, sd: Math.sqrt(v) };
}

function alignment(option: DpOptions['align'], d: number, thresholds: readonly number[], coord: (x: number) => number): number[] {
  if (option === 'none') return [];
  if (option === null || option === 'auto') return [...thresholds];
  const values = typeof option === 'number' ? [option] : Array.isArray(option) ? (d === 0 ? option : []) : [];
  return values.map(coord).filter(Number.isFinite);
}

/**
 * `n` points between lo and hi; with alignment values, the spacing and
 * offset are adjusted so that the first (and, with the spacing an integer
 * fraction of their distance, the second) lies midway between two points.
 */
function alignedAxis(index: number, name: string, log: boolean, lo: number, hi: number, n: number, align: readonly number[]): Axis {
  let step = (hi - lo) / (n - 1);
  const inside = [...new Set(align)].filter((b) => b > lo && b < hi).sort((a, b) => a - b);
  if (inside.length === 0) return makeAxis(index, name, log, lo, step, n);
  if (inside.length >= 2) step = (inside[1]! - inside[0]!) / Math.max(1, Math.round((inside[1]! - inside[0]!) / step));
  const g = inside[0]! + step / 2;
  const kMin = Math.floor((lo - g) / step + 1e-9);
  const kMax = Math.ceil((hi - g) / step - 1e-9);
  return makeAxis(index, name, log, g + kMin * step, step, kMax - kMin + 1);
}

function fmt(v: number): string {
  return Number(v.toPrecision(6)).toString();
}
