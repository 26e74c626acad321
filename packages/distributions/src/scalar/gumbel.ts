import gumbelCdf from '@stdlib/stats-base-dists-gumbel-cdf';
import { checkArity, checkFinite, checkPositive } from '../check.js';
import type { UniformSource } from '../uniform-source.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['location', 'scale'] as const;

/** Euler–Mascheroni constant. */
const EULER_GAMMA = 0.5772156649015329;

/**
 * numpy's gumbel(loc, scale), the maximum-type Gumbel: CDF exp(-exp(-(x - loc) / scale)).
 * pyRDDLGym calls the first parameter "mean" but it is the location; the mean is loc + γ scale.
 */
export function checkGumbel(location: number, scale: number): string | undefined {
  return checkFinite('location', location) ?? checkPositive('scale', scale);
}

export function gumbelQuantile(p: number, location: number, scale: number): number {
  return location - scale * Math.log(-Math.log(p));
}

export function sampleGumbel(u: UniformSource, location: number, scale: number): number {
  return gumbelQuantile(u.nextOpen(), location, scale);
}

export const gumbel: ScalarDistribution = {
  name: 'Gumbel',
  parameters: PARAMETERS,
  support: 'real',
  check: (params) => checkArity('Gumbel', PARAMETERS, params) ?? checkGumbel(params[0]!, params[1]!),
  sample: (u, params) => sampleGumbel(u, params[0]!, params[1]!),
  mean: (params) => params[0]! + EULER_GAMMA * params[1]!,
  variance: (params) => (Math.PI * Math.PI * params[1]! * params[1]!) / 6,
  cdf: (x, params) => gumbelCdf(x, params[0]!, params[1]!),
  quantile: (p, params) => gumbelQuantile(p, params[0]!, params[1]!),
};
