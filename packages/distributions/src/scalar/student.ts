import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { checkArity, checkPositive } from '../check.js';
import type { UniformSource } from '../uniform-source.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['df'] as const;

/** pyRDDLGym's Student(df) is numpy's standard_t: location 0, scale 1. */
export function checkStudent(df: number): string | undefined {
  return checkPositive('df', df);
}

/** Inverse CDF (stdlib, through betaincinv: 1–2 µs a draw). */
export function sampleStudent(u: UniformSource, df: number): number {
  return tQuantile(u.nextOpen(), df);
}

/** 0 for df > 1; undefined (NaN) for df <= 1. */
export function studentMean(df: number): number {
  return df > 1 ? 0 : NaN;
}

/** df / (df - 2) for df > 2; Infinity for 1 < df <= 2; undefined (NaN) for df <= 1. */
export function studentVariance(df: number): number {
  if (df > 2) return df / (df - 2);
  return df > 1 ? Infinity : NaN;
}

export const student: ScalarDistribution = {
  name: 'Student',
  parameters: PARAMETERS,
  support: 'real',
  check: (params) => checkArity('Student', PARAMETERS, params) ?? checkStudent(params[0]!),
  sample: (u, params) => sampleStudent(u, params[0]!),
  mean: (params) => studentMean(params[0]!),
  variance: (params) => studentVariance(params[0]!),
  cdf: (x, params) => tCdf(x, params[0]!),
  quantile: (p, params) => tQuantile(p, params[0]!),
};
