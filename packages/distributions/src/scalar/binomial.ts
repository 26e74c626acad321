import binomialCdf from '@stdlib/stats-base-dists-binomial-cdf';
import binomialPmf from '@stdlib/stats-base-dists-binomial-pmf';
import binomialQuantileStd from '@stdlib/stats-base-dists-binomial-quantile';
import { checkArity, checkNonNegativeInteger, checkProbability } from '../check.js';
import type { UniformSource } from '../uniform-source.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['trials', 'p'] as const;

/** pyRDDLGym requires an integer count >= 0 and p in [0, 1]. */
export function checkBinomial(trials: number, p: number): string | undefined {
  return checkNonNegativeInteger('trials', trials) ?? checkProbability('p', p);
}

/** The smallest k with P(X <= k) >= q. */
export function binomialQuantile(q: number, trials: number, p: number): number {
  if (trials === 0 || p === 0) return 0;
  if (p === 1) return trials;
  return binomialQuantileStd(q, trials, p);
}

/** Inverse CDF (stdlib: Cornish–Fisher start, then a CDF search; 1–2 µs). */
export function sampleBinomial(u: UniformSource, trials: number, p: number): number {
  return binomialQuantile(u.next(), trials, p);
}

export const binomial: ScalarDistribution = {
  name: 'Binomial',
  parameters: PARAMETERS,
  support: 'int',
  check: (params) => checkArity('Binomial', PARAMETERS, params) ?? checkBinomial(params[0]!, params[1]!),
  sample: (u, params) => sampleBinomial(u, params[0]!, params[1]!),
  mean: (params) => params[0]! * params[1]!,
  variance: (params) => params[0]! * params[1]! * (1 - params[1]!),
  pmf: (k, params) => binomialPmf(k, params[0]!, params[1]!),
  cdf: (x, params) => binomialCdf(x, params[0]!, params[1]!),
  quantile: (q, params) => binomialQuantile(q, params[0]!, params[1]!),
};
