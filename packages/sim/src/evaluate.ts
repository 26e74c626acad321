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

/** A policy whose `act` may be asynchronous (planners that search in worker threads). */
export interface AsyncPolicy {
  readonly name: string;
  act(state: Float64Array, t: number, episode: number, out: Float64Array): void | Promise<void>;
  startEpisode?(episode: number): void;
}

/** Run `policy` for `episodes` episodes; returns are discounted sums of rewards. */
export function evaluatePolicy(compiled: CompiledModel, policy: Policy, options: EvaluationOptions): EvaluationResult {
  const run = new EpisodeRun(compiled, options);
  for (let k = 0; k < options.episodes; k++) {
    const episode = run.startEpisode(k);
    policy.startEpisode?.(episode);
    while (!run.done) {
      policy.act(run.state, run.t, episode, run.prepareAction());
      run.applyAction();
    }
    run.endEpisode(k);
  }
  return run.result();
}

/** The same, for policies that may act asynchronously (awaited only when `act` returns a promise). */
export async function evaluatePolicyAsync(compiled: CompiledModel, policy: AsyncPolicy, options: EvaluationOptions): Promise<EvaluationResult> {
  const run = new EpisodeRun(compiled, options);
  for (let k = 0; k < options.episodes; k++) {
    const episode = run.startEpisode(k);
    policy.startEpisode?.(episode);
    while (!run.done) {
      const pending = policy.act(run.state, run.t, episode, run.prepareAction());
      if (pending) await pending;
      run.applyAction();
    }
    run.endEpisode(k);
  }
  return run.result();
}

/** The bookkeeping shared by both evaluation loops: simulator, returns, step records. */
class EpisodeRun {
  private readonly sim: Simulator;
  private readonly returns: Float64Array;
  private readonly undiscounted: Float64Array;
  private readonly action: Float64Array;
  private readonly first: number;
  private steps = 0;
  private episode = 0;
  private ret = 0;
  private plain = 0;
  private discount = 1;

  constructor(
    private readonly compiled: CompiledModel,
    private readonly options: EvaluationOptions,
  ) {
    this.sim = new Simulator(compiled, { seed: options.seed ?? 0, constraints: options.constraints ?? 'error' });
    this.returns = new Float64Array(options.episodes);
    this.undiscounted = new Float64Array(options.episodes);
    this.action = new Float64Array(compiled.layout.action.size);
    this.first = options.firstEpisode ?? 0;
  }

  get done(): boolean {
    return this.sim.done;
  }

  get state(): Float64Array {
    return this.sim.state;
  }

  get t(): number {
    return this.sim.time;
  }

  startEpisode(k: number): number {
    this.episode = this.first + k;
    this.sim.reset(this.episode);
    this.ret = 0;
    this.plain = 0;
    this.discount = 1;
    return this.episode;
  }

  prepareAction(): Float64Array {
    this.action.set(this.compiled.defaultAction);
    return this.action;
  }

  applyAction(): void {
    const t = this.sim.time;
    const before = this.options.onStep ? this.sim.state.slice() : undefined;
    const r = this.sim.step(this.action);
    this.ret += this.discount * r.reward;
    this.plain += r.reward;
    this.discount *= this.compiled.discount;
    this.steps++;
    this.options.onStep?.({ episode: this.episode, t, state: before!, action: this.action, reward: r.reward, nextState: this.sim.state, observation: this.sim.observation, done: r.done });
  }

  endEpisode(k: number): void {
    this.returns[k] = this.ret;
    this.undiscounted[k] = this.plain;
    this.options.onEpisode?.(this.episode, this.ret);
  }

  result(): EvaluationResult {
    return { returns: this.returns, undiscounted: this.undiscounted, summary: summarize(this.returns), steps: this.steps, warnings: this.sim.warnings };
  }
}
