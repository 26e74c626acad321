import { interpret, type ActionBounds, type CompiledModel } from '@rddl/compiler';
import { CounterStream } from '@rddl/core';
import type { MctsOptions } from './options.js';

/** The values a search tries for each ground action at one state. */
export interface ActionValues {
  /** Per ground action: its values other than the default (bool: the other one; enum: every other; numeric: a grid). */
  readonly alternatives: readonly (readonly number[])[];
  /** Per ground action: [low, high] to draw from for real actions under `widening`, else undefined. */
  readonly continuous: readonly (readonly [number, number] | undefined)[];
}

// Bounds that read a random draw are nonsense, but interpret() needs a stream to be total.
const unusedStream = new CounterStream({ k0: 0, k1: 0 });

/**
 * Bounds come from the preconditions evaluated at the state (`0 <= release(?r) <= rlevel(?r)`);
 * a side no precondition bounds is the default ± `unboundedWidth`, as in the random policy.
 */
export function actionValues(compiled: CompiledModel, bounds: ActionBounds, state: Float64Array, options: MctsOptions): ActionValues {
  const defaults = compiled.defaultAction;
  const env = { state, action: defaults, next: state, interm: state, observ: state, stream: unusedStream, episode: 0, step: 0 };
  const alternatives: number[][] = [];
  const continuous: ([number, number] | undefined)[] = [];
  compiled.layout.action.fluents.forEach((f, i) => {
    const d = defaults[i]!;
    const range = f.pvariable.range;
    continuous.push(undefined);
    if (range.kind === 'bool') return alternatives.push([1 - d]);
    if (range.kind === 'finite') return alternatives.push(range.type.values.map((_, v) => v).filter((v) => v !== d));
    const lower = bounds.lower[i]!.map((b) => interpret(b, env));
    const upper = bounds.upper[i]!.map((b) => interpret(b, env));
    let lo = lower.length ? Math.max(...lower) : d - options.unboundedWidth;
    let hi = upper.length ? Math.min(...upper) : d + options.unboundedWidth;
    if (!Number.isFinite(lo)) lo = (Number.isFinite(hi) ? Math.min(hi, d) : d) - options.unboundedWidth;
    if (!Number.isFinite(hi)) hi = Math.max(lo, d) + options.unboundedWidth;
    if (range.kind === 'int') return alternatives.push(integerValues(Math.ceil(lo), Math.floor(hi), options.maxValuesPerAction).filter((v) => v !== d));
    if (options.realActions === 'widening' && hi > lo) continuous[i] = [lo, hi];
    alternatives.push(gridValues(lo, hi, options.gridStep, options.maxValuesPerAction).filter((v) => v !== d));
  });
  return { alternatives, continuous };
}

/** Every integer in [lo, hi], or `max` of them evenly spaced when there are more. */
export function integerValues(lo: number, hi: number, max: number): number[] {
  if (hi < lo) return [];
  if (hi - lo + 1 <= max) return Array.from({ length: hi - lo + 1 }, (_, k) => lo + k);
  return [...new Set(Array.from({ length: max }, (_, k) => Math.round(lo + ((hi - lo) * k) / (max - 1))))];
}

/**
 * lo, lo + step, ... up to hi (hi itself when the step divides the range); when that is
 * more than `max` values, `max` evenly spaced values from lo to hi. Values are rounded to
 * 12 significant digits so that 0.1 + 0.2 reads 0.3 in traces and sums of grid weights hit 1.
 */
export function gridValues(lo: number, hi: number, step: number, max: number): number[] {
  if (hi < lo) return [];
  const points = Math.floor((hi - lo) / step + 1e-9) + 1;
  const clean = (v: number) => Number(v.toPrecision(12));
  if (points <= max) return Array.from({ length: points }, (_, k) => clean(lo + k * step));
  return Array.from({ length: max }, (_, k) => clean(lo + ((hi - lo) * k) / (max - 1)));
}
