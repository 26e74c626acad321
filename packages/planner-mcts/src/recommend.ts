import type { RootChild, SearchResult } from './search.js';
import { actionKey } from './state-key.js';

/** Root statistics of several trees summed action by action, in the order the actions first appear (tree 0 first). */
export function mergeRoots(results: readonly SearchResult[]): RootChild[] {
  const merged = new Map<string, { action: Float64Array; visits: number; total: number }>();
  for (const r of results) {
    for (const c of r.children) {
      const key = actionKey(c.action);
      const m = merged.get(key);
      if (m) {
        m.visits += c.visits;
        m.total += c.total;
      } else merged.set(key, { action: c.action, visits: c.visits, total: c.total });
    }
  }
  return [...merged.values()];
}

/**
 * The action to play: the most visited (ties: the better mean) or the best
 * mean; on a full tie the first in order. Undefined when there is none.
 */
export function recommend(children: readonly RootChild[], rule: 'visits' | 'mean'): Float64Array | undefined {
  let best: RootChild | undefined;
  const mean = (c: RootChild) => (c.visits > 0 ? c.total / c.visits : -Infinity);
  for (const c of children) {
    if (!best) {
      best = c;
      continue;
    }
    const better = rule === 'visits' ? c.visits > best.visits || (c.visits === best.visits && mean(c) > mean(best)) : mean(c) > mean(best) || (mean(c) === mean(best) && c.visits > best.visits);
    if (better) best = c;
  }
  return best?.action;
}
