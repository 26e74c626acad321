import { copyRows, type StateRows } from './rows.js';
import { describe, DpUnsupportedError, loadState, WorkLimitError, type RowStore, type Setup } from './setup.js';
import { StateLimitError } from './state-registry.js';
import { backup, finish, type DpSolution, type Layer } from './solution.js';

/**
 * Discounted value iteration over every state reachable from the initial
 * one, to a stationary policy: V <- max_a r + gamma E[V'] until no value
 * moves by more than the tolerance. Every transition row is kept in memory.
 */
export function valueIteration(s: Setup, store: RowStore, start: number): DpSolution {
  const gamma = s.analysis.compiled.discount;
  if (!(gamma < 1)) throw new DpUnsupportedError('value iteration for an infinite horizon needs a discount below 1 (the instance has discount = 1)');
  const ids: number[] = [s.registry.id(s.analysis.compiled.initialState)];
  const rows: StateRows[] = [];
  const seen = new Set<number>(ids);
  for (let k = 0; k < ids.length; k++) {
    for (let g = 0; g < s.gridSize; g++) {
      const r = copyRows(store.get(ids[k]!, g, false));
      rows.push(r);
      for (let i = 0; i < r.next.length; i++) {
        const id = r.next[i]!;
        if (!seen.has(id)) {
          seen.add(id);
          ids.push(id);
        }
      }
      const states = s.registry.size * s.gridSize;
      if (states > s.options.stateLimit) throw new StateLimitError(s.options.stateLimit, states, 'reachable from the initial state before the search stopped');
      if (s.rows.work > s.options.workLimit) throw new WorkLimitError(`more than ${s.options.workLimit} outcome evaluations (option workLimit)`);
    }
  }
  const position = new Int32Array(s.registry.size).fill(-1);
  ids.forEach((id, k) => (position[id] = k));
  const size = ids.length * s.gridSize;
  let layer: Layer = { ids: Int32Array.from(ids), position, values: new Float64Array(size), policy: new Int32Array(size).fill(-1) };
  let iterations = 0;
  for (;;) {
    const values = new Float64Array(size);
    const policy = new Int32Array(size);
    let change = 0;
    for (let at = 0; at < size; at++) {
      const [v, a] = backup(rows[at]!, layer, s.gridSize, gamma, true);
      if (a < 0) throw new DpUnsupportedError(`no action is valid in ${describe(s, ids[Math.floor(at / s.gridSize)]!, at % s.gridSize)}`);
      values[at] = v;
      policy[at] = a;
      change = Math.max(change, Math.abs(v - layer.values[at]!));
    }
    layer = { ...layer, values, policy };
    iterations++;
    if (change <= s.options.tolerance || iterations >= s.options.maxIterations) break;
  }
  loadState(s, ids[0]!, 0);
  return finish(s, [layer], true, start, iterations);
}
