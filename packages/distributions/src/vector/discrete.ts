import type { UniformSource } from '../uniform-source.js';

/**
 * How far the probabilities of `Discrete` may sum from 1, relative. Stricter
 * than pyRDDLGym's numpy.allclose (1e-5 relative + 1e-8): probabilities that
 * miss 1 by more than rounding are a modelling error worth reporting.
 */
export const DISCRETE_SUM_TOLERANCE = 1e-9;

/**
 * `Discrete` (normalized) needs non-negative probabilities summing to 1;
 * `UnnormDiscrete` needs non-negative finite weights with a positive sum.
 */
export function checkDiscrete(probabilities: ArrayLike<number>, normalized: boolean): string | undefined {
  const n = probabilities.length;
  if (n === 0) return 'needs at least one probability';
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = probabilities[i]!;
    if (!(p >= 0) || p === Infinity) return `probability ${i} must be finite and >= 0, got ${p}`;
    sum += p;
  }
  if (normalized) {
    if (!(Math.abs(sum - 1) <= DISCRETE_SUM_TOLERANCE)) return `probabilities must sum to 1, got ${sum}`;
  } else if (!(sum > 0) || sum === Infinity) {
    return `weights must have a positive finite sum, got ${sum}`;
  }
  return undefined;
}

/**
 * The index of a categorical draw by inverse CDF: the first i with
 * U < p_0 + ... + p_i, so zero-probability entries are never chosen.
 * Unnormalized weights scale U by their sum. When rounding leaves U at or
 * beyond the last partial sum, the draw is the last entry with positive
 * probability (pyRDDLGym's argmax would return 0 there).
 */
export function sampleDiscrete(u: UniformSource, probabilities: ArrayLike<number>, normalized: boolean): number {
  const n = probabilities.length;
  let target = u.next();
  if (!normalized) {
    let total = 0;
    for (let i = 0; i < n; i++) total += probabilities[i]!;
    target *= total;
  }
  let cumulative = 0;
  let lastPositive = 0;
  for (let i = 0; i < n; i++) {
    const p = probabilities[i]!;
    if (p > 0) {
      cumulative += p;
      if (target < cumulative) return i;
      lastPositive = i;
    }
  }
  return lastPositive;
}
