import { standardNormalQuantile } from '../numeric/normal-quantile.js';
import type { UniformSource } from '../uniform-source.js';
import { applyFactorInPlace, checkCovariance } from './cholesky.js';

/**
 * `undefined` when `mean` is finite and `covariance` (row-major n×n, n = mean
 * length) is symmetric positive definite. Pass `lower` to receive the Cholesky
 * factor that `sampleMultivariateNormal` needs.
 */
export function checkMultivariateNormal(
  mean: ArrayLike<number>,
  covariance: ArrayLike<number>,
  lower?: Float64Array,
): string | undefined {
  return checkMean(mean) ?? checkCovariance(covariance, mean.length, lower);
}

export function checkMean(mean: ArrayLike<number>): string | undefined {
  if (mean.length === 0) return 'mean must have at least one entry';
  for (let i = 0; i < mean.length; i++) {
    if (!Number.isFinite(mean[i]!)) return `mean[${i}] must be finite, got ${mean[i]}`;
  }
  return undefined;
}

/**
 * mean + L z with z independent standard normals by inverse CDF, one uniform
 * each in order: the reparameterisation pyRDDLGym uses. `lower` is the
 * Cholesky factor of the covariance (from `checkMultivariateNormal` or
 * `choleskyFactor`), computed once per covariance matrix rather than per draw.
 */
export function sampleMultivariateNormal(
  u: UniformSource,
  mean: ArrayLike<number>,
  lower: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < mean.length; i++) out[i] = standardNormalQuantile(u.nextOpen());
  applyFactorInPlace(mean, lower, out);
  return out;
}
