import { CounterStream, deriveSeedKey } from '@rddl/core';
import { createKernel, DomainError, type CompiledModel, type Kernel, type CheckInfo } from '@rddl/compiler';
import { domainErrorDiagnostic, SimulationError } from './simulation-error.js';

/**
 * Many episodes stepped in lockstep over flat typed arrays (episode-major):
 * `states` is E × |state|, `step` takes E × |action| actions. No constraint
 * checks (use `Simulator` for checked single episodes); domain errors still
 * stop with a diagnostic. Draws are keyed by episode number, so results equal
 * those of single-episode simulation with the same seed.
 */
export class BatchSimulator {
  readonly compiled: CompiledModel;
  readonly episodes: number;
  readonly states: Float64Array;
  readonly rewards: Float64Array;
  readonly done: Uint8Array;
  private next: Float64Array;
  private readonly interm: Float64Array;
  private readonly observ: Float64Array;
  private readonly kernel: Kernel;
  private readonly checks: readonly CheckInfo[];
  private readonly stream: CounterStream;
  private readonly firstEpisode: number;
  private t = 0;

  constructor(compiled: CompiledModel, episodes: number, options: { seed?: number | string; firstEpisode?: number } = {}) {
    this.compiled = compiled;
    this.episodes = episodes;
    const L = compiled.layout;
    this.states = new Float64Array(episodes * L.state.size);
    this.next = new Float64Array(episodes * L.state.size);
    this.interm = new Float64Array(episodes * L.interm.size);
    this.observ = new Float64Array(episodes * L.observ.size);
    this.rewards = new Float64Array(episodes);
    this.done = new Uint8Array(episodes);
    this.firstEpisode = options.firstEpisode ?? 0;
    this.stream = new CounterStream(deriveSeedKey(options.seed ?? 0, 'sim'));
    const { kernel, generated } = createKernel(compiled);
    this.kernel = kernel;
    this.checks = generated.checks;
    this.reset();
  }

  get time(): number {
    return this.t;
  }

  reset(): void {
    const ns = this.compiled.layout.state.size;
    for (let e = 0; e < this.episodes; e++) this.states.set(this.compiled.initialState, e * ns);
    this.done.fill(0);
    this.t = 0;
  }

  /** Advance every unfinished episode by one step; rewards of finished episodes are 0. */
  step(actions: Float64Array): void {
    const L = this.compiled.layout;
    const [ns, na, ni, no] = [L.state.size, L.action.size, L.interm.size, L.observ.size];
    const k = this.kernel;
    const st = this.stream;
    const horizon = this.compiled.horizon;
    const hasTermination = this.compiled.terminations.length > 0;
    try {
      for (let e = 0; e < this.episodes; e++) {
        if (this.done[e]) {
          this.rewards[e] = 0;
          this.next.set(this.states.subarray(e * ns, (e + 1) * ns), e * ns);
          continue;
        }
        const ep = this.firstEpisode + e;
        k.step(this.states, e * ns, actions, e * na, this.next, e * ns, this.interm, e * ni, this.observ, e * no, ep, this.t, st);
        this.rewards[e] = k.reward(this.states, e * ns, actions, e * na, this.next, e * ns, this.interm, e * ni, this.observ, e * no, ep, this.t, st);
        if (hasTermination && k.terminal(this.next, e * ns, actions, e * na, this.states, e * ns, this.interm, e * ni, this.observ, e * no, ep, this.t + 1, st) >= 0) {
          this.done[e] = 1;
        }
      }
    } catch (err) {
      if (err instanceof DomainError) throw new SimulationError(domainErrorDiagnostic(this.compiled, this.checks, err, this.t));
      throw err;
    }
    [this.next, (this as { states: Float64Array }).states] = [this.states, this.next];
    this.t++;
    if (this.t >= horizon) this.done.fill(1);
  }
}
