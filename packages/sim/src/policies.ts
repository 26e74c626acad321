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
 * uniformly on that simplex instead (one allowed sum chosen at random); a
 * group of int actions (lots summing to 20) gets a random composition of the
 * sum over a random number of its actions, within their upper bounds, so
 * that caps on how many may be non-zero are met often enough. If more actions differ from their
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
  const isInt = (group: SumConstraint) => group.actions.every((i) => compiled.layout.action.fluents[i]!.pvariable.range.kind === 'int');
  const intGroups = sums.filter(isInt);
  const realGroups = sums.filter((group) => !isInt(group));
  return {
    name: 'random',
    act(state, t, episode, out) {
      // An integer group's sum is chosen once per step, so that rejected compositions are
      // redrawn for the same sum rather than ending at the first draw of 0 (hold).
      stream.reset(episode, t, TARGET_SITE);
      const intTargets = intGroups.map((group) => pickTarget(group, stream));
      const intBounds = intGroups.map((group) => upperBounds(compiled, bounds, state, stream, group));
      for (let attempt = 0; attempt < attempts; attempt++) {
        stream.reset(episode, t, attempt);
        drawAction(compiled, bounds, state, stream, width, out);
        for (const group of realGroups) drawOnSimplex(group, stream, out);
        intGroups.forEach((group, g) => drawComposition(group, intTargets[g]!, intBounds[g]!, stream, out));
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

/** Counter site of the per-step choice of integer sums (attempts use sites 0, 1, ...). */
const TARGET_SITE = 0xffff;

/** One of the group's allowed sums, uniformly. */
function pickTarget(group: SumConstraint, stream: CounterStream): number {
  return group.targets[Math.min(group.targets.length - 1, Math.floor(stream.next() * group.targets.length))]!;
}

/** Uniform on { x >= 0 : sum x = target } (Dirichlet(1, ..., 1) scaled), for one allowed target. */
function drawOnSimplex(group: SumConstraint, stream: CounterStream, out: Float64Array): void {
  const target = pickTarget(group, stream);
  let total = 0;
  for (const i of group.actions) {
    out[i] = -Math.log(stream.nextOpen());
    total += out[i]!;
  }
  for (const i of group.actions) out[i] = target === 0 ? 0 : (out[i]! / total) * target;
}

/** Upper bound of each action of the group at the state (its box bound, else the largest target). */
function upperBounds(compiled: CompiledModel, bounds: ActionBounds, state: Float64Array, stream: CounterStream, group: SumConstraint): number[] {
  const env = { state, action: compiled.defaultAction, next: state, interm: state, observ: state, stream, episode: 0, step: 0 };
  const cap = Math.max(...group.targets);
  return group.actions.map((i) => Math.floor(Math.min(cap, ...bounds.upper[i]!.map((b) => interpret(b, env)))));
}

/** Most units handed out one at a time; a larger sum comes from the simplex draw, rounded down, and the units left over. */
const MAX_UNITS = 10_000;

/**
 * A random composition of the integer target over the group: k of
 * the actions, k uniform from the fewest that can hold the target to all of
 * them, chosen uniformly; each of them gets one unit, the rest of the units
 * go one at a time to a uniformly chosen member still below its bound.
 */
function drawComposition(group: SumConstraint, target: number, upper: readonly number[], stream: CounterStream, out: Float64Array): void {
  for (const i of group.actions) out[i] = 0;
  const n = group.actions.length;
  if (!Number.isInteger(target) || target <= 0) return;
  if (target > MAX_UNITS) {
    drawOnSimplex({ actions: group.actions, targets: [target] }, stream, out);
    let left = target;
    for (const i of group.actions) left -= out[i] = Math.floor(out[i]!);
    for (; left > 0; left--) {
      const i = group.actions[Math.floor(stream.next() * n)]!;
      out[i] = out[i]! + 1;
    }
    return;
  }
  const room = upper.map((u) => Math.max(0, u));
  const largest = [...room].sort((a, b) => b - a);
  let fewest = 0;
  for (let held = 0; fewest < n && held < target; fewest++) held += largest[fewest]!;
  const most = Math.min(n, target);
  const k = Math.min(most, fewest + Math.floor(stream.next() * (most - fewest + 1)));
  const order = Array.from({ length: n }, (_, j) => j);
  for (let j = 0; j < k; j++) {
    const r = j + Math.floor(stream.next() * (n - j));
    [order[j], order[r]] = [order[r]!, order[j]!];
  }
  const members = order.slice(0, k).filter((j) => room[j]! > 0);
  let left = target;
  for (const j of members) {
    out[group.actions[j]!] = 1;
    left--;
  }
  let open = members.filter((j) => out[group.actions[j]!]! < room[j]!);
  while (left > 0 && open.length > 0) {
    const pick = Math.floor(stream.next() * open.length);
    const j = open[pick]!;
    const i = group.actions[j]!;
    out[i] = out[i]! + 1;
    left--;
    if (out[i]! >= room[j]!) open = open.filter((_, q) => q !== pick);
  }
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
