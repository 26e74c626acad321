import exponentialCdf from '@stdlib/stats-base-dists-exponential-cdf';
import { checkArity, checkPositive } from '../check.js';
import type { UniformSource } from '../uniform-source.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['scale'] as const;

/** pyRDDLGym's Exponential(scale) is numpy's: mean = scale (not a rate), scale > 0. */
export function checkExponential(scale: number): string | undefined {
  return checkPositive('scale', scale);
}

export function exponentialQuantile(p: number, scale: number): number {
  return -scale * Math.log1p(-p);
}

/** Inverse CDF; U in [0, 1) keeps log1p(-U) finite. */
export function sampleExponential(u: UniformSource, scale: number): number {
  return -scale * Math.log1p(-u.next());
}

export const exponential: ScalarDistribution = {
  name: 'Exponential',
  parameters: PARAMETERS,
  support: 'real',
  check: (params) => checkArity('Exponential', PARAMETERS, params) ?? checkExponential(params[0]!),
  sample: (u, params) => sampleExponential(u, params[0]!),
  mean: (params) => params[0]!,
  variance: (params) => params[0]! * params[0]!,
  // stdlib's exponential is parameterised by the rate.
  cdf: (x, params) => exponentialCdf(x, 1 / params[0]!),
  quantile: (p, params) => exponentialQuantile(p, params[0]!),
};
