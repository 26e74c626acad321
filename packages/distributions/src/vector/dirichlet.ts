import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import type { UniformSource } from '../uniform-source.js';

export function checkDirichlet(alpha: ArrayLike<number>): string | undefined {
  if (alpha.length === 0) return 'alpha must have at least one entry';
  for (let i = 0; i < alpha.length; i++) {
    const a = alpha[i]!;
    if (!(a > 0) || a === Infinity) return `alpha[${i}] must be finite and > 0, got ${a}`;
  }
  return undefined;
}

/**
 * Gamma(alpha_i, 1) draws normalised, as pyRDDLGym does, but in log space: for
 * alpha < 1 a Gamma draw can underflow (alpha = 0.001 puts most of its mass
 * below 1e-300), so it is written Gamma(alpha + 1) * U^(1/alpha) and kept as a
 * logarithm. Each gamma is an inverse-CDF draw; alpha < 1 uses one more uniform.
 */
export function sampleDirichlet(u: UniformSource, alpha: ArrayLike<number>, out: Float64Array): Float64Array {
  const n = alpha.length;
  let largest = -Infinity;
  for (let i = 0; i < n; i++) {
    const a = alpha[i]!;
    const logGamma =
      a >= 1
        ? Math.log(gammaQuantile(u.nextOpen(), a, 1))
        : Math.log(gammaQuantile(u.nextOpen(), a + 1, 1)) + Math.log(u.nextOpen()) / a;
    out[i] = logGamma;
    if (logGamma > largest) largest = logGamma;
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    out[i] = Math.exp(out[i]! - largest);
    total += out[i]!;
  }
  for (let i = 0; i < n; i++) out[i] = out[i]! / total;
  return out;
}

export function dirichletMean(alpha: ArrayLike<number>, out: Float64Array): Float64Array {
  let total = 0;
  for (let i = 0; i < alpha.length; i++) total += alpha[i]!;
  for (let i = 0; i < alpha.length; i++) out[i] = alpha[i]! / total;
  return out;
}

/** Row-major n×n: (δ_ij a_i a0 - a_i a_j) / (a0² (a0 + 1)). */
export function dirichletCovariance(alpha: ArrayLike<number>, out: Float64Array): Float64Array {
  const n = alpha.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += alpha[i]!;
  const denominator = total * total * (total + 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const diagonal = i === j ? alpha[i]! * total : 0;
      out[i * n + j] = (diagonal - alpha[i]! * alpha[j]!) / denominator;
    }
  }
  return out;
}
