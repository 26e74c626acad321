import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { checkPositive } from '../check.js';
import type { UniformSource } from '../uniform-source.js';
import { applyFactorInPlace, checkCovariance } from './cholesky.js';
import { checkMean } from './multivariate-normal.js';

/** As `checkMultivariateNormal`, plus df > 0. */
export function checkMultivariateStudent(
  mean: ArrayLike<number>,
  scale: ArrayLike<number>,
  df: number,
  lower?: Float64Array,
): string | undefined {
  return checkMean(mean) ?? checkPositive('df', df) ?? checkCovariance(scale, mean.length, lower);
}

/**
 * mean + L t, with t_i INDEPENDENT standard Student-t(df) draws, exactly as
 * pyRDDLGym (numpy and JAX backends alike) samples it. This is not the
 * textbook multivariate t (one shared chi-square for all components): the mean
 * and covariance agree, the tail dependence does not.
 */
export function sampleMultivariateStudent(
  u: UniformSource,
  mean: ArrayLike<number>,
  lower: ArrayLike<number>,
  df: number,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < mean.length; i++) out[i] = tQuantile(u.nextOpen(), df);
  applyFactorInPlace(mean, lower, out);
  return out;
}

/** The mean vector for df > 1; NaN entries for df <= 1. */
export function multivariateStudentMean(mean: ArrayLike<number>, df: number, out: Float64Array): Float64Array {
  for (let i = 0; i < mean.length; i++) out[i] = df > 1 ? mean[i]! : NaN;
  return out;
}

/**
 * df / (df - 2) times the scale matrix for df > 2. For 1 < df <= 2 the
 * variances are Infinity and the covariances NaN; for df <= 1 everything is NaN.
 */
export function multivariateStudentCovariance(
  scale: ArrayLike<number>,
  n: number,
  df: number,
  out: Float64Array,
): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (df > 2) out[i * n + j] = (df / (df - 2)) * scale[i * n + j]!;
      else out[i * n + j] = i === j && df > 1 ? Infinity : NaN;
    }
  }
  return out;
}
