import type { CompiledModel } from '@rddl/compiler';
import type { ModelAnalysis } from './analyze.js';
import { coordinate, locate, type Axis } from './axis.js';
import type { GridDesign } from './grid-design.js';
import type { DpOptions } from './options.js';
import type { StateRows } from './rows.js';
import type { Setup } from './setup.js';
import type { StateRegistry } from './state-registry.js';

/** Decision epoch t: its discrete states, and per (state, grid point) the optimal value and action. */
export interface Layer {
  /** Registry ids of the discrete states reachable at t. */
  readonly ids: Int32Array;
  /** Registry id to position in `ids`, -1 when absent. */
  readonly position: Int32Array;
  /** Value of (position, grid point), flat: position * gridSize + point. */
  readonly values: Float64Array;
  /** Index into `actions` of the optimal action, -1 where the episode has terminated. */
  readonly policy: Int32Array;
}

export interface DpSolution {
  readonly compiled: CompiledModel;
  readonly analysis: ModelAnalysis;
  readonly options: DpOptions;
  readonly mode: 'exact' | 'grid';
  readonly actions: readonly Float64Array[];
  readonly registry: StateRegistry;
  readonly axes: readonly Axis[];
  readonly gridSize: number;
  readonly design: GridDesign | undefined;
  /** Finite horizon: one layer per step; infinite: one layer used at every step. */
  readonly layers: readonly Layer[];
  readonly stationary: boolean;
  /** Optimal value at the initial state (interpolated in the grid coordinates). */
  readonly initialValue: number;
  readonly stats: {
    readonly states: number;
    readonly discreteStates: number;
    readonly outcomeEvaluations: number;
    readonly solveSeconds: number;
    readonly iterations: number;
    /** States and actions integrated by Gauss–Hermite where the automatically chosen grid quadrature did not apply. */
    readonly hermiteFallbacks: number;
  };
}

/** Relative difference below which two action values count as equal. */
const TIE = 1e-12;

/**
 * max over valid actions of r + gamma E[V_next]; returns [value, action
 * index]. Kept rows remember where their entries sit in the next step's
 * values, for the steps that share its states.
 */
export function backup(rows: StateRows, next: Layer | undefined, gridSize: number, gamma: number, keep = false): [number, number] {
  let index: Int32Array | undefined;
  if (next) {
    if (rows.valueIndexFor === next.position) index = rows.valueIndex;
    else if (keep) {
      index = new Int32Array(rows.next.length);
      for (let i = 0; i < index.length; i++) index[i] = next.position[rows.next[i]!]! * gridSize + rows.cells[i]!;
      rows.valueIndex = index;
      rows.valueIndexFor = next.position;
    }
  }
  let best = -Infinity;
  let bestAction = -1;
  for (let k = 0; k < rows.actions.length; k++) {
    let q = rows.rewards[k]!;
    if (next) {
      let e = 0;
      const values = next.values;
      if (index) {
        for (let i = rows.starts[k]!; i < rows.starts[k + 1]!; i++) e += rows.probs[i]! * values[index[i]!]!;
      } else {
        for (let i = rows.starts[k]!; i < rows.starts[k + 1]!; i++) e += rows.probs[i]! * values[next.position[rows.next[i]!]! * gridSize + rows.cells[i]!]!;
      }
      q += gamma * e;
    }
    // Ties within rounding go to the earlier action (the default first), so equal values do not give a noisy policy.
    if (q > best + TIE * Math.max(1, Math.abs(best)) || bestAction < 0) {
      best = q;
      bestAction = rows.actions[k]!;
    }
  }
  return [best, bestAction];
}

/** The solution of a setup, with the value at the initial state. */
export function finish(s: Setup, layers: Layer[], stationary: boolean, start: number, iterations: number): DpSolution {
  const compiled = s.analysis.compiled;
  const first = layers[0]!;
  const id = s.registry.find(compiled.initialState);
  const initialValue = interpolateValue(first, id, s.axes, s.gridSize, compiled.initialState);
  return {
    compiled,
    analysis: s.analysis,
    options: s.options,
    mode: s.mode,
    actions: s.actions,
    registry: s.registry,
    axes: s.axes,
    gridSize: s.gridSize,
    design: s.design,
    layers,
    stationary,
    initialValue,
    stats: {
      states: s.registry.size * s.gridSize,
      discreteStates: s.registry.size,
      outcomeEvaluations: s.rows.work,
      solveSeconds: (performance.now() - start) / 1000,
      iterations,
      hermiteFallbacks: s.rows.fallbacks,
    },
  };
}

/** Value of a state of the layer: exact for the discrete part, linear (bilinear) in the grid coordinates. */
export function interpolateValue(layer: Layer, id: number, axes: readonly Axis[], gridSize: number, state: ArrayLike<number>): number {
  const pos = id >= 0 ? layer.position[id]! : -1;
  if (pos < 0) return Number.NaN;
  const base = pos * gridSize;
  if (axes.length === 0) return layer.values[base]!;
  const spots = axes.map((a) => {
    const spot = { j: 0, f: 0 };
    locate(a, coordinate(a, state[a.index]!), spot);
    return spot;
  });
  if (axes.length === 1) {
    const { j, f } = spots[0]!;
    return (1 - f) * layer.values[base + j]! + (f > 0 ? f * layer.values[base + j + 1]! : 0);
  }
  const n1 = axes[1]!.coords.length;
  const [a, b] = spots as [{ j: number; f: number }, { j: number; f: number }];
  const v = (i: number, k: number) => layer.values[base + i * n1 + k]!;
  return (1 - a.f) * ((1 - b.f) * v(a.j, b.j) + b.f * v(a.j, b.j + 1)) + a.f * ((1 - b.f) * v(a.j + 1, b.j) + b.f * v(a.j + 1, b.j + 1));
}

