import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { checkArity, checkFinite, checkNonNegative } from '../check.js';
import { standardNormalQuantile } from '../numeric/normal-quantile.js';
import type { UniformSource } from '../uniform-source.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['mean', 'variance'] as const;

/** pyRDDLGym's Normal takes the variance, not the standard deviation. */
export function checkNormal(mean: number, variance: number): string | undefined {
  return checkFinite('mean', mean) ?? checkNonNegative('variance', variance);
}

/**
 * Inverse CDF on one open uniform, so the standard normal is finite
 * (|z| <= 8.3) and variance 0 returns the mean exactly.
 */
export function sampleNormal(u: UniformSource, mean: number, variance: number): number {
  return mean + Math.sqrt(variance) * standardNormalQuantile(u.nextOpen());
}

export const normal: ScalarDistribution = {
  name: 'Normal',
  parameters: PARAMETERS,
  support: 'real',
  check: (params) => checkArity('Normal', PARAMETERS, params) ?? checkNormal(params[0]!, params[1]!),
  sample: (u, params) => sampleNormal(u, params[0]!, params[1]!),
  mean: (params) => params[0]!,
  variance: (params) => params[1]!,
  cdf: (x, params) => normalCdf(x, params[0]!, Math.sqrt(params[1]!)),
  quantile: (p, params) =>
    params[1]! === 0 ? params[0]! : params[0]! + Math.sqrt(params[1]!) * standardNormalQuantile(p),
};
