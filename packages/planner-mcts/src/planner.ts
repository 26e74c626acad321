import type { Planner, PlannerContext, PlannerStats } from '@rddl/planning';
import { budgetShares } from './budget-shares.js';
import type { MctsOptions } from './options.js';
import { mergeRoots, recommend } from './recommend.js';
import { TreeSearch, type SearchResult } from './search.js';
import { TreeWorkers } from './worker-pool.js';

/** Running totals for `stats()`. */
class Totals {
  decisions = 0;
  searched = 0;
  trivial = 0;
  iterations = 0;
  seconds = 0;
  nodes = 0;
  maxNodes = 0;
  depth = 0;
  reused = 0;

  add(results: readonly SearchResult[], seconds: number): void {
    this.decisions++;
    if (results.every((r) => r.trivial)) {
      this.trivial++;
      return;
    }
    this.searched++;
    this.seconds += seconds;
    const nodes = results.reduce((s, r) => s + r.nodes, 0);
    this.iterations += results.reduce((s, r) => s + r.iterations, 0);
    this.nodes += nodes;
    this.maxNodes = Math.max(this.maxNodes, nodes);
    this.depth += Math.max(...results.map((r) => r.depth));
    if (results[0]!.reused) this.reused++;
  }

  stats(workers: number): PlannerStats {
    const per = (x: number) => (this.searched > 0 ? x / this.searched : 0);
    return {
      workers,
      decisions: this.decisions,
      'decisions without choice': this.trivial,
      iterations: this.iterations,
      'rollouts/s': this.seconds > 0 ? Math.round(this.iterations / this.seconds) : 0,
      'iterations per decision': Math.round(per(this.iterations)),
      'tree nodes per decision': Math.round(per(this.nodes)),
      'largest tree': this.maxNodes,
      'tree depth': Number(per(this.depth).toFixed(1)),
      'reused roots': `${Math.round(100 * per(this.reused))}%`,
    };
  }
}

/**
 * Online UCT: at every step a search from the current state within the
 * budget, on `workers` independent trees (root parallelism: tree 0 in this
 * thread when there is one worker, else one worker thread per tree), whose
 * root statistics are summed before the recommendation.
 */
export function createMctsPlanner(ctx: PlannerContext, options: MctsOptions): Planner {
  const { compiled } = ctx;
  const trees = Math.max(1, Math.floor(ctx.workers));
  const local = trees === 1 ? new TreeSearch(compiled, options, ctx.seed, 0) : undefined;
  let pool: TreeWorkers | undefined;
  let previous: { episode: number; t: number; action: Float64Array } | undefined;
  const totals = new Totals();

  const finish = (results: readonly SearchResult[], start: number, episode: number, t: number, out: Float64Array) => {
    const action = recommend(mergeRoots(results), options.recommend);
    out.set(action ?? compiled.defaultAction);
    previous = { episode, t, action: Float64Array.from(out) };
    totals.add(results, (performance.now() - start) / 1000);
  };

  const workers = () => (pool ??= new TreeWorkers(trees, { compiled, options, seed: ctx.seed }));

  return {
    name: 'mcts',
    // Threads start before the first decision, so that their start-up is not search time.
    prepare: () => (trees > 1 ? workers().ready : undefined),
    startEpisode() {
      previous = undefined;
    },
    act(state, t, episode, out) {
      const played = previous && previous.episode === episode && previous.t === t - 1 ? previous.action : undefined;
      const requests = budgetShares(ctx.budget, trees).map((budget) => ({ state: Float64Array.from(state), t, episode, previous: played, budget }));
      const start = performance.now();
      if (local) return finish([local.search(requests[0]!)], start, episode, t, out);
      return workers()
        .search(requests).then((results) => finish(results, start, episode, t, out));
    },
    stats: () => totals.stats(trees),
    async dispose() {
      await pool?.close();
      pool = undefined;
    },
  };
}
