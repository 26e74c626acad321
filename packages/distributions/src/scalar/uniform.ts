import uniformCdf from '@stdlib/stats-base-dists-uniform-cdf';
import { checkArity, checkFinite } from '../check.js';
import type { UniformSource } from '../uniform-source.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['lower', 'upper'] as const;

/** lower == upper is allowed (pyRDDLGym checks lower <= upper) and gives lower. */
export function checkUniform(lower: number, upper: number): string | undefined {
  return (
    checkFinite('lower', lower) ??
    checkFinite('upper', upper) ??
    (lower <= upper ? undefined : `lower must be <= upper, got ${lower} > ${upper}`)
  );
}

/** A draw in [lower, upper); upper itself only if lower + width * U rounds up to it. */
export function sampleUniform(u: UniformSource, lower: number, upper: number): number {
  return lower + (upper - lower) * u.next();
}

export const uniform: ScalarDistribution = {
  name: 'Uniform',
  parameters: PARAMETERS,
  support: 'real',
  check: (params) => checkArity('Uniform', PARAMETERS, params) ?? checkUniform(params[0]!, params[1]!),
  sample: (u, params) => sampleUniform(u, params[0]!, params[1]!),
  mean: (params) => (params[0]! + params[1]!) / 2,
  variance: (params) => (params[1]! - params[0]!) ** 2 / 12,
  // stdlib's uniform CDF wants lower < upper; the degenerate case is a step.
  cdf: (x, params) =>
    params[0]! === params[1]! ? (x < params[0]! ? 0 : 1) : uniformCdf(x, params[0]!, params[1]!),
  quantile: (p, params) => params[0]! + (params[1]! - params[0]!) * p,
};
