/**
 * Options of the DP planner (`rddl solve --planner dp --option key=value`).
 * `null` means "derived from the model" (and lets the CLI accept a number or
 * a list for it); docs/planners/dp.md explains each one.
 */
export interface DpOptions {
  /** `auto` (exact when every state fluent is discrete, else grid), `exact` or `grid`. */
  readonly mode: string;
  /** Grid of the continuous state: `auto` (derived from the model) or `das` (Das et al. 2020: 200 log points, ±3 sd bounds, normalised densities). */
  readonly grid: string;
  /** Grid points per continuous dimension (default 200 for `das`, 400 in one dimension, 60 in two). */
  readonly points: number | null;
  /** Lower grid bound(s) in state units (a number, or one per continuous fluent). */
  readonly lower: number | readonly number[] | null;
  /** Upper grid bound(s). */
  readonly upper: number | readonly number[] | null;
  /** `auto` (log when the noise is multiplicative), `log` or `linear`. */
  readonly spacing: string;
  /** Put these values (or, with `auto`, the model's thresholds on the fluent) midway between grid points; `none` to keep the grid as is. */
  readonly align: string | number | readonly number[] | null;
  /** Derived bounds: this many standard deviations around the extreme drifts. */
  readonly boundsSd: number;
  /** Expectation over Normal draws: `auto` (`grid` when one Normal moves one grid coordinate affinely, else `hermite`), `grid` or `hermite`. */
  readonly quadrature: string;
  /** Gauss–Hermite nodes per Normal draw. */
  readonly quadraturePoints: number;
  /** Equal-probability outcomes per draw of other continuous distributions. */
  readonly samples: number;
  /** Probability left out when truncating Poisson, geometric and negative binomial draws. */
  readonly tailMass: number;
  /** Points of each real-valued action between its bounds. */
  readonly actionPoints: number;
  /** Most joint actions. */
  readonly actionLimit: number;
  /** Most states (discrete states times grid points). */
  readonly stateLimit: number;
  /** Most outcomes of one state and action. */
  readonly outcomeLimit: number;
  /** Most outcome evaluations in all (a measure of the solve time). */
  readonly workLimit: number;
  /** `finite` (the instance's horizon) or `infinite` (discounted value iteration to a stationary policy). */
  readonly horizon: string;
  /** Value iteration stops when no value changes by more than this. */
  readonly tolerance: number;
  readonly maxIterations: number;
}

export const dpDefaults: DpOptions = {
  mode: 'auto',
  grid: 'auto',
  points: null,
  lower: null,
  upper: null,
  spacing: 'auto',
  align: null,
  boundsSd: 3,
  quadrature: 'auto',
  quadraturePoints: 32,
  samples: 32,
  tailMass: 1e-12,
  actionPoints: 11,
  actionLimit: 2048,
  stateLimit: 200_000,
  outcomeLimit: 65_536,
  workLimit: 30_000_000,
  horizon: 'finite',
  tolerance: 1e-9,
  maxIterations: 100_000,
};

/** An option value the DP cannot use. */
export class DpOptionError extends Error {}

const choices: Record<string, readonly string[]> = {
  mode: ['auto', 'exact', 'grid'],
  grid: ['auto', 'das'],
  spacing: ['auto', 'log', 'linear'],
  quadrature: ['auto', 'grid', 'hermite'],
  horizon: ['finite', 'infinite'],
};

const positiveIntegers = ['quadraturePoints', 'samples', 'actionPoints', 'actionLimit', 'stateLimit', 'outcomeLimit', 'workLimit', 'maxIterations'] as const;

/** Defaults merged with the given options, checked. */
export function resolveOptions(given: Partial<DpOptions> = {}): DpOptions {
  const o: DpOptions = { ...dpDefaults, ...given };
  for (const [key, allowed] of Object.entries(choices)) {
    const v = o[key as keyof DpOptions];
    if (typeof v !== 'string' || !allowed.includes(v)) throw new DpOptionError(`option ${key} must be one of ${allowed.join(', ')} (got ${JSON.stringify(v)})`);
  }
  for (const key of positiveIntegers) {
    if (!Number.isInteger(o[key]) || o[key] < 1) throw new DpOptionError(`option ${key} must be a positive integer (got ${JSON.stringify(o[key])})`);
  }
  if (o.points !== null && (!Number.isInteger(o.points) || o.points < 2)) throw new DpOptionError(`option points must be an integer of at least 2 (got ${JSON.stringify(o.points)})`);
  for (const key of ['boundsSd', 'tailMass', 'tolerance'] as const) {
    if (typeof o[key] !== 'number' || !(o[key] > 0)) throw new DpOptionError(`option ${key} must be a positive number (got ${JSON.stringify(o[key])})`);
  }
  for (const key of ['lower', 'upper'] as const) {
    const v = o[key];
    if (v !== null && typeof v !== 'number' && !(Array.isArray(v) && v.every((x) => typeof x === 'number'))) {
      throw new DpOptionError(`option ${key} must be a number or a list of numbers (got ${JSON.stringify(v)})`);
    }
  }
  const a = o.align;
  if (a !== null && a !== 'auto' && a !== 'none' && typeof a !== 'number' && !(Array.isArray(a) && a.every((x) => typeof x === 'number'))) {
    throw new DpOptionError(`option align must be auto, none, a number or a list of numbers (got ${JSON.stringify(a)})`);
  }
  return o;
}

/** The i-th entry of a per-dimension option (a number applies to every dimension). */
export function perDimension(v: number | readonly number[] | null, i: number): number | undefined {
  if (v === null) return undefined;
  if (typeof v === 'number') return v;
  return v[i];
}
