export { gradientPlanner, gradientSupports, setupGradient, type GradientSetup } from './planner.js';
export { gradientDefaults, resolveOptions, type GradientOptions, type ResolvedOptions, type BackendName, type OptimizerName, type BoxMethod, type InitMethod } from './options.js';
export {
  relaxationCatalogue,
  defaultRelaxations,
  smoothRelaxations,
  parseRelaxations,
  formatRelaxations,
  constructs,
  type Construct,
  type Relaxation,
  type RelaxationTable,
} from './relaxations.js';
export { lowerStep, type RelaxedExpression } from './program/lower.js';
export { printProgram } from './program/print.js';
export type { StepProgram, Instr, Reg } from './program/types.js';
export { ActionDependence } from './analysis/dependence.js';
export { planConstraints, findSimplexGroups, type ConstraintPlan, type ActionInfo } from './analysis/constraints.js';
export { ScenarioNoise } from './noise.js';
export { CompiledRollout } from './compiled/compiled-rollout.js';
export { createRollout } from './backends.js';
export type { DifferentiableRollout, RolloutResult, RolloutSettings } from './rollout.js';
export { PlanParameterisation } from './plan/parameterisation.js';
export { optimisePlan, type OptimiseResult, type OptimiseSettings } from './plan/optimise.js';
export { explainRelaxations } from './explain.js';
