import type { CompiledModel } from '@rddl/compiler';
import type { Budget } from './budget.js';

/** What every planner is given. */
export interface PlannerContext {
  /** The model to plan with: the evaluation model, or a copy with non-fluent overrides. */
  readonly compiled: CompiledModel;
  /** Seed of the planner's own random numbers (never the evaluation's draws). */
  readonly seed: number | string;
  readonly budget: Budget;
  /** Worker threads the planner may use (1 = none). */
  readonly workers: number;
  /** Progress of long planning (loss, iterations): shown by the CLI. */
  readonly onProgress?: (info: PlannerProgress) => void;
}

export interface PlannerProgress {
  readonly message: string;
  /** Fraction done in [0, 1] when known. */
  readonly fraction?: number;
}

/** Statistics a planner reports (rollouts per second, tree size, loss, solver gap, ...). */
export type PlannerStats = Readonly<Record<string, number | string>>;

/**
 * A planner chooses actions for states. It may plan once up front
 * (`prepare`: a whole policy or plan) and/or at every step (`act`, within its
 * budget). For a fixed seed and an iteration budget it is reproducible.
 */
export interface Planner {
  readonly name: string;
  /** One-time planning before the episodes (optional). */
  prepare?(): Promise<void> | void;
  /** Called when an evaluation episode starts (replanning planners reset here). */
  startEpisode?(episode: number): void;
  /** Fill `out` (it holds the default action) with the action for `state` at step `t` of `episode`. */
  act(state: Float64Array, t: number, episode: number, out: Float64Array): Promise<void> | void;
  /** Statistics to report after the evaluation. */
  stats?(): PlannerStats;
  /** Write what the planner computed (tables, pictures, models) into `dir` (`rddl solve --out`); returns the file names. */
  writeArtifacts?(dir: string): Promise<string[]> | string[];
  /** Release workers and other resources. */
  dispose?(): Promise<void> | void;
}

/** A planner kind: its name, what it says about itself, its default options, and how to make one. */
export interface PlannerFactory<Options = Record<string, unknown>> {
  readonly name: string;
  readonly description: string;
  readonly defaults: Options;
  /** Budget used when none is given (per decision for planners that search at every step). */
  readonly defaultBudget?: Budget;
  /** undefined when the planner can handle the model (with these options, when given), else why not (the construct and its line). */
  supports?(compiled: CompiledModel, options?: Options): string | undefined;
  create(context: PlannerContext, options: Options): Planner | Promise<Planner>;
}
