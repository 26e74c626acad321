import type { CompiledModel } from '@rddl/compiler';
import { constantPlanner, myopicPlanner, noopPlanner, randomPlanner, type PlannerFactory } from '@rddl/planning';

type AnyFactory = PlannerFactory<Record<string, unknown>>;

/**
 * The planners `rddl solve` knows. Search planners live in their own
 * packages and are imported only when chosen, so `rddl check` never loads
 * TensorFlow.js, glpk.js or HiGHS.
 */
const builtin: Record<string, () => Promise<AnyFactory>> = {
  noop: async () => noopPlanner as unknown as AnyFactory,
  random: async () => randomPlanner as unknown as AnyFactory,
  constant: async () => constantPlanner as unknown as AnyFactory,
  myopic: async () => myopicPlanner as unknown as AnyFactory,
  mcts: async () => ((await import('@rddl/planner-mcts' as string)) as { mctsPlanner: AnyFactory }).mctsPlanner,
  gradient: async () => ((await import('@rddl/planner-gradient' as string)) as { gradientPlanner: AnyFactory }).gradientPlanner,
  milp: async () => ((await import('@rddl/planner-milp' as string)) as { milpPlanner: AnyFactory }).milpPlanner,
  dp: async () => ((await import('@rddl/planner-dp' as string)) as { dpPlanner: AnyFactory }).dpPlanner,
};

export const plannerNames = Object.keys(builtin);

/** The factory of a planner, or undefined when its package is not installed. */
export async function loadPlanner(name: string): Promise<AnyFactory | undefined> {
  const load = builtin[name];
  if (!load) return undefined;
  try {
    return await load();
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}

/**
 * `--planner auto`: the planner that suits the model, and why. Exact DP for
 * models it can solve (small discrete or low-dimensional continuous state),
 * the gradient planner when every action is real-valued, MCTS otherwise;
 * myopic when none of those is installed.
 */
export async function choosePlanner(compiled: CompiledModel): Promise<{ name: string; reason: string }> {
  const actions = compiled.layout.action.fluents;
  if (actions.length === 0) return { name: 'noop', reason: 'the model has no actions' };
  const dp = await loadPlanner('dp');
  if (dp && dp.supports?.(compiled) === undefined) {
    return { name: 'dp', reason: 'the state space is small enough for dynamic programming (exact, or on a grid for continuous state), which optimises the whole horizon' };
  }
  const allReal = actions.every((f) => f.pvariable.range.kind === 'real');
  const gradient = allReal ? await loadPlanner('gradient') : undefined;
  if (gradient && gradient.supports?.(compiled) === undefined) {
    return { name: 'gradient', reason: 'every action is real-valued: planning by gradient descent through simulated rollouts' };
  }
  const mcts = await loadPlanner('mcts');
  if (mcts && mcts.supports?.(compiled) === undefined) {
    return { name: 'mcts', reason: allReal ? 'real-valued actions the gradient planner cannot handle: tree search' : 'discrete actions: Monte Carlo tree search (UCT)' };
  }
  return { name: 'myopic', reason: 'no search planner is installed for this model: the best action for the next reward' };
}
