import { BudgetClock, type Budget } from '@rddl/planning';
import type { ScenarioNoise } from '../noise.js';
import type { DifferentiableRollout } from '../rollout.js';
import { createOptimizer } from './optimizer.js';
import type { OptimizerName } from '../options.js';
import type { PlanParameterisation } from './parameterisation.js';

export interface OptimiseSettings {
  readonly rollout: DifferentiableRollout;
  readonly parameterisation: PlanParameterisation;
  readonly noise: ScenarioNoise;
  readonly budget: Budget;
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  /** Fresh scenarios every this many iterations (0: one batch). */
  readonly resample: number;
  /** State to plan from and its step number (draws are keyed by absolute step). */
  readonly start: Float64Array;
  readonly firstStep: number;
  /** Scenario numbers start here (batches of later iterations follow). */
  readonly firstScenario: number;
  readonly progressEvery: number;
  readonly onProgress?: (message: string, fraction: number | undefined) => void;
}

export interface OptimiseResult {
  readonly theta: Float64Array;
  readonly iterations: number;
  readonly seconds: number;
  /** Loss of the first and the last iteration, and the relaxed return of the last. */
  readonly firstLoss: number;
  readonly lastLoss: number;
  readonly relaxedReturn: number;
  readonly violation: number;
  readonly domainErrors: number;
  /** Loss per iteration. */
  readonly losses: number[];
}

/**
 * Gradient descent on the plan parameters: each iteration decodes the plan,
 * rolls the scenario batch out through the relaxed model, and steps the
 * optimiser along the gradient. Iteration budgets are exact (reproducible);
 * a budget in seconds stops after the iteration that crosses it.
 */
export async function optimisePlan(theta: Float64Array, s: OptimiseSettings): Promise<OptimiseResult> {
  const { rollout, parameterisation: param, noise } = s;
  const clock = new BudgetClock(s.budget);
  const optimizer = createOptimizer(s.optimizer, theta.length, s.learningRate);
  const actions = new Float64Array(theta.length);
  const grad = new Float64Array(theta.length);
  const losses: number[] = [];
  let last = { loss: Number.NaN, relaxedReturn: Number.NaN, violation: 0, domainErrors: 0 };
  // When every iteration sees the same scenarios, losses compare: keep the best plan (a rollout's landscape can be rough).
  const comparable = noise.lanes.length === 0 || s.resample === 0;
  let best = Infinity;
  const bestTheta = Float64Array.from(theta);
  let batch = 0;
  let it = 0;
  while (clock.next()) {
    if (it === 0 || (s.resample > 0 && it % s.resample === 0)) noise.fill(s.firstScenario + batch++ * noise.stride, s.firstStep);
    param.decode(theta, actions, true);
    const r = await rollout.run(s.start, actions, noise, true);
    last = r;
    losses.push(r.loss);
    if (comparable && r.loss < best) {
      best = r.loss;
      bestTheta.set(theta);
    }
    param.backward(theta, actions, r.gradient, grad);
    let finite = true;
    for (let i = 0; i < grad.length; i++) if (!Number.isFinite(grad[i]!)) finite = false;
    // A non-finite gradient (overflow in a rollout) skips the step rather than spoil the plan.
    if (finite) {
      optimizer.step(theta, grad);
      param.project(theta);
    }
    it++;
    if (s.onProgress && s.progressEvery > 0 && (it === 1 || it % s.progressEvery === 0)) {
      const fraction = s.budget.kind === 'iterations' ? it / s.budget.iterations : Math.min(1, clock.elapsedSeconds / s.budget.seconds);
      s.onProgress(`iteration ${it}: loss ${r.loss.toPrecision(6)}, relaxed return ${r.relaxedReturn.toPrecision(6)}${r.violation > 0 ? `, violation ${r.violation.toPrecision(3)}` : ''}`, fraction);
    }
  }
  if (comparable && Number.isFinite(best)) {
    // The loss of the best plan, not of the last step.
    theta.set(bestTheta);
    param.decode(theta, actions, true);
    last = await rollout.run(s.start, actions, noise, false);
  }
  return {
    theta,
    iterations: it,
    seconds: clock.elapsedSeconds,
    firstLoss: losses[0] ?? Number.NaN,
    lastLoss: last.loss,
    relaxedReturn: last.relaxedReturn,
    violation: last.violation,
    domainErrors: last.domainErrors,
    losses,
  };
}
