import cauchyCdf from '@stdlib/stats-base-dists-cauchy-cdf';
import { checkArity, checkFinite, checkPositive } from '../check.js';
import type { UniformSource } from '../uniform-source.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['location', 'scale'] as const;

/** loc + scale * numpy.standard_cauchy(), as pyRDDLGym draws it. */
export function checkCauchy(location: number, scale: number): string | undefined {
  return checkFinite('location', location) ?? checkPositive('scale', scale);
}

export function cauchyQuantile(p: number, location: number, scale: number): number {
  return location + scale * Math.tan(Math.PI * (p - 0.5));
}

export function sampleCauchy(u: UniformSource, location: number, scale: number): number {
  return cauchyQuantile(u.nextOpen(), location, scale);
}

/** Mean and variance do not exist: both are NaN. */
export const cauchy: ScalarDistribution = {
  name: 'Cauchy',
  parameters: PARAMETERS,
  support: 'real',
  check: (params) => checkArity('Cauchy', PARAMETERS, params) ?? checkCauchy(params[0]!, params[1]!),
  sample: (u, params) => sampleCauchy(u, params[0]!, params[1]!),
  mean: () => NaN,
  variance: () => NaN,
  cdf: (x, params) => cauchyCdf(x, params[0]!, params[1]!),
  quantile: (p, params) => cauchyQuantile(p, params[0]!, params[1]!),
};
