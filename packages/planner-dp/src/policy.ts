import { coordinate, nearest } from './axis.js';
import type { DpSolution } from './solution.js';

/** The DP's policy as a table lookup, for the simulator. */
export interface TablePolicy {
  readonly name: string;
  act(state: Float64Array, t: number, episode: number, out: Float64Array): void;
  /** Decisions made for states the table does not hold (the default action was played). */
  readonly misses: number;
}

/**
 * At step t: the layer of t (the only layer when stationary), the discrete
 * part looked up exactly, each continuous fluent at the nearest grid point
 * in its grid coordinate (the policy of Das et al.'s grid).
 */
export function tablePolicy(solution: DpSolution): TablePolicy {
  const { layers, registry, axes, gridSize, actions } = solution;
  let misses = 0;
  return {
    name: 'dp',
    get misses() {
      return misses;
    },
    act(state, t, _episode, out) {
      const layer = layers[solution.stationary ? 0 : Math.min(t, layers.length - 1)]!;
      const id = registry.find(state);
      const pos = id >= 0 && id < layer.position.length ? layer.position[id]! : -1;
      let g = 0;
      for (const axis of axes) g = g * axis.coords.length + nearest(axis, coordinate(axis, state[axis.index]!));
      const a = pos < 0 ? -1 : layer.policy[pos * gridSize + g]!;
      if (a < 0) {
        misses++;
        return;
      }
      out.set(actions[a]!);
    },
  };
}
