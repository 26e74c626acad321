import type { CounterStream } from '@rddl/core';
import type { ActionInfo, ConstraintPlan } from '../analysis/constraints.js';
import { standardNormalQuantile } from '@rddl/distributions';
import type { BoxMethod, InitMethod } from '../options.js';
import type { RelaxationTable } from '../relaxations.js';

type Kind = 'simplex' | 'box' | 'box-sigmoid' | 'lower' | 'upper' | 'free';

interface Slot {
  readonly action: ActionInfo;
  readonly kind: Kind;
  /** Units of one parameter step for unbounded and half-bounded actions. */
  readonly scale: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Maps the optimised parameters (one per action and step) to actions and
 * back-propagates through the map. Bounded real actions are a point of the
 * box in [0, 1] units (clipped after each step: projection) or a sigmoid of
 * the parameter; actions pinned to a simplex are a softmax of their
 * parameters; bool actions are a sigmoid probability; int actions are reals
 * rounded in the rollouts (straight-through by default).
 */
export class PlanParameterisation {
  private readonly slots: Slot[];
  readonly actions: number;
  private readonly groups: readonly (readonly number[])[];

  constructor(
    private readonly constraints: ConstraintPlan,
    boxMethod: BoxMethod,
    private readonly relaxations: RelaxationTable,
  ) {
    this.groups = constraints.simplexGroups;
    this.actions = constraints.actions.length;
    this.slots = constraints.actions.map((a): Slot => {
      const scale = Math.max(1, Math.abs(a.defaultValue));
      if (a.simplex >= 0) return { action: a, kind: 'simplex', scale };
      if (a.kind === 'bool') return { action: a, kind: 'box-sigmoid', scale: 1 };
      const lo = Number.isFinite(a.lower);
      const hi = Number.isFinite(a.upper);
      if (lo && hi) return { action: a, kind: boxMethod === 'sigmoid' && a.upper > a.lower ? 'box-sigmoid' : 'box', scale };
      if (lo) return { action: a, kind: 'lower', scale: Math.max(scale, Math.abs(a.lower)) };
      if (hi) return { action: a, kind: 'upper', scale: Math.max(scale, Math.abs(a.upper)) };
      return { action: a, kind: 'free', scale };
    });
  }

  /** Initial parameters for `steps` steps. */
  init(steps: number, method: InitMethod, stream: CounterStream): Float64Array {
    const n = this.actions;
    const theta = new Float64Array(steps * n);
    for (let t = 0; t < steps; t++) {
      stream.reset(t, 0, 0, 0);
      for (let i = 0; i < n; i++) {
        const s = this.slots[i]!;
        const a = s.action;
        const u = stream.nextOpen();
        let value: number;
        if (method === 'random') value = s.kind === 'box' ? u : s.kind === 'free' || s.kind === 'simplex' || s.kind === 'box-sigmoid' ? standardNormalQuantile(u) : Math.abs(standardNormalQuantile(u));
        else if (method === 'center') value = s.kind === 'box' ? 0.5 : s.kind === 'simplex' || s.kind === 'box-sigmoid' ? 0 : this.fromAction(s, a.defaultValue);
        else value = s.kind === 'simplex' ? 0 : this.fromAction(s, a.defaultValue);
        theta[t * n + i] = value;
      }
    }
    return theta;
  }

  /** The parameter of one action value (clipped into its bounds). */
  private fromAction(s: Slot, value: number): number {
    const { lower, upper } = s.action;
    const v = Math.min(upper, Math.max(lower, value));
    switch (s.kind) {
      case 'box':
        return upper > lower ? (v - lower) / (upper - lower) : 0;
      case 'box-sigmoid': {
        if (s.action.kind === 'bool') return v >= 0.5 ? 1 : -1;
        const p = Math.min(0.98, Math.max(0.02, (v - lower) / (upper - lower)));
        return Math.log(p / (1 - p));
      }
      case 'lower':
        return (v - lower) / s.scale;
      case 'upper':
        return (upper - v) / s.scale;
      default:
        return v / s.scale;
    }
  }

  /**
   * Actions of every step from the parameters. `relaxed`: the values the
   * rollouts use (bool as probability or its rounding, per the
   * discrete-action relaxation); otherwise the exact values to play.
   */
  decode(theta: Float64Array, out: Float64Array, relaxed: boolean): void {
    const n = this.actions;
    const steps = theta.length / n;
    const soft = relaxed && this.relaxations['discrete-action'].method === 'soft';
    for (let t = 0; t < steps; t++) {
      const o = t * n;
      for (let i = 0; i < n; i++) {
        const s = this.slots[i]!;
        const a = s.action;
        const x = theta[o + i]!;
        let v: number;
        switch (s.kind) {
          case 'simplex':
            continue;
          case 'box':
            v = a.lower + (a.upper - a.lower) * Math.min(1, Math.max(0, x));
            break;
          case 'box-sigmoid':
            v = a.lower + (a.upper - a.lower) * sigmoid(x);
            break;
          case 'lower':
            v = a.lower + s.scale * Math.max(0, x);
            break;
          case 'upper':
            v = a.upper - s.scale * Math.max(0, x);
            break;
          default:
            v = s.scale * x;
        }
        if (a.kind === 'bool' && !soft) v = v >= 0.5 ? 1 : 0;
        else if (a.kind === 'int' && !soft) v = Math.min(a.upper, Math.max(a.lower, Math.round(v)));
        out[o + i] = v;
      }
      for (const g of this.groups) softmax(theta, out, o, g);
      this.limitNondefault(out, o);
    }
  }

  /** max-nondef-actions: keep the actions furthest from their defaults (in units of their range), reset the others. */
  private limitNondefault(out: Float64Array, o: number): void {
    const k = this.constraints.maxNondef;
    if (!(k < this.actions)) return;
    const far = this.slots.map((s, i) => {
      const a = s.action;
      const range = Number.isFinite(a.upper - a.lower) && a.upper > a.lower ? a.upper - a.lower : s.scale;
      return { i, d: Math.abs(out[o + i]! - a.defaultValue) / range };
    });
    far.sort((p, q) => q.d - p.d || p.i - q.i);
    for (let j = k; j < far.length; j++) out[o + far[j]!.i] = this.slots[far[j]!.i]!.action.defaultValue;
  }

  /** d loss / d parameters from d loss / d actions (straight-through for rounding and the nondefault limit). */
  backward(theta: Float64Array, actions: Float64Array, gradActions: Float64Array, out: Float64Array): void {
    const n = this.actions;
    const steps = theta.length / n;
    for (let t = 0; t < steps; t++) {
      const o = t * n;
      for (let i = 0; i < n; i++) {
        const s = this.slots[i]!;
        const a = s.action;
        const x = theta[o + i]!;
        const g = gradActions[o + i]!;
        switch (s.kind) {
          case 'simplex':
            continue;
          case 'box':
            out[o + i] = (a.upper - a.lower) * g;
            break;
          case 'box-sigmoid': {
            const p = sigmoid(x);
            out[o + i] = (a.upper - a.lower) * p * (1 - p) * g;
            break;
          }
          case 'lower':
            out[o + i] = x > 0 ? s.scale * g : Math.min(0, s.scale * g);
            break;
          case 'upper':
            out[o + i] = x > 0 ? -s.scale * g : Math.min(0, -s.scale * g);
            break;
          default:
            out[o + i] = s.scale * g;
        }
      }
      for (const grp of this.groups) {
        // Softmax: d/d theta_j = a_j (g_j - sum_i a_i g_i).
        let dot = 0;
        for (const i of grp) dot += actions[o + i]! * gradActions[o + i]!;
        for (const i of grp) out[o + i] = actions[o + i]! * (gradActions[o + i]! - dot);
      }
    }
  }

  /** Projection after an optimiser step: box parameters back into [0, 1], half-bounded ones to >= 0. */
  project(theta: Float64Array): void {
    const n = this.actions;
    for (let j = 0; j < theta.length; j++) {
      const kind = this.slots[j % n]!.kind;
      if (kind === 'box') theta[j] = Math.min(1, Math.max(0, theta[j]!));
      else if (kind === 'lower' || kind === 'upper') theta[j] = Math.max(0, theta[j]!);
    }
  }
}

function softmax(theta: Float64Array, out: Float64Array, o: number, group: readonly number[]): void {
  let m = -Infinity;
  for (const i of group) m = Math.max(m, theta[o + i]!);
  let s = 0;
  for (const i of group) s += Math.exp(theta[o + i]! - m);
  for (const i of group) out[o + i] = Math.exp(theta[o + i]! - m) / s;
}
