import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import chisquareQuantile from '@stdlib/stats-base-dists-chisquare-quantile';
import { checkArity, checkPositive } from '../check.js';
import type { UniformSource } from '../uniform-source.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['df'] as const;

/** Real df > 0 as numpy allows; Gamma(df / 2, 2). */
export function checkChiSquare(df: number): string | undefined {
  return checkPositive('df', df);
}

export function sampleChiSquare(u: UniformSource, df: number): number {
  return chisquareQuantile(u.nextOpen(), df);
}

export const chiSquare: ScalarDistribution = {
  name: 'ChiSquare',
  parameters: PARAMETERS,
  support: 'real',
  check: (params) => checkArity('ChiSquare', PARAMETERS, params) ?? checkChiSquare(params[0]!),
  sample: (u, params) => sampleChiSquare(u, params[0]!),
  mean: (params) => params[0]!,
  variance: (params) => 2 * params[0]!,
  cdf: (x, params) => chisquareCdf(x, params[0]!),
  quantile: (p, params) => chisquareQuantile(p, params[0]!),
};
