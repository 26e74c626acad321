import type { ActionValues } from './action-values.js';
import type { JointSpace } from './joint-actions.js';

/** The untried actions of a decision node, produced one at a time. */
export interface ActionSource {
  /** Every candidate is known (a listed or enumerated space): UCB tries each before repeating any. */
  readonly enumerated: boolean;
  /** Nothing left to try (enumerated sources only). */
  readonly exhausted: boolean;
  /** The next valid candidate, or undefined when none is left or no draw passed. */
  next(): Float64Array | undefined;
}

/**
 * The order an enumerated space is tried in: rank 0 (every action at its
 * default) first, then the other ranks in a scrambled order (an affine map
 * modulo size − 1), so that a budget smaller than the space does not try only
 * the first ground action's values.
 */
export function scrambledOrder(size: number, uniform: () => number): (i: number) => number {
  const n = size - 1;
  if (n <= 1) return (i) => i;
  let step = 1 + Math.floor(uniform() * (n - 1));
  while (gcd(step, n) !== 1) step = (step % (n - 1)) + 1;
  const offset = Math.floor(uniform() * n);
  return (i) => (i === 0 ? 0 : 1 + (((i - 1) * step + offset) % n));
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Every joint action of a small space, in scrambled order, skipping the invalid ones. */
export function enumeratedSource(space: JointSpace, order: (i: number) => number, valid: (a: Float64Array) => boolean, width: number): ActionSource {
  let cursor = 0;
  return {
    enumerated: true,
    get exhausted() {
      return cursor >= space.size;
    },
    next() {
      while (cursor < space.size) {
        const a = new Float64Array(width);
        space.unrank(order(cursor++), a);
        if (valid(a)) return a;
      }
      return undefined;
    },
  };
}

/** A fixed list of actions (the root's classes of equivalent actions), in order. */
export function listSource(actions: readonly Float64Array[]): ActionSource {
  let cursor = 0;
  return {
    enumerated: true,
    get exhausted() {
      return cursor >= actions.length;
    },
    next: () => (cursor < actions.length ? Float64Array.from(actions[cursor++]!) : undefined),
  };
}

/**
 * Draws for progressive widening: first the noop action, then joint actions
 * uniform over the grid space; a real action that a draw moves off its
 * default gets a uniform value in its bounds when `continuous` gives them.
 * Draws that are invalid or already children are redrawn up to `attempts` times.
 */
export function sampledSource(
  space: JointSpace,
  values: ActionValues,
  defaults: Float64Array,
  uniform: () => number,
  accept: (a: Float64Array) => boolean,
  attempts: number,
): ActionSource {
  let first = true;
  return {
    enumerated: false,
    exhausted: false,
    next() {
      if (first) {
        first = false;
        const noop = Float64Array.from(defaults);
        if (accept(noop)) return noop;
      }
      for (let k = 0; k < attempts; k++) {
        const a = new Float64Array(defaults.length);
        space.sample(uniform, a);
        values.continuous.forEach((range, i) => {
          if (range && a[i] !== defaults[i]) a[i] = range[0] + uniform() * (range[1] - range[0]);
        });
        if (accept(a)) return a;
      }
      return undefined;
    },
  };
}
