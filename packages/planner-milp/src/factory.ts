import type { PlannerFactory } from '@rddl/planning';
import { unsupportedConstruct } from './fragment.js';
import { milpDefaults, type MilpOptions } from './options.js';
import { createMilpPlanner } from './planner.js';

/**
 * `rddl solve --planner milp`: the IR unrolled over a lookahead into a
 * mixed-integer (quadratic) program, uncertainty by sample-average
 * approximation or mean values, solved by HiGHS (default) or GLPK, replanned
 * on a rolling horizon. See docs/planners/milp.md.
 */
export const milpPlanner: PlannerFactory<MilpOptions> = {
  name: 'milp',
  description: 'mixed-integer programming over a rolling lookahead (scenarios or mean values; HiGHS or GLPK)',
  defaults: milpDefaults,
  // Per solve: an iteration budget is a branch-and-bound node limit instead.
  defaultBudget: { kind: 'seconds', seconds: 60 },
  supports: (compiled) => unsupportedConstruct(compiled, { pieces: milpDefaults.pieces, epsilon: milpDefaults.epsilon, invariants: milpDefaults.invariants }),
  create: (ctx, options) => createMilpPlanner(ctx, { ...milpDefaults, ...options }),
};
