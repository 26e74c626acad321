import { checkArity, checkProbability } from '../check.js';
import type { UniformSource } from '../uniform-source.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['p'] as const;

export function checkBernoulli(p: number): string | undefined {
  return checkProbability('p', p);
}

/**
 * True with probability p. Written as 1 - U <= p (1 - U is exact for
 * U on the 2^-53 grid) so the draw is nondecreasing in U like every other
 * inverse-CDF sampler here, p = 0 is never true and p = 1 always is.
 */
export function sampleBernoulli(u: UniformSource, p: number): boolean {
  return 1 - u.next() <= p;
}

export const bernoulli: ScalarDistribution = {
  name: 'Bernoulli',
  parameters: PARAMETERS,
  support: 'bool',
  check: (params) => checkArity('Bernoulli', PARAMETERS, params) ?? checkBernoulli(params[0]!),
  sample: (u, params) => (sampleBernoulli(u, params[0]!) ? 1 : 0),
  mean: (params) => params[0]!,
  variance: (params) => params[0]! * (1 - params[0]!),
  pmf: (k, params) => (k === 1 ? params[0]! : k === 0 ? 1 - params[0]! : 0),
  cdf: (x, params) => (x < 0 ? 0 : x < 1 ? 1 - params[0]! : 1),
  quantile: (q, params) => (params[0]! > 0 && 1 - q <= params[0]! ? 1 : 0),
};
