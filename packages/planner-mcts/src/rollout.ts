import type { CompiledModel } from '@rddl/compiler';
import { randomPolicy, SimulationError, type Policy, type Simulator, type StepResult } from '@rddl/sim';
import type { MctsOptions } from './options.js';

/**
 * Rollouts from the simulator's current state with the random or noop
 * policy, for at most `rolloutDepth` steps and never past `end`; a rollout
 * cut short before `end` may add its mean reward per step for the steps left
 * (`leafEstimate: extrapolate`). An action the simulator rejects is replaced
 * by noop; if noop is rejected too the rollout stops there.
 */
export class Rollout {
  private readonly policy: Policy | undefined;
  private readonly action: Float64Array;

  constructor(
    private readonly compiled: CompiledModel,
    private readonly options: MctsOptions,
    seed: number | string,
  ) {
    // The random baseline's policy, with the planner's own seed: its draws are keyed by (scenario, step).
    this.policy = options.rollout === 'random' ? randomPolicy(compiled, { seed: `${String(seed)}/planner:mcts:rollout`, attempts: options.attempts, unboundedWidth: options.unboundedWidth }) : undefined;
    this.action = new Float64Array(compiled.layout.action.size);
  }

  /** Discounted return of a rollout from `sim`'s state, which it advances; `scenario` keys the policy's draws. */
  run(sim: Simulator, end: number, scenario: number): number {
    const gamma = this.compiled.discount;
    const start = sim.time;
    const limit = this.options.rolloutDepth > 0 ? Math.min(end, start + this.options.rolloutDepth) : end;
    let total = 0;
    let weight = 1;
    let sum = 0;
    let steps = 0;
    let terminated = false;
    while (sim.time < limit && !sim.done) {
      if (this.policy) this.policy.act(sim.state, sim.time, scenario, this.action);
      else this.action.set(this.compiled.defaultAction);
      let reward: number;
      try {
        const r = this.step(sim);
        reward = r.reward;
        terminated = r.terminated;
      } catch (err) {
        if (err instanceof SimulationError) break;
        throw err;
      }
      total += weight * reward;
      weight *= gamma;
      sum += reward;
      steps++;
    }
    const left = end - sim.time;
    if (this.options.leafEstimate === 'extrapolate' && steps > 0 && !terminated && left > 0) {
      // Sum of gamma^i over the steps left, times the rollout's mean reward.
      const discounts = gamma === 1 ? left : (1 - gamma ** left) / (1 - gamma);
      total += weight * discounts * (sum / steps);
    }
    return total;
  }

  /** One step with the chosen action, falling back to noop when the simulator rejects it (a failed step leaves the state as it was). */
  private step(sim: Simulator): StepResult {
    try {
      return sim.step(this.action);
    } catch (err) {
      if (!(err instanceof SimulationError) || this.isNoop()) throw err;
      this.action.set(this.compiled.defaultAction);
      return sim.step(this.action);
    }
  }

  private isNoop(): boolean {
    const d = this.compiled.defaultAction;
    for (let i = 0; i < d.length; i++) if (this.action[i] !== d[i]) return false;
    return true;
  }
}
