import { interpret, type ActionBounds, type CompiledModel } from '@rddl/compiler';
import type { CounterStream } from '@rddl/core';

/**
 * The values worth trying for each ground action at a state: bool → the
 * other value; enum/object → every other value; int → the values in its bounds
 * (when at most `maxValues`), else its bounds; real → its bounds (and its
 * default). Bounds come from the preconditions, evaluated at the state.
 */
export function alternativeValues(
  compiled: CompiledModel,
  bounds: ActionBounds,
  state: Float64Array,
  stream: CounterStream,
  maxValues = 16,
): number[][] {
  const defaults = compiled.defaultAction;
  const env = { state, action: defaults, next: state, interm: state, observ: state, stream, episode: 0, step: 0 };
  return compiled.layout.action.fluents.map((f, i) => {
    const d = defaults[i]!;
    const range = f.pvariable.range;
    if (range.kind === 'bool') return [1 - d];
    if (range.kind === 'finite') return range.type.values.map((_, v) => v).filter((v) => v !== d);
    const lo = Math.max(-Infinity, ...bounds.lower[i]!.map((b) => interpret(b, env)));
    const hi = Math.min(Infinity, ...bounds.upper[i]!.map((b) => interpret(b, env)));
    const values: number[] = [];
    if (range.kind === 'int' && Number.isFinite(lo) && Number.isFinite(hi) && hi - lo + 1 <= maxValues) {
      for (let v = Math.ceil(lo); v <= Math.floor(hi); v++) values.push(v);
    } else {
      if (Number.isFinite(lo)) values.push(range.kind === 'int' ? Math.ceil(lo) : lo);
      if (Number.isFinite(hi)) values.push(range.kind === 'int' ? Math.floor(hi) : hi);
    }
    return [...new Set(values)].filter((v) => v !== d);
  });
}

/**
 * Number of joint actions with at most `maxNondef` actions away from their
 * defaults, each taking one of its alternative values — counted, not
 * enumerated (polynomial DP), so huge spaces are never materialised.
 */
export function countJointActions(alternatives: readonly (readonly number[])[], maxNondef: number): number {
  const m = Math.min(maxNondef, alternatives.length);
  // ways[k] = number of ways to have exactly k non-default actions among those seen so far.
  let ways = new Float64Array(m + 1);
  ways[0] = 1;
  for (const alt of alternatives) {
    const next = Float64Array.from(ways);
    for (let k = 1; k <= m; k++) next[k]! += ways[k - 1]! * alt.length;
    ways = next;
  }
  return ways.reduce((a, b) => a + b, 0);
}

/**
 * Every joint action with at most `maxNondef` non-default actions, or
 * undefined when there are more than `limit` (nothing is built then).
 */
export function enumerateJointActions(
  defaults: Float64Array,
  alternatives: readonly (readonly number[])[],
  maxNondef: number,
  limit: number,
): Float64Array[] | undefined {
  if (countJointActions(alternatives, maxNondef) > limit) return undefined;
  const out: Float64Array[] = [];
  const current = Float64Array.from(defaults);
  const visit = (from: number, used: number) => {
    out.push(Float64Array.from(current));
    if (used === maxNondef) return;
    for (let i = from; i < alternatives.length; i++) {
      for (const v of alternatives[i]!) {
        current[i] = v;
        visit(i + 1, used + 1);
      }
      current[i] = defaults[i]!;
    }
  };
  visit(0, 0);
  return out;
}
