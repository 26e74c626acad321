import { checkArity, checkPositive } from '../check.js';
import type { UniformSource } from '../uniform-source.js';
import type { ScalarDistribution } from './distribution.js';

const PARAMETERS = ['shape', 'scale'] as const;

/**
 * pyRDDLGym draws scale * numpy.pareto(shape), and numpy's pareto is the
 * Lomax (Pareto II) distribution: support [0, inf), CDF
 * 1 - (1 + x / scale)^-shape. It is the classical Pareto shifted left by scale.
 */
export function checkPareto(shape: number, scale: number): string | undefined {
  return checkPositive('shape', shape) ?? checkPositive('scale', scale);
}

export function paretoQuantile(p: number, shape: number, scale: number): number {
  return scale * Math.expm1(-Math.log1p(-p) / shape);
}

export function samplePareto(u: UniformSource, shape: number, scale: number): number {
  return paretoQuantile(u.next(), shape, scale);
}

export function paretoCdf(x: number, shape: number, scale: number): number {
  return x <= 0 ? 0 : -Math.expm1(-shape * Math.log1p(x / scale));
}

/** scale / (shape - 1) for shape > 1; Infinity otherwise (the support is bounded below). */
export function paretoMean(shape: number, scale: number): number {
  return shape > 1 ? scale / (shape - 1) : Infinity;
}

/** For shape > 2; Infinity for 1 < shape <= 2; undefined (NaN) for shape <= 1, where the mean diverges. */
export function paretoVariance(shape: number, scale: number): number {
  if (shape > 2) return (scale * scale * shape) / ((shape - 1) * (shape - 1) * (shape - 2));
  return shape > 1 ? Infinity : NaN;
}

export const pareto: ScalarDistribution = {
  name: 'Pareto',
  parameters: PARAMETERS,
  support: 'real',
  check: (params) => checkArity('Pareto', PARAMETERS, params) ?? checkPareto(params[0]!, params[1]!),
  sample: (u, params) => samplePareto(u, params[0]!, params[1]!),
  mean: (params) => paretoMean(params[0]!, params[1]!),
  variance: (params) => paretoVariance(params[0]!, params[1]!),
  cdf: (x, params) => paretoCdf(x, params[0]!, params[1]!),
  quantile: (p, params) => paretoQuantile(p, params[0]!, params[1]!),
};
