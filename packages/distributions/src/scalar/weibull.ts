import gammaFunction from '@stdlib/math-base-special-gamma';
import weibullCdf from '@stdlib/stats-base-dists-weibull-cdf';
import { checkArity, checkPositive } from '../check.js';
import type { UniformSource } from '../uniform-source.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['shape', 'scale'] as const;

/** pyRDDLGym draws scale * numpy.weibull(shape): CDF 1 - exp(-(x/scale)^shape). */
export function checkWeibull(shape: number, scale: number): string | undefined {
  return checkPositive('shape', shape) ?? checkPositive('scale', scale);
}

export function weibullQuantile(p: number, shape: number, scale: number): number {
  return scale * (-Math.log1p(-p)) ** (1 / shape);
}

export function sampleWeibull(u: UniformSource, shape: number, scale: number): number {
  return weibullQuantile(u.next(), shape, scale);
}

export function weibullMean(shape: number, scale: number): number {
  return scale * gammaFunction(1 + 1 / shape);
}

export function weibullVariance(shape: number, scale: number): number {
  const g1 = gammaFunction(1 + 1 / shape);
  return scale * scale * (gammaFunction(1 + 2 / shape) - g1 * g1);
}

export const weibull: ScalarDistribution = {
  name: 'Weibull',
  parameters: PARAMETERS,
  support: 'real',
  check: (params) => checkArity('Weibull', PARAMETERS, params) ?? checkWeibull(params[0]!, params[1]!),
  sample: (u, params) => sampleWeibull(u, params[0]!, params[1]!),
  mean: (params) => weibullMean(params[0]!, params[1]!),
  variance: (params) => weibullVariance(params[0]!, params[1]!),
  cdf: (x, params) => weibullCdf(x, params[0]!, params[1]!),
  quantile: (p, params) => weibullQuantile(p, params[0]!, params[1]!),
};
