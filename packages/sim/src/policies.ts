import { CounterStream, deriveSeedKey } from '@rddl/core';
import { extractActionBounds, extractSumConstraints, interpret, type ActionBounds, type CompiledModel, type SumConstraint } from '@rddl/compiler';
import type { Policy } from './policy.js';
import { Simulator } from './simulator.js';

/** Every action at its default. */
export function noopPolicy(compiled: CompiledModel): Policy {
  return {
    name: 'noop',
    act(_state, _t, _episode, out) {
      out.set(compiled.defaultAction);
    },
  };
}

/** The same action at every step. */
export function constantPolicy(action: Float64Array, name = 'constant'): Policy {
  return {
    name,
    act(_state, _t, _episode, out) {
      out.set(action);
    },
  };
}

export interface RandomPolicyOptions {
  readonly seed?: number | string;
  /** Tries before falling back to the noop action when preconditions reject the draws. Default 100. */
  readonly attempts?: number;
  /** Half-width of the range used for a side of a numeric action without a bound. Default 1. */
  readonly unboundedWidth?: number;
}

/**
 * The random policy: each action uniform over its range (bool: fair coin; int:
 * uniform integer; enum/object: uniform value; real: uniform) within the box
 * bounds read from the preconditions at the current state, a missing side
 * being default ± `unboundedWidth`. A group of actions whose sum a
 * precondition fixes (portfolio weights summing to 1, or to 0 = hold) is drawn
 * uniformly on that simplex instead (one allowed sum chosen at random). If more actions differ from their
 * defaults than max-nondef-actions allows, a uniformly chosen subset of that
 * size is kept. Draws that violate another precondition are redrawn; after
 * `attempts` failures the noop action is used. Random numbers come from their
 * own stream (seed, "policy:random"), keyed by episode and step.
 */
export function randomPolicy(compiled: CompiledModel, options: RandomPolicyOptions = {}): Policy {
  const bounds = extractActionBounds(compiled);
  const sums = extractSumConstraints(compiled);
  const stream = new CounterStream(deriveSeedKey(options.seed ?? 0, 'policy:random'));
  const checker = new Simulator(compiled, { constraints: 'error', seed: options.seed ?? 0, purpose: 'policy:check' });
  const attempts = options.attempts ?? 100;
  const width = options.unboundedWidth ?? 1;
  const needsCheck = bounds.boundOnly.some((b) => !b) || compiled.preconditions.length > 0;
  return {
    name: 'random',
    act(state, t, episode, out) {
      for (let attempt = 0; attempt < attempts; attempt++) {
        stream.reset(episode, t, attempt);
        drawAction(compiled, bounds, state, stream, width, out);
        for (const group of sums) drawOnSimplex(group, stream, out);
        if (!needsCheck || checker.preconditionsHold(state, out, t, episode)) return;
      }
      out.set(compiled.defaultAction);
    },
  };
}

function drawAction(compiled: CompiledModel, bounds: ActionBounds, state: Float64Array, stream: CounterStream, width: number, out: Float64Array): void {
  const fluents = compiled.layout.action.fluents;
  const defaults = compiled.defaultAction;
  const env = { state, action: defaults, next: state, interm: state, observ: state, stream, episode: 0, step: 0 };
  for (let i = 0; i < fluents.length; i++) {
    const range = fluents[i]!.pvariable.range;
    const u = stream.next();
    if (range.kind === 'bool') {
      out[i] = u < 0.5 ? 1 : 0;
      continue;
    }
    if (range.kind === 'finite') {
      out[i] = Math.min(range.type.values.length - 1, Math.floor(u * range.type.values.length));
      continue;
    }
    const lo = Math.max(...bounds.lower[i]!.map((b) => interpret(b, env)), bounds.lower[i]!.length ? -Infinity : defaults[i]! - width);
    const hi = Math.min(...bounds.upper[i]!.map((b) => interpret(b, env)), bounds.upper[i]!.length ? Infinity : defaults[i]! + width);
    const a = Number.isFinite(lo) ? lo : (Number.isFinite(hi) ? hi : defaults[i]!) - 2 * width;
    const b = Number.isFinite(hi) ? hi : a + 2 * width;
    if (range.kind === 'int') {
      const low = Math.ceil(a);
      const high = Math.floor(b);
      out[i] = high >= low ? low + Math.min(high - low, Math.floor(u * (high - low + 1))) : defaults[i]!;
    } else out[i] = b >= a ? a + u * (b - a) : defaults[i]!;
  }
  limitNondefault(compiled, stream, out);
}

/** Uniform on { x >= 0 : sum x = target } (Dirichlet(1, ..., 1) scaled), for one allowed target. */
function drawOnSimplex(group: SumConstraint, stream: CounterStream, out: Float64Array): void {
  const target = group.targets[Math.min(group.targets.length - 1, Math.floor(stream.next() * group.targets.length))]!;
  let total = 0;
  for (const i of group.actions) {
    out[i] = -Math.log(stream.nextOpen());
    total += out[i]!;
  }
  for (const i of group.actions) out[i] = target === 0 ? 0 : (out[i]! / total) * target;
}

/** Keep a uniformly chosen subset of max-nondef-actions non-default actions (partial Fisher–Yates). */
function limitNondefault(compiled: CompiledModel, stream: CounterStream, out: Float64Array): void {
  const max = compiled.maxNondefActions;
  if (!Number.isFinite(max)) return;
  const defaults = compiled.defaultAction;
  const changed: number[] = [];
  for (let i = 0; i < out.length; i++) if (out[i] !== defaults[i]) changed.push(i);
  if (changed.length <= max) return;
  for (let k = 0; k < max; k++) {
    const j = k + Math.floor(stream.next() * (changed.length - k));
    [changed[k], changed[j]] = [changed[j]!, changed[k]!];
  }
  for (let k = max; k < changed.length; k++) out[changed[k]!] = defaults[changed[k]!]!;
}
