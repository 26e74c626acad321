import type { ScenarioNoise } from './noise.js';

/** What one differentiable rollout of a scenario batch gives. */
export interface RolloutResult {
  /** Mean over scenarios of minus the discounted relaxed return plus the weighted penalty. */
  readonly loss: number;
  /** Mean discounted return of the relaxed rollouts. */
  readonly relaxedReturn: number;
  /** Mean summed violation amount of the penalised constraints (unweighted). */
  readonly violation: number;
  /** d loss / d action, step-major (T x actions); empty when not asked for. */
  readonly gradient: Float64Array;
  /** Domain errors met (ln of 0, division by 0, ...): counted, given a finite value and no gradient. */
  readonly domainErrors: number;
}

/**
 * A differentiable backend: rolls a scenario batch out from `start` under
 * the open-loop actions (the same for every scenario, T x actions) and
 * returns the loss and its gradient with respect to the actions.
 */
export interface DifferentiableRollout {
  readonly backend: string;
  readonly horizon: number;
  readonly batch: number;
  run(start: Float64Array, actions: Float64Array, noise: ScenarioNoise, gradient: boolean): RolloutResult | Promise<RolloutResult>;
  dispose?(): void;
}

/** Settings shared by the backends. */
export interface RolloutSettings {
  readonly batch: number;
  readonly horizon: number;
  readonly discount: number;
  /** Weight of the penalty in the loss. */
  readonly penalty: number;
  /** Straight-through termination: rewards after a termination do not count, but their gradients flow. */
  readonly passThroughTermination: boolean;
}
