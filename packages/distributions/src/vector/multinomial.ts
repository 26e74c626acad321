import { checkNonNegativeInteger } from '../check.js';
import { binomialQuantile } from '../scalar/binomial.js';
import type { UniformSource } from '../uniform-source.js';
import { checkDiscrete } from './discrete.js';

/** trials an integer >= 0; probabilities as for `Discrete` (non-negative, sum 1). */
export function checkMultinomial(trials: number, probabilities: ArrayLike<number>): string | undefined {
  return checkNonNegativeInteger('trials', trials) ?? checkDiscrete(probabilities, true);
}

/**
 * Counts by conditional binomials: X_i ~ Binomial(trials left, p_i / mass
 * left), one inverse-CDF uniform per category. The last category with
 * positive probability takes whatever trials remain, so the counts sum to
 * `trials` and zero-probability categories always get 0.
 */
export function sampleMultinomial(
  u: UniformSource,
  trials: number,
  probabilities: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const n = probabilities.length;
  let lastPositive = -1;
  let mass = 0;
  for (let i = 0; i < n; i++) {
    out[i] = 0;
    if (probabilities[i]! > 0) {
      lastPositive = i;
      mass += probabilities[i]!;
    }
  }
  let left = trials;
  for (let i = 0; i < lastPositive && left > 0; i++) {
    const p = probabilities[i]!;
    if (p === 0) continue;
    // mass > p guards against rounding leaving the remaining mass at or below p.
    const count = binomialQuantile(u.next(), left, mass > p ? p / mass : 1);
    out[i] = count;
    left -= count;
    mass -= p;
  }
  if (lastPositive >= 0) out[lastPositive] = left;
  return out;
}

export function multinomialMean(trials: number, probabilities: ArrayLike<number>, out: Float64Array): Float64Array {
  for (let i = 0; i < probabilities.length; i++) out[i] = trials * probabilities[i]!;
  return out;
}

/** Row-major n×n: trials (δ_ij p_i - p_i p_j). */
export function multinomialCovariance(
  trials: number,
  probabilities: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const n = probabilities.length;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const p = probabilities[i]!;
      out[i * n + j] = trials * ((i === j ? p : 0) - p * probabilities[j]!);
    }
  }
  return out;
}
