import { CounterStream, deriveSeedKey, type Diagnostic } from '@rddl/core';
import { createKernel, DomainError, type CheckInfo, type CompiledModel, type Kernel } from '@rddl/compiler';
import { ActionChecker } from './action-check.js';
import { constraintDiagnostic, domainErrorDiagnostic, SimulationError, type Snapshot } from './simulation-error.js';

/** What to do when a state invariant or action precondition fails. */
export type ConstraintMode = 'error' | 'warn' | 'ignore';

export interface SimulatorOptions {
  /** Seed of every random draw (with the episode and step numbers). Default 0. */
  readonly seed?: number | string;
  /** Default `error`: a violation stops the simulation with a diagnostic. */
  readonly constraints?: ConstraintMode;
  /** Key purpose: simulators of the same seed but a different purpose draw independent numbers (planners use their own). Default `sim`. */
  readonly purpose?: string;
}

export interface StepResult {
  readonly reward: number;
  /** A termination condition holds in the new state. */
  readonly terminated: boolean;
  /** The horizon was reached. */
  readonly truncated: boolean;
  readonly done: boolean;
}

/**
 * One episode of a compiled model. The arrays it exposes are its own and are
 * updated in place; copy them to keep a value. Random draws are a function of
 * (seed, episode, step, site), so the same seed gives the same trajectory
 * whatever else runs. The compiled kernel is shared by every simulator of a
 * model; each simulator brings its own stream.
 */
export class Simulator {
  readonly compiled: CompiledModel;
  readonly constraints: ConstraintMode;
  /** Warnings recorded in `warn` mode (one per constraint and step). */
  readonly warnings: Diagnostic[] = [];
  readonly interm: Float64Array;
  readonly observation: Float64Array;
  private readonly kernel: Kernel;
  private readonly checks: readonly CheckInfo[];
  private readonly stream: CounterStream;
  private readonly actions: ActionChecker;
  private readonly checking: boolean;
  private readonly hasPreconditions: boolean;
  private readonly hasInvariants: boolean;
  private readonly hasTermination: boolean;
  private s: Float64Array;
  private n: Float64Array;
  private action: Float64Array;
  private t = 0;
  private ep = 0;
  private finished = false;
  /** Copies for `preconditionsHold`, so a check never touches the simulation's own arrays. */
  private scratch: { s: Float64Array; a: Float64Array } | undefined;

  constructor(compiled: CompiledModel, options: SimulatorOptions = {}, stream?: CounterStream) {
    this.compiled = compiled;
    this.constraints = options.constraints ?? 'error';
    this.stream = stream ?? new CounterStream(deriveSeedKey(options.seed ?? 0, options.purpose ?? 'sim'));
    const { kernel, generated } = createKernel(compiled);
    this.kernel = kernel;
    this.checks = generated.checks;
    this.actions = new ActionChecker(compiled);
    this.checking = this.constraints !== 'ignore';
    this.hasPreconditions = compiled.preconditions.length > 0;
    this.hasInvariants = compiled.invariants.length > 0;
    this.hasTermination = compiled.terminations.length > 0;
    const L = compiled.layout;
    this.s = new Float64Array(L.state.size);
    this.n = new Float64Array(L.state.size);
    this.interm = new Float64Array(L.interm.size);
    this.observation = new Float64Array(L.observ.size);
    this.action = new Float64Array(L.action.size);
    this.s.set(compiled.initialState);
  }

  /** The current state (read-only view; changes as the simulation steps). */
  get state(): Float64Array {
    return this.s;
  }

  /** Number of steps taken in this episode. */
  get time(): number {
    return this.t;
  }

  get episode(): number {
    return this.ep;
  }

  get done(): boolean {
    return this.finished;
  }

  /** Start episode `episode` from the initial state; the invariants are checked on it. */
  reset(episode = 0): Float64Array {
    this.ep = episode;
    this.t = 0;
    this.finished = false;
    this.s.set(this.compiled.initialState);
    this.checkInvariants();
    return this.s;
  }

  /** Put the simulator in a given state at a given step (planners use this to search from a state). */
  setState(state: ArrayLike<number>, time = this.t, episode = this.ep): void {
    this.s.set(state);
    this.t = time;
    this.ep = episode;
    this.finished = time >= this.compiled.horizon;
  }

  /** A copy at the same state and step, sharing the compiled code and the random stream. */
  clone(): Simulator {
    const copy = new Simulator(this.compiled, { constraints: this.constraints }, this.stream);
    copy.setState(this.s, this.t, this.ep);
    copy.finished = this.finished;
    return copy;
  }

  /** Apply an action (one value per ground action fluent, see the layout) and advance one step. */
  step(action: ArrayLike<number>): StepResult {
    if (this.finished) throw new Error('the episode is over; call reset()');
    const { kernel: k, stream: st } = this;
    const a = this.action;
    a.set(action);
    try {
      if (this.checking) {
        const bad = this.actions.check(a, 0, this.t);
        if (bad) throw new SimulationError(bad);
        if (this.hasPreconditions) {
          const violated = k.preconditions(this.s, 0, a, 0, this.n, 0, this.interm, 0, this.observation, 0, this.ep, this.t, st);
          if (violated >= 0) this.violation('precondition', violated, this.snapshot());
        }
      }
      k.step(this.s, 0, a, 0, this.n, 0, this.interm, 0, this.observation, 0, this.ep, this.t, st);
      const reward = k.reward(this.s, 0, a, 0, this.n, 0, this.interm, 0, this.observation, 0, this.ep, this.t, st);
      const previous = this.s;
      this.s = this.n;
      this.n = previous;
      this.t++;
      if (this.checking && this.hasInvariants) this.checkInvariantsUnguarded();
      const terminated = this.hasTermination && k.terminal(this.s, 0, a, 0, this.n, 0, this.interm, 0, this.observation, 0, this.ep, this.t, st) >= 0;
      const truncated = this.t >= this.compiled.horizon;
      this.finished = terminated || truncated;
      return { reward, terminated, truncated, done: this.finished };
    } catch (err) {
      throw this.translate(err);
    }
  }

  /** Whether `action` is valid in `state` (range, max-nondef-actions, preconditions), without changing the simulation. */
  preconditionsHold(state: ArrayLike<number>, action: ArrayLike<number>, time = this.t, episode = this.ep): boolean {
    if (this.actions.check(action, 0, time)) return false;
    if (!this.hasPreconditions) return true;
    const scratch = (this.scratch ??= { s: new Float64Array(this.s.length), a: new Float64Array(this.action.length) });
    scratch.s.set(state);
    scratch.a.set(action);
    try {
      return this.kernel.preconditions(scratch.s, 0, scratch.a, 0, this.n, 0, this.interm, 0, this.observation, 0, episode, time, this.stream) < 0;
    } catch (err) {
      if (err instanceof DomainError) return false;
      throw err;
    }
  }

  private snapshot(): Snapshot {
    return { state: this.s, action: this.action, next: this.n, interm: this.interm, observ: this.observation, step: this.t };
  }

  private checkInvariants(): void {
    if (!this.checking || !this.hasInvariants) return;
    try {
      this.checkInvariantsUnguarded();
    } catch (err) {
      throw this.translate(err);
    }
  }

  private checkInvariantsUnguarded(): void {
    const violated = this.kernel.invariants(this.s, 0, this.action, 0, this.n, 0, this.interm, 0, this.observation, 0, this.ep, this.t, this.stream);
    if (violated >= 0) this.violation('invariant', violated, this.snapshot());
  }

  private violation(kind: 'invariant' | 'precondition', index: number, snap: Snapshot): void {
    if (this.constraints === 'error') throw new SimulationError(constraintDiagnostic(this.compiled, kind, index, snap, 'error'));
    this.warnings.push(constraintDiagnostic(this.compiled, kind, index, snap, 'warning'));
  }

  /** A domain error of the compiled code becomes a diagnostic; anything else is passed on. */
  private translate(err: unknown): unknown {
    return err instanceof DomainError ? new SimulationError(domainErrorDiagnostic(this.compiled, this.checks, err, this.t)) : err;
  }
}
