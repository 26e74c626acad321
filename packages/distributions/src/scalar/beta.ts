import betaCdf from '@stdlib/stats-base-dists-beta-cdf';
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { checkArity, checkPositive } from '../check.js';
import type { UniformSource } from '../uniform-source.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['a', 'b'] as const;

export function checkBeta(a: number, b: number): string | undefined {
  return checkPositive('a', a) ?? checkPositive('b', b);
}

/** Inverse CDF (stdlib's betaincinv, a few µs a draw). */
export function sampleBeta(u: UniformSource, a: number, b: number): number {
  return betaQuantile(u.nextOpen(), a, b);
}

export const beta: ScalarDistribution = {
  name: 'Beta',
  parameters: PARAMETERS,
  support: 'real',
  check: (params) => checkArity('Beta', PARAMETERS, params) ?? checkBeta(params[0]!, params[1]!),
  sample: (u, params) => sampleBeta(u, params[0]!, params[1]!),
  mean: (params) => params[0]! / (params[0]! + params[1]!),
  variance: (params) => {
    const s = params[0]! + params[1]!;
    return (params[0]! * params[1]!) / (s * s * (s + 1));
  },
  cdf: (x, params) => betaCdf(x, params[0]!, params[1]!),
  quantile: (p, params) => betaQuantile(p, params[0]!, params[1]!),
};
