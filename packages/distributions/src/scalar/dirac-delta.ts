import { checkArity } from '../check.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['value'] as const;

/** Any real but NaN (pyRDDLGym only checks the type). */
export function checkDiracDelta(value: number): string | undefined {
  return Number.isNaN(value) ? 'value must be a number, got NaN' : undefined;
}

/** A point mass: draws no uniforms. */
export const diracDelta: ScalarDistribution = {
  name: 'DiracDelta',
  parameters: PARAMETERS,
  support: 'real',
  check: (params) => checkArity('DiracDelta', PARAMETERS, params) ?? checkDiracDelta(params[0]!),
  sample: (_u, params) => params[0]!,
  mean: (params) => params[0]!,
  variance: () => 0,
  cdf: (x, params) => (x < params[0]! ? 0 : 1),
  quantile: (_p, params) => params[0]!,
};
