import poissonCdf from '@stdlib/stats-base-dists-poisson-cdf';
import poissonPmf from '@stdlib/stats-base-dists-poisson-pmf';
import poissonQuantileStd from '@stdlib/stats-base-dists-poisson-quantile';
import { checkArity, checkNonNegative } from '../check.js';
import type { UniformSource } from '../uniform-source.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['rate'] as const;

/** rate >= 0 as pyRDDLGym checks; rate 0 always gives 0. */
export function checkPoisson(rate: number): string | undefined {
  return checkNonNegative('rate', rate);
}

/** The smallest k with P(X <= k) >= p. */
export function poissonQuantile(p: number, rate: number): number {
  return rate === 0 ? 0 : poissonQuantileStd(p, rate);
}

/** Inverse CDF (stdlib: Cornish–Fisher start, then a CDF search; ~0.5 µs). */
export function samplePoisson(u: UniformSource, rate: number): number {
  return poissonQuantile(u.next(), rate);
}

export const poisson: ScalarDistribution = {
  name: 'Poisson',
  parameters: PARAMETERS,
  support: 'int',
  check: (params) => checkArity('Poisson', PARAMETERS, params) ?? checkPoisson(params[0]!),
  sample: (u, params) => samplePoisson(u, params[0]!),
  mean: (params) => params[0]!,
  variance: (params) => params[0]!,
  pmf: (k, params) => (params[0]! === 0 ? (k === 0 ? 1 : 0) : poissonPmf(k, params[0]!)),
  cdf: (x, params) => (params[0]! === 0 ? (x < 0 ? 0 : 1) : poissonCdf(x, params[0]!)),
  quantile: (p, params) => poissonQuantile(p, params[0]!),
};
