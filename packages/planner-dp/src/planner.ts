import type { CompiledModel } from '@rddl/compiler';
import type { Planner, PlannerContext, PlannerFactory } from '@rddl/planning';
import { writeArtifacts } from './artifacts.js';
import { dpDefaults, type DpOptions } from './options.js';
import { tablePolicy, type TablePolicy } from './policy.js';
import { solveDp } from './solve.js';
import type { DpSolution } from './solution.js';
import { whyUnsupported } from './supports.js';

/** Solutions computed by `supports`, by model and options, reused by `create` (`supports` has to solve to know). */
const solved = new WeakMap<CompiledModel, Map<string, DpSolution>>();

function optionsKey(options: Partial<DpOptions> | undefined): string {
  return JSON.stringify({ ...dpDefaults, ...options });
}

/**
 * Dynamic programming (see docs/planners/dp.md): the whole policy is
 * computed in `prepare` and played by table lookup. The budget does not
 * apply; the limits are options.
 */
export const dpPlanner: PlannerFactory<DpOptions> = {
  name: 'dp',
  description: 'dynamic programming: exact backward induction over the reachable states, or on a grid for one or two continuous state fluents (Das et al. for goal-based wealth)',
  defaults: dpDefaults,
  supports: (compiled, options) => {
    const key = optionsKey(options);
    if (solved.get(compiled)?.has(key)) return undefined;
    const result = whyUnsupported(compiled, options);
    if (result.solution) {
      const byOptions = solved.get(compiled) ?? new Map<string, DpSolution>();
      byOptions.set(key, result.solution);
      solved.set(compiled, byOptions);
    }
    return result.reason;
  },
  create: (ctx, options) => createDpPlanner(ctx, options),
};

export function createDpPlanner(ctx: PlannerContext, options: Partial<DpOptions>): Planner {
  // The solution does not depend on the seed (it only seeds sampled outcomes of distributions without a quantile function, and every RDDL distribution has one).
  let solution: DpSolution | undefined = solved.get(ctx.compiled)?.get(optionsKey(options));
  let policy: TablePolicy | undefined;
  const ready = (): TablePolicy => {
    if (!policy) {
      solution ??= solveDp(ctx.compiled, options, ctx.seed);
      policy = tablePolicy(solution);
    }
    return policy;
  };
  return {
    name: 'dp',
    prepare() {
      ctx.onProgress?.({ message: 'solving by dynamic programming' });
      ready();
    },
    act(state, t, episode, out) {
      ready().act(state, t, episode, out);
    },
    stats() {
      const s = solution!;
      return {
        // Seven digits: the figures of the references have five.
        'value at initial state': Number(s.initialValue.toPrecision(7)).toString(),
        mode: s.mode === 'exact' ? `exact${s.stationary ? ', stationary' : ''}` : s.design!.description,
        states: s.stats.states,
        actions: s.actions.length,
        'outcome evaluations': s.stats.outcomeEvaluations,
        'solve seconds': s.stats.solveSeconds,
        ...(s.stats.hermiteFallbacks > 0 ? { 'state-actions by Gauss–Hermite (not affine)': s.stats.hermiteFallbacks } : {}),
        ...(policy && policy.misses > 0 ? { 'decisions off the table (default action)': policy.misses } : {}),
      };
    },
    writeArtifacts(dir) {
      ready();
      return writeArtifacts(solution!, dir);
    },
  };
}
