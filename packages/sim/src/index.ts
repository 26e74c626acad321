export { Simulator, type SimulatorOptions, type StepResult, type ConstraintMode } from './simulator.js';
export { BatchSimulator } from './batch.js';
export { SimulationError } from './simulation-error.js';
export type { Policy } from './policy.js';
export { noopPolicy, randomPolicy, constantPolicy, type RandomPolicyOptions } from './policies.js';
export { evaluatePolicy, evaluatePolicyAsync, type AsyncPolicy, type EvaluationOptions, type EvaluationResult, type StepRecord } from './evaluate.js';
export { summarize, pairedDifference, type Summary } from './stats.js';
export { toFlat, toNested, fromValues, type FlatValues, type NestedValues, type FluentValue } from './values.js';
export { formatValue, formatNumber } from './format-value.js';

import type { CompiledModel } from '@rddl/compiler';
import { Simulator, type SimulatorOptions } from './simulator.js';

/** `createSimulator(compiled, { seed })`: a checked single-episode simulator. */
export function createSimulator(compiled: CompiledModel, options: SimulatorOptions = {}): Simulator {
  return new Simulator(compiled, options);
}
