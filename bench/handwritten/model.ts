/**
 * What a hand-written simulator of one instance provides, and the episode
 * drivers around it (single checked episode, lockstep batch).
 *
 * The hand-written code uses the compiled model's state and action layout
 * (so states can be compared value by value) and draws its random numbers
 * exactly as the generated kernel does: one `CounterStream` with the
 * simulator's key, `stream.reset(episode, step, site, grounding)` before each
 * draw, and the samplers of @rddl/distributions.
 */
import { CounterStream, deriveSeedKey } from '@rddl/core';

export interface HandModel {
  readonly name: string;
  readonly stateSize: number;
  readonly actionSize: number;
  readonly horizon: number;
  readonly discount: number;
  /** Write the initial state at `s[so..]`. */
  initial(s: Float64Array, so: number): void;
  /** Throw if the action is out of range, breaks max-nondef-actions or a precondition. */
  checkAction(a: Float64Array, ao: number): void;
  /** Throw if a state invariant fails. */
  checkState(s: Float64Array, so: number): void;
  /** Next state into `n[no..]`; returns the reward. Draws from `stream` keyed by (ep, t). */
  step(s: Float64Array, so: number, a: Float64Array, ao: number, n: Float64Array, no: number, ep: number, t: number): number;
}

/** The stream the compiled simulator draws from for `seed` (purpose 'sim'). */
export function simStream(seed: number): CounterStream {
  return new CounterStream(deriveSeedKey(seed, 'sim'));
}

/** One checked episode at a time, like `Simulator`. */
export class HandSimulator {
  private s: Float64Array;
  private n: Float64Array;
  private t = 0;
  private ep = 0;
  done = false;

  constructor(readonly model: HandModel) {
    this.s = new Float64Array(model.stateSize);
    this.n = new Float64Array(model.stateSize);
  }

  get state(): Float64Array {
    return this.s;
  }

  reset(episode: number): void {
    this.ep = episode;
    this.t = 0;
    this.done = false;
    this.model.initial(this.s, 0);
    this.model.checkState(this.s, 0);
  }

  /** One step; returns the reward. */
  step(action: Float64Array): number {
    const m = this.model;
    m.checkAction(action, 0);
    const r = m.step(this.s, 0, action, 0, this.n, 0, this.ep, this.t);
    const swap = this.s;
    this.s = this.n;
    this.n = swap;
    this.t++;
    m.checkState(this.s, 0);
    this.done = this.t >= m.horizon;
    return r;
  }
}

/** `episodes` episodes in lockstep over flat arrays, unchecked, like `BatchSimulator`. */
export class HandBatch {
  states: Float64Array;
  private next: Float64Array;
  readonly rewards: Float64Array;
  private t = 0;

  constructor(
    readonly model: HandModel,
    readonly episodes: number,
    readonly firstEpisode = 0,
  ) {
    this.states = new Float64Array(episodes * model.stateSize);
    this.next = new Float64Array(episodes * model.stateSize);
    this.rewards = new Float64Array(episodes);
    this.reset();
  }

  get time(): number {
    return this.t;
  }

  reset(): void {
    for (let e = 0; e < this.episodes; e++) this.model.initial(this.states, e * this.model.stateSize);
    this.t = 0;
  }

  /** Advance every episode one step; `actions` is episodes × actionSize. */
  step(actions: Float64Array): void {
    const m = this.model;
    const ns = m.stateSize;
    const na = m.actionSize;
    for (let e = 0; e < this.episodes; e++) {
      this.rewards[e] = m.step(this.states, e * ns, actions, e * na, this.next, e * ns, this.firstEpisode + e, this.t);
    }
    const swap = this.states;
    this.states = this.next;
    this.next = swap;
    this.t++;
  }
}
