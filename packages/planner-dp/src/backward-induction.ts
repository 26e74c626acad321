import { IdSet } from './id-set.js';
import { rowEntries } from './rows.js';
import { checkLimits, CACHE_ENTRIES, describe, DpUnsupportedError, loadState, terminal, WorkLimitError, type RowStore, type Setup } from './setup.js';
import { backup, finish, type DpSolution, type Layer } from './solution.js';

/**
 * The discrete states reachable at each step 0..H-1 from the initial state.
 * When no draw reaches a discrete fluent the next discrete states come from
 * the deterministic stage alone; otherwise every outcome is enumerated (and
 * the rows kept for the backward pass).
 */
function explore(s: Setup, store: RowStore, horizon: number): number[][] {
  const initial = s.registry.id(s.analysis.compiled.initialState);
  // One state's rows measure the work per state (and meet the outcome limit early).
  loadState(s, initial, Math.floor(s.gridSize / 2));
  const before = s.rows.work;
  const sample = s.rows.build();
  const perState = Math.max(1, s.rows.work - before);
  const entries = Math.max(1, rowEntries(sample));
  const layers: number[][] = [[initial]];
  let visits = s.gridSize;
  // Distinct next states of each (state, grid point), so a state met at many steps is expanded once.
  const successors = new Map<number, Int32Array>();
  const distinct = new IdSet();
  for (let t = 0; t + 1 < horizon; t++) {
    const next = new IdSet();
    for (const id of layers[t]!) {
      for (let g = 0; g < s.gridSize; g++) {
        loadState(s, id, g);
        if (t > 0 && terminal(s)) continue;
        if (s.rows.staticDiscrete) {
          s.rows.nextIds(next);
          s.rows.work += s.actions.length;
        } else {
          const key = id * s.gridSize + g;
          let list = successors.get(key);
          if (!list) {
            const rows = store.get(id, g, true);
            distinct.clear();
            for (let i = 0; i < rows.next.length; i++) distinct.add(rows.next[i]!);
            list = Int32Array.from(distinct.members);
            successors.set(key, list);
          }
          for (let i = 0; i < list.length; i++) next.add(list[i]!);
        }
        checkLimits(s, t + 1, perState);
      }
    }
    const members = next.members;
    const previous = layers[t]!;
    if (t > 0 && members.length === previous.length && previous.every((id) => next.indexOf(id) >= 0)) {
      // The same states as the step before: every later step has them too (the search does not depend on the step).
      while (layers.length < horizon) layers.push(previous);
      visits += (horizon - 1 - t) * previous.length * s.gridSize;
      estimate(s, visits, perState, entries);
      break;
    }
    layers.push([...members]);
    visits += members.length * s.gridSize;
    estimate(s, visits, perState, entries);
  }
  return layers;
}

/** Stop before the backward pass when it would take more than the work limit (rows are recomputed at every step they are not cached for). */
function estimate(s: Setup, visits: number, perState: number, entries: number): void {
  const states = s.registry.size * s.gridSize;
  const cached = states * entries <= CACHE_ENTRIES;
  const work = (cached ? states : visits) * perState;
  if (work > s.options.workLimit) {
    throw new WorkLimitError(
      `solving needs about ${work.toExponential(2)} outcome evaluations (${states} states, ${perState} evaluations each${cached || visits === states ? '' : `, recomputed at each of ${visits} visits over the steps`}) against a limit of ${s.options.workLimit.toExponential(2)} (option workLimit)`,
    );
  }
}

/**
 * Finite-horizon backward induction over the states reachable at each
 * step: V_t(s) = max_a E[r + gamma V_t+1(s')], V_H = 0.
 */
export function backwardInduction(s: Setup, store: RowStore, start: number): DpSolution {
  const H = s.analysis.compiled.horizon;
  const gamma = s.analysis.compiled.discount;
  const found = explore(s, store, H);
  const total = s.registry.size;
  const appearances = new Int32Array(total);
  for (const ids of found) for (const id of ids) appearances[id]!++;
  // Steps with the same states share their index arrays (and the rows' precomputed value indices, see backup).
  const shared = new Map<number[], { ids: Int32Array; position: Int32Array }>();
  const layers: Layer[] = found.map((list) => {
    let index = shared.get(list);
    if (!index) {
      const position = new Int32Array(total).fill(-1);
      list.forEach((id, k) => (position[id] = k));
      index = { ids: Int32Array.from(list), position };
      shared.set(list, index);
    }
    return { ...index, values: new Float64Array(list.length * s.gridSize), policy: new Int32Array(list.length * s.gridSize).fill(-1) };
  });
  for (let t = H - 1; t >= 0; t--) {
    const layer = layers[t]!;
    const next = t + 1 < H ? layers[t + 1]! : undefined;
    layer.ids.forEach((id, k) => {
      for (let g = 0; g < s.gridSize; g++) {
        loadState(s, id, g);
        const at = k * s.gridSize + g;
        if (t > 0 && terminal(s)) continue;
        const rows = store.get(id, g, appearances[id]! > 1);
        const [value, action] = backup(rows, next, s.gridSize, gamma, appearances[id]! > 1);
        if (action < 0) throw new DpUnsupportedError(`no action is valid in ${describe(s, id, g)}`);
        layer.values[at] = value;
        layer.policy[at] = action;
      }
      checkLimits(s, H);
    });
  }
  return finish(s, layers, false, start, 0);
}

