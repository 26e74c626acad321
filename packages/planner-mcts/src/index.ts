import type { PlannerFactory } from '@rddl/planning';
import { defaultMctsOptions, resolveOptions, type MctsOptions } from './options.js';
import { createMctsPlanner } from './planner.js';
import { mctsSupports } from './supports.js';

export { defaultMctsOptions, resolveOptions, type MctsOptions } from './options.js';
export { TreeSearch, type SearchRequest, type SearchResult, type RootChild } from './search.js';
export { JointSpace } from './joint-actions.js';
export type { DecisionNode, ChanceNode, Outcome } from './tree.js';
export { actionValues, gridValues, integerValues, type ActionValues } from './action-values.js';
export { mergeRoots, recommend } from './recommend.js';
export { budgetShares } from './budget-shares.js';

/**
 * Online UCT (see docs/planners/mcts.md): replans at every step from the
 * current state, reusing the subtree the real step reached; any action kind,
 * grid or progressive widening for real actions, double progressive widening
 * for continuous outcomes, root-parallel over worker threads.
 */
export const mctsPlanner: PlannerFactory<MctsOptions> = {
  name: 'mcts',
  description: 'Monte Carlo tree search (UCT) from the current state at every step; any action kind, root-parallel over --workers',
  defaults: defaultMctsOptions,
  defaultBudget: { kind: 'iterations', iterations: 500 },
  supports: mctsSupports,
  create: (ctx, options) => createMctsPlanner(ctx, resolveOptions(options)),
};
