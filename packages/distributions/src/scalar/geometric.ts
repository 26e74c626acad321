import geometricCdf from '@stdlib/stats-base-dists-geometric-cdf';
import geometricPmf from '@stdlib/stats-base-dists-geometric-pmf';
import { checkArity, checkSuccessProbability } from '../check.js';
import type { UniformSource } from '../uniform-source.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['p'] as const;

/**
 * numpy's geometric(p): the number of trials up to and including the first
 * success, support {1, 2, ...}. pyRDDLGym's range check admits p = 0 but numpy
 * then raises, so p must be in (0, 1].
 */
export function checkGeometric(p: number): string | undefined {
  return checkSuccessProbability('p', p);
}

/** floor(ln(1 - q) / ln(1 - p)) + 1, the same closed form pyRDDLGym's JAX backend uses. */
export function geometricQuantile(q: number, p: number): number {
  if (p === 1) return 1;
  return Math.floor(Math.log1p(-q) / Math.log1p(-p)) + 1;
}

export function sampleGeometric(u: UniformSource, p: number): number {
  return geometricQuantile(u.next(), p);
}

export const geometric: ScalarDistribution = {
  name: 'Geometric',
  parameters: PARAMETERS,
  support: 'int',
  check: (params) => checkArity('Geometric', PARAMETERS, params) ?? checkGeometric(params[0]!),
  sample: (u, params) => sampleGeometric(u, params[0]!),
  mean: (params) => 1 / params[0]!,
  variance: (params) => (1 - params[0]!) / (params[0]! * params[0]!),
  // stdlib's geometric counts failures (support from 0): shift by one.
  pmf: (k, params) => geometricPmf(k - 1, params[0]!),
  cdf: (x, params) => geometricCdf(x - 1, params[0]!),
  quantile: (q, params) => geometricQuantile(q, params[0]!),
};
