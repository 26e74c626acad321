export { type Budget, parseBudget, formatBudget, BudgetClock } from './budget.js';
export type { Planner, PlannerContext, PlannerFactory, PlannerProgress, PlannerStats } from './planner.js';
export { noopPlanner, randomPlanner, constantPlanner, myopicPlanner, type ConstantOptions, type MyopicOptions } from './baselines.js';
export { evaluatePlanner, compareReturns, type PlannerEvaluation, type PlannerEvaluationOptions } from './evaluate-planner.js';
export { parseOverride, withNonFluents, type NonFluentOverride } from './overrides.js';
export { parseAction } from './action-text.js';
export { alternativeValues, countJointActions, enumerateJointActions } from './action-space.js';
