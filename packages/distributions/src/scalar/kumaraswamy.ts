import betaFunction from '@stdlib/math-base-special-beta';
import kumaraswamyCdf from '@stdlib/stats-base-dists-kumaraswamy-cdf';
import { checkArity, checkPositive } from '../check.js';
import type { UniformSource } from '../uniform-source.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['a', 'b'] as const;

/** CDF 1 - (1 - x^a)^b on [0, 1]; pyRDDLGym draws (1 - U^(1/b))^(1/a). */
export function checkKumaraswamy(a: number, b: number): string | undefined {
  return checkPositive('a', a) ?? checkPositive('b', b);
}

/** (1 - (1 - p)^(1/b))^(1/a): pyRDDLGym's formula with 1 - U for U, so the draw increases with U. */
export function kumaraswamyQuantile(p: number, a: number, b: number): number {
  return (-Math.expm1(Math.log1p(-p) / b)) ** (1 / a);
}

export function sampleKumaraswamy(u: UniformSource, a: number, b: number): number {
  return kumaraswamyQuantile(u.next(), a, b);
}

/** E[X^n] = b B(1 + n / a, b). */
function moment(n: number, a: number, b: number): number {
  return b * betaFunction(1 + n / a, b);
}

export const kumaraswamy: ScalarDistribution = {
  name: 'Kumaraswamy',
  parameters: PARAMETERS,
  support: 'real',
  check: (params) => checkArity('Kumaraswamy', PARAMETERS, params) ?? checkKumaraswamy(params[0]!, params[1]!),
  sample: (u, params) => sampleKumaraswamy(u, params[0]!, params[1]!),
  mean: (params) => moment(1, params[0]!, params[1]!),
  variance: (params) => {
    const m1 = moment(1, params[0]!, params[1]!);
    return moment(2, params[0]!, params[1]!) - m1 * m1;
  },
  cdf: (x, params) => kumaraswamyCdf(x, params[0]!, params[1]!),
  quantile: (p, params) => kumaraswamyQuantile(p, params[0]!, params[1]!),
};
