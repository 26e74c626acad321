import laplaceCdf from '@stdlib/stats-base-dists-laplace-cdf';
import { checkArity, checkFinite, checkPositive } from '../check.js';
import type { UniformSource } from '../uniform-source.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['location', 'scale'] as const;

/** numpy's laplace(loc, scale): density exp(-|x - loc| / scale) / (2 scale). */
export function checkLaplace(location: number, scale: number): string | undefined {
  return checkFinite('location', location) ?? checkPositive('scale', scale);
}

/** Each half inverted on its own tail; 1 - p is exact for p >= 0.5. */
export function laplaceQuantile(p: number, location: number, scale: number): number {
  return p < 0.5 ? location + scale * Math.log(2 * p) : location - scale * Math.log(2 * (1 - p));
}

export function sampleLaplace(u: UniformSource, location: number, scale: number): number {
  return laplaceQuantile(u.nextOpen(), location, scale);
}

export const laplace: ScalarDistribution = {
  name: 'Laplace',
  parameters: PARAMETERS,
  support: 'real',
  check: (params) => checkArity('Laplace', PARAMETERS, params) ?? checkLaplace(params[0]!, params[1]!),
  sample: (u, params) => sampleLaplace(u, params[0]!, params[1]!),
  mean: (params) => params[0]!,
  variance: (params) => 2 * params[1]! * params[1]!,
  cdf: (x, params) => laplaceCdf(x, params[0]!, params[1]!),
  quantile: (p, params) => laplaceQuantile(p, params[0]!, params[1]!),
};
