// Shared helpers for the distribution tests: draws taken the way the
// simulator takes them (one fresh site per draw) and moment tolerances.
import { CounterStream, deriveSeedKey } from '@rddl/core';
import type { UniformSource } from '@rddl/distributions';

/** Draws per distribution: enough for 5-standard-error moment checks, small enough for ~20 s in all. */
export const DRAWS = 20_000;

/** A stream reset to a fresh site (episode 0, step i, site 0) for each draw i, as the simulator does. */
export function draws(seed: number, count: number, sample: (u: UniformSource) => number): Float64Array {
  const stream = new CounterStream(deriveSeedKey(seed, 'test'));
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    stream.reset(0, i, 0);
    out[i] = sample(stream);
  }
  return out;
}

/** Vector draws: row i of the result (length count × dimension) is draw i. */
export function vectorDraws(
  seed: number,
  count: number,
  dimension: number,
  sample: (u: UniformSource, out: Float64Array) => void,
): Float64Array[] {
  const stream = new CounterStream(deriveSeedKey(seed, 'test'));
  const rows: Float64Array[] = [];
  for (let i = 0; i < count; i++) {
    stream.reset(0, i, 0);
    const row = new Float64Array(dimension);
    sample(stream, row);
    rows.push(row);
  }
  return rows;
}

export interface Moments {
  readonly mean: number;
  /** Unbiased sample variance. */
  readonly variance: number;
  /** Fourth central moment, for the standard error of the variance. */
  readonly fourth: number;
}

export function moments(x: ArrayLike<number>): Moments {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - mean;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  return { mean, variance: m2 / (n - 1), fourth: m4 / n };
}

/** How many standard errors a sample moment may miss its closed form by. */
export const Z = 5;

/**
 * Standard errors of the sample mean (from the true variance) and of the
 * sample variance, sqrt((μ4 - σ⁴) / n), with μ4 estimated from the sample.
 * A tiny absolute floor keeps degenerate distributions from demanding
 * bit-exact equality.
 */
export function standardErrors(sample: Moments, n: number, trueVariance: number): { mean: number; variance: number } {
  const floor = 1e-12 * (1 + Math.abs(sample.mean));
  return {
    mean: Math.sqrt(trueVariance / n) + floor,
    variance: Math.sqrt(Math.max(sample.fourth - trueVariance * trueVariance, 0) / n) + floor,
  };
}

/** A source that always returns the same uniform, to read a sampler as a function of U. */
export function fixedUniform(value: number): UniformSource {
  return { next: () => value, nextOpen: () => value };
}

/** A source that replays the given uniforms in order. */
export function replayUniforms(values: readonly number[]): UniformSource {
  let i = 0;
  const next = (): number => {
    if (i >= values.length) throw new Error('ran out of uniforms');
    return values[i++]!;
  };
  return { next, nextOpen: next };
}
