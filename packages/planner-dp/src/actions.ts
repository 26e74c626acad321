import { CounterStream, deriveSeedKey } from '@rddl/core';
import { extractActionBounds, interpret, irChildren, type CompiledModel, type IrNode } from '@rddl/compiler';
import { countJointActions, enumerateJointActions } from '@rddl/planning';
import { formatValue } from '@rddl/sim';

/** The finite action set the DP maximises over. */
export interface ActionSet {
  /** Joint actions (one value per ground action fluent); the default action first. */
  readonly actions: readonly Float64Array[];
  /** Real-valued action fluents that were discretised, for reports. */
  readonly discretised: readonly string[];
}

export class ActionSetError extends Error {}

function readsState(n: IrNode): boolean {
  if (n.op === 'ref') return n.space !== 'action';
  return irChildren(n).some(readsState);
}

/**
 * Every joint action within `max-nondef-actions`: bool and enum actions take
 * all their values, int actions every value between their bounds, real
 * actions `points` values evenly spread between their bounds (and their
 * default). Bounds are the action preconditions that do not read the state;
 * those that do are checked state by state when the DP runs.
 */
export function buildActionSet(compiled: CompiledModel, options: { actionPoints: number; actionLimit: number }): ActionSet {
  const bounds = extractActionBounds(compiled);
  const stream = new CounterStream(deriveSeedKey(0, 'planner:dp:bounds'));
  const env = { state: compiled.initialState, action: compiled.defaultAction, next: compiled.initialState, interm: new Float64Array(0), observ: new Float64Array(0), stream, episode: 0, step: 0 };
  const discretised: string[] = [];
  const alternatives = compiled.layout.action.fluents.map((f, i) => {
    const d = compiled.defaultAction[i]!;
    const range = f.pvariable.range;
    if (range.kind === 'bool') return [1 - d];
    if (range.kind === 'finite') return range.type.values.map((_, v) => v).filter((v) => v !== d);
    const constant = (list: readonly IrNode[]) => list.filter((b) => !readsState(b)).map((b) => interpret(b, env));
    const lo = Math.max(-Infinity, ...constant(bounds.lower[i]!));
    const hi = Math.min(Infinity, ...constant(bounds.upper[i]!));
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
      throw new ActionSetError(`action ${f.name} has no ${Number.isFinite(lo) ? 'upper' : 'lower'} bound that does not depend on the state (add an action precondition such as ${f.name} ${Number.isFinite(lo) ? '<=' : '>='} 10)`);
    }
    const values: number[] = [];
    if (range.kind === 'int' && hi - lo + 1 <= Math.max(options.actionPoints, 64)) {
      for (let v = Math.ceil(lo); v <= Math.floor(hi); v++) values.push(v);
    } else {
      discretised.push(f.name);
      const n = options.actionPoints;
      for (let k = 0; k < n; k++) {
        const v = n === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * k) / (n - 1);
        values.push(range.kind === 'int' ? Math.round(v) : v);
      }
    }
    return [...new Set(values)].filter((v) => v !== d);
  });
  const all = enumerateJointActions(compiled.defaultAction, alternatives, compiled.maxNondefActions, options.actionLimit);
  if (!all) {
    const count = countJointActions(alternatives, compiled.maxNondefActions);
    throw new ActionSetError(`the model has ${count.toExponential(3)} joint actions (limit ${options.actionLimit}; option actionLimit)`);
  }
  return { actions: all, discretised };
}

/** `name=value, ...`: every action fluent when there are at most three, else those away from their defaults (`noop` when none). */
export function describeAction(compiled: CompiledModel, action: Float64Array): string {
  const fluents = compiled.layout.action.fluents;
  const all = fluents.length <= 3;
  const parts: string[] = [];
  for (let i = 0; i < action.length; i++) if (all || action[i] !== compiled.defaultAction[i]) parts.push(`${fluents[i]!.name}=${formatValue(fluents[i]!, action[i]!)}`);
  return parts.length ? parts.join(', ') : 'noop';
}
