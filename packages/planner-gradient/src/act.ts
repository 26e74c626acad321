import { CounterStream, deriveSeedKey } from '@rddl/core';
import { interpret, type CompiledModel, type Environment } from '@rddl/compiler';
import { Simulator } from '@rddl/sim';
import type { ConstraintPlan } from './analysis/constraints.js';

/**
 * Makes a planned action playable in the exact simulator: clips it to the
 * bounds that depend on the state, then checks the preconditions; an action
 * that still violates them is replaced by the first valid of: noop, noop
 * with one planned action kept, noop with one bool action flipped (counted).
 */
export class ActionGuard {
  private readonly sim: Simulator;
  private readonly stream: CounterStream;
  private readonly interm: Float64Array;
  private readonly observ: Float64Array;
  fallbacks = 0;
  clipped = 0;

  constructor(
    private readonly compiled: CompiledModel,
    private readonly constraints: ConstraintPlan,
    seed: number | string,
  ) {
    this.sim = new Simulator(compiled, { seed, purpose: 'planner:gradient:check', constraints: 'ignore' });
    this.stream = new CounterStream(deriveSeedKey(seed, 'planner:gradient:check'));
    this.interm = new Float64Array(compiled.layout.interm.size);
    this.observ = new Float64Array(compiled.layout.observ.size);
  }

  apply(state: Float64Array, t: number, episode: number, action: Float64Array): void {
    const env: Environment = { state, action, next: state, interm: this.interm, observ: this.observ, stream: this.stream, episode, step: t };
    for (const a of this.constraints.actions) {
      let v = action[a.index]!;
      const before = v;
      for (const b of a.stateLower) v = Math.max(v, interpret(b, env));
      for (const b of a.stateUpper) v = Math.min(v, interpret(b, env));
      if (a.kind !== 'real') v = a.kind === 'bool' ? (v >= 0.5 ? 1 : 0) : Math.round(v);
      if (v !== before && Number.isFinite(v)) {
        action[a.index] = v;
        this.clipped++;
      }
    }
    if (this.sim.preconditionsHold(state, action, t, episode)) return;
    // Fallbacks, the first valid wins: noop; noop with one planned action kept; noop with one bool action
    // flipped (models such as "exactly one action a step" have no valid noop).
    const noop = this.compiled.defaultAction;
    const candidates: Float64Array[] = [noop];
    for (const a of this.constraints.actions) if (action[a.index] !== noop[a.index]) candidates.push(withValue(noop, a.index, action[a.index]!));
    for (const a of this.constraints.actions) if (a.kind === 'bool') candidates.push(withValue(noop, a.index, 1 - noop[a.index]!));
    for (const c of candidates) {
      if (this.sim.preconditionsHold(state, c, t, episode)) {
        action.set(c);
        this.fallbacks++;
        return;
      }
    }
  }
}

function withValue(base: Float64Array, index: number, value: number): Float64Array {
  const out = Float64Array.from(base);
  out[index] = value;
  return out;
}
