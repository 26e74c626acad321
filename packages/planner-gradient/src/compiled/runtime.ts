import gammaFn from '@stdlib/math-base-special-gamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import { roundHalfEven } from '@rddl/compiler';
import { scalarDistributions } from '@rddl/distributions';

/** Where the generated code counts domain errors (ln of 0, division by 0, ...) met in relaxed rollouts. */
export interface DomainCounter {
  n: number;
}

const HUGE = 1e300;

/** Digamma (derivative of ln gamma): recurrence up to x >= 6, then the asymptotic series. */
export function digamma(x: number): number {
  if (!Number.isFinite(x)) return Number.NaN;
  if (x <= 0 && Number.isInteger(x)) return Number.NaN;
  let acc = 0;
  if (x < 0) {
    // Reflection: psi(1 - x) - psi(x) = pi cot(pi x).
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * x);
  }
  while (x < 6) {
    acc -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  return acc + Math.log(x) - 0.5 / x - f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f / 132))));
}

const params: number[][] = [[], [0], [0, 0], [0, 0, 0]];

function paramList(args: number[]): number[] {
  const p = params[args.length] ?? new Array<number>(args.length);
  for (let i = 0; i < args.length; i++) p[i] = args[i]!;
  return p;
}

/** Relative step of the central differences taken on quantile, mean and variance functions. */
const H = 1e-6;

/** Helpers the generated step code calls (`rt`). */
export function stepRuntime(constants: Float64Array, scratch: number, counter: DomainCounter) {
  const finite = (v: number, D: DomainCounter): number => {
    if (Number.isFinite(v)) return v;
    D.n++;
    return Number.isNaN(v) ? 0 : v > 0 ? HUGE : -HUGE;
  };
  const quantile = (dist: string, u: number, ...args: number[]): number => {
    const d = scalarDistributions.get(dist)!;
    const p = paramList(args);
    if (d.check(p) !== undefined) {
      counter.n++;
      return 0;
    }
    return finite(d.quantile!(u, p), counter);
  };
  /** d Q(u; params) / d param j, by a central difference (float64, smooth quantiles). */
  const quantileSlope = (dist: string, j: number, u: number, ...args: number[]): number => {
    const d = scalarDistributions.get(dist)!;
    const h = H * Math.max(1, Math.abs(args[j]!));
    const p = paramList(args);
    p[j] = args[j]! + h;
    const up = d.check(p) === undefined ? d.quantile!(u, p) : Number.NaN;
    p[j] = args[j]! - h;
    const down = d.check(p) === undefined ? d.quantile!(u, p) : Number.NaN;
    const slope = (up - down) / (2 * h);
    return Number.isFinite(slope) ? slope : 0;
  };
  /** Straight-through slope of an integer draw v: d mean / d param + z d sd / d param, z = (v - mean) / sd. */
  const integerSlope = (dist: string, j: number, v: number, ...args: number[]): number => {
    const d = scalarDistributions.get(dist)!;
    const p = paramList(args);
    const at = (delta: number) => {
      p[j] = args[j]! + delta;
      const ok = d.check(p) === undefined;
      return ok ? { mean: d.mean(p), sd: Math.sqrt(d.variance(p)) } : undefined;
    };
    const mid = at(0);
    const h = H * Math.max(1, Math.abs(args[j]!));
    const up = at(h);
    const down = at(-h);
    if (!mid || !up || !down) return 0;
    const z = mid.sd > 0 ? (v - mid.mean) / mid.sd : 0;
    const slope = (up.mean - down.mean + z * (up.sd - down.sd)) / (2 * h);
    return Number.isFinite(slope) ? slope : 0;
  };
  const sig = (z: number): number => 1 / (1 + Math.exp(-z));
  const clampP = (p: number) => Math.min(1 - 1e-12, Math.max(1e-12, p));
  const logit = (p: number): number => {
    const q = clampP(p);
    return Math.log(q / (1 - q));
  };
  /** d/dp of the binary concrete sigmoid(w (logit p + logit u)). */
  const bernoulliSlope = (p: number, u: number, w: number): number => {
    const q = clampP(p);
    const s = sig(w * (Math.log(q / (1 - q)) + Math.log(u / (1 - u))));
    return (w * s * (1 - s)) / (q * (1 - q));
  };
  return {
    K: constants,
    D: counter,
    S: new Float64Array(scratch),
    roundHalfEven,
    finite,
    gamma: (x: number) => gammaFn(x),
    lngamma: (x: number) => gammaln(x),
    digamma,
    quantile,
    quantileSlope,
    integerSlope,
    sig,
    logit,
    bernoulliSlope,
  };
}
