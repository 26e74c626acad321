import type { UniformSource } from '../uniform-source.js';

/** The value type a scalar distribution produces (booleans as 0/1 in the generic form). */
export type Support = 'bool' | 'int' | 'real';

/**
 * A scalar RDDL distribution with its parameters in pyRDDLGym order.
 * `sample` may assume `check(params)` returned `undefined`.
 */
export interface ScalarDistribution {
  readonly name: string;
  readonly parameters: readonly string[];
  readonly support: Support;
  /** `undefined` when the parameters are valid, otherwise a short reason. */
  check(params: readonly number[]): string | undefined;
  sample(u: UniformSource, params: readonly number[]): number;
  /** NaN where the mean is undefined, Infinity where it diverges. */
  mean(params: readonly number[]): number;
  /** NaN where the variance is undefined, Infinity where it diverges. */
  variance(params: readonly number[]): number;
  /** P(X <= x). */
  cdf?(x: number, params: readonly number[]): number;
  /** P(X = k), for the bool and int distributions. */
  pmf?(k: number, params: readonly number[]): number;
  /** The map from a uniform p to a draw: `sample` is `quantile(U)` for one uniform U. */
  quantile?(p: number, params: readonly number[]): number;
}
