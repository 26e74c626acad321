import negativeBinomialCdf from '@stdlib/stats-base-dists-negative-binomial-cdf';
import negativeBinomialPmf from '@stdlib/stats-base-dists-negative-binomial-pmf';
import negativeBinomialQuantileStd from '@stdlib/stats-base-dists-negative-binomial-quantile';
import { checkArity, checkPositive, checkSuccessProbability } from '../check.js';
import type { UniformSource } from '../uniform-source.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['successes', 'p'] as const;

/**
 * numpy's negative_binomial(n, p): the number of failures before the n-th
 * success, n real > 0. pyRDDLGym's own range check admits p = 0 but numpy then
 * raises, so p must be in (0, 1].
 */
export function checkNegativeBinomial(successes: number, p: number): string | undefined {
  return checkPositive('successes', successes) ?? checkSuccessProbability('p', p);
}

/** The smallest k with P(X <= k) >= q. */
export function negativeBinomialQuantile(q: number, successes: number, p: number): number {
  // stdlib's search never ends at p = 1 (its normal approximation has sigma 0).
  if (p === 1) return 0;
  // + 0 turns the -0 stdlib can return into 0.
  return negativeBinomialQuantileStd(q, successes, p) + 0;
}

/** Inverse CDF (stdlib: Cornish–Fisher start, then a CDF search). */
export function sampleNegativeBinomial(u: UniformSource, successes: number, p: number): number {
  return negativeBinomialQuantile(u.next(), successes, p);
}

export const negativeBinomial: ScalarDistribution = {
  name: 'NegativeBinomial',
  parameters: PARAMETERS,
  support: 'int',
  check: (params) =>
    checkArity('NegativeBinomial', PARAMETERS, params) ?? checkNegativeBinomial(params[0]!, params[1]!),
  sample: (u, params) => sampleNegativeBinomial(u, params[0]!, params[1]!),
  mean: (params) => (params[0]! * (1 - params[1]!)) / params[1]!,
  variance: (params) => (params[0]! * (1 - params[1]!)) / (params[1]! * params[1]!),
  pmf: (k, params) => (params[1]! === 1 ? (k === 0 ? 1 : 0) : negativeBinomialPmf(k, params[0]!, params[1]!)),
  cdf: (x, params) => (params[1]! === 1 ? (x < 0 ? 0 : 1) : negativeBinomialCdf(x, params[0]!, params[1]!)),
  quantile: (q, params) => negativeBinomialQuantile(q, params[0]!, params[1]!),
};
