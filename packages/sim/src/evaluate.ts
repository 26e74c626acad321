import type { Diagnostic } from '@rddl/core';
import type { CompiledModel } from '@rddl/compiler';
import type { Policy } from './policy.js';
import { Simulator, type ConstraintMode } from './simulator.js';
import { summarize, type Summary } from './stats.js';

export interface EvaluationOptions {
  readonly episodes: number;
  /** Seed of the simulation's random draws; every policy evaluated with the same seed sees the same draws. */
  readonly seed?: number | string;
  readonly constraints?: ConstraintMode;
  /** First episode number (episodes are numbered from here; draws are keyed by the number). Default 0. */
  readonly firstEpisode?: number;
  /** Called after every step (for traces). */
  readonly onStep?: (record: StepRecord) => void;
  /** Called after every episode (for progress). */
  readonly onEpisode?: (episode: number, ret: number) => void;
}

export interface StepRecord {
  readonly episode: number;
  readonly t: number;
  readonly state: Float64Array;
  readonly action: Float64Array;
  readonly reward: number;
  readonly nextState: Float64Array;
  readonly observation: Float64Array;
  readonly done: boolean;
}

export interface EvaluationResult {
  /** Discounted return of each episode. */
  readonly returns: Float64Array;
  /** Undiscounted return of each episode. */
  readonly undiscounted: Float64Array;
  readonly summary: Summary;
  readonly steps: number;
  readonly warnings: Diagnostic[];
}

/** Run `policy` for `episodes` episodes; returns are discounted sums of rewards. */
export function evaluatePolicy(compiled: CompiledModel, policy: Policy, options: EvaluationOptions): EvaluationResult {
  const sim = new Simulator(compiled, { seed: options.seed ?? 0, constraints: options.constraints ?? 'error' });
  const returns = new Float64Array(options.episodes);
  const undiscounted = new Float64Array(options.episodes);
  const action = new Float64Array(compiled.layout.action.size);
  const first = options.firstEpisode ?? 0;
  let steps = 0;
  for (let k = 0; k < options.episodes; k++) {
    const episode = first + k;
    sim.reset(episode);
    policy.startEpisode?.(episode);
    let ret = 0;
    let plain = 0;
    let discount = 1;
    for (let t = 0; !sim.done; t++) {
      action.set(compiled.defaultAction);
      policy.act(sim.state, t, episode, action);
      const before = options.onStep ? sim.state.slice() : undefined;
      const r = sim.step(action);
      ret += discount * r.reward;
      plain += r.reward;
      discount *= compiled.discount;
      steps++;
      options.onStep?.({ episode, t, state: before!, action, reward: r.reward, nextState: sim.state, observation: sim.observation, done: r.done });
    }
    returns[k] = ret;
    undiscounted[k] = plain;
    options.onEpisode?.(episode, ret);
  }
  return { returns, undiscounted, summary: summarize(returns), steps, warnings: sim.warnings };
}
