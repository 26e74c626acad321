import type { CompiledModel } from '@rddl/compiler';
import { backwardInduction } from './backward-induction.js';
import type { DpOptions } from './options.js';
import { CACHE_ENTRIES, RowStore, setUp } from './setup.js';
import type { DpSolution } from './solution.js';
import { valueIteration } from './value-iteration.js';

/**
 * Dynamic programming over the reachable states of a model, on a grid for
 * its continuous state fluents: finite-horizon backward induction, or with
 * `horizon: 'infinite'` discounted value iteration. Throws
 * DpUnsupportedError (or a limit error) with the reason when it cannot.
 */
export function solveDp(compiled: CompiledModel, given: Partial<DpOptions> = {}, seed: number | string = 0): DpSolution {
  const start = performance.now();
  const s = setUp(compiled, given, seed);
  const store = new RowStore(s, CACHE_ENTRIES);
  return s.options.horizon === 'infinite' ? valueIteration(s, store, start) : backwardInduction(s, store, start);
}
