import type { FiniteType, PVariable } from './types.js';

/** Number of groundings of a pvariable: the product of its parameter types' sizes. */
export function groundingCount(pvariable: PVariable): number {
  return pvariable.parameters.reduce((n, t) => n * t.values.length, 1);
}

/** Row-major index of a grounding from its parameters' value indices. */
export function groundingIndex(parameters: readonly FiniteType[], valueIndices: readonly number[]): number {
  let index = 0;
  for (let i = 0; i < parameters.length; i++) index = index * parameters[i]!.values.length + valueIndices[i]!;
  return index;
}

/** Value indices of the grounding at a row-major index. */
export function groundingValues(parameters: readonly FiniteType[], index: number): number[] {
  const out = new Array<number>(parameters.length);
  for (let i = parameters.length - 1; i >= 0; i--) {
    const n = parameters[i]!.values.length;
    out[i] = index % n;
    index = Math.floor(index / n);
  }
  return out;
}

/** pyRDDLGym's name of a grounding: `price___a0`, `p___x1__x2`, or `name` without parameters. */
export function groundName(pvariable: PVariable, index: number): string {
  if (pvariable.parameters.length === 0) return pvariable.name;
  const values = groundingValues(pvariable.parameters, index).map((v, i) => pvariable.parameters[i]!.values[v]!);
  return `${pvariable.name}___${values.join('__')}`;
}
