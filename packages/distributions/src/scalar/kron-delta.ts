import { checkArity } from '../check.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['value'] as const;

/** KronDelta takes a bool or int (booleans as 0/1 here). */
export function checkKronDelta(value: number): string | undefined {
  return Number.isSafeInteger(value) ? undefined : `value must be an integer or boolean, got ${value}`;
}

/** A point mass: draws no uniforms. */
export const kronDelta: ScalarDistribution = {
  name: 'KronDelta',
  parameters: PARAMETERS,
  support: 'int',
  check: (params) => checkArity('KronDelta', PARAMETERS, params) ?? checkKronDelta(params[0]!),
  sample: (_u, params) => params[0]!,
  mean: (params) => params[0]!,
  variance: () => 0,
  pmf: (k, params) => (k === params[0]! ? 1 : 0),
  cdf: (x, params) => (x < params[0]! ? 0 : 1),
  quantile: (_p, params) => params[0]!,
};
