import type { ScenarioNoise } from '../noise.js';
import type { Reg, StepProgram } from '../program/types.js';
import type { DifferentiableRollout, RolloutResult, RolloutSettings } from '../rollout.js';
import { generateStep, type StepLayout } from './codegen.js';
import { stepRuntime, type DomainCounter } from './runtime.js';

type StepFn = (R: Float64Array, base: number, N: Float64Array, nb: number) => void;
type BackFn = (R: Float64Array, base: number, G: Float64Array, gb: number, N: Float64Array, nb: number) => void;

/**
 * The default backend: the step program compiled to float64 loops and their
 * adjoint. The forward pass keeps every step's registers (the tape) when they
 * fit in `tapeBytes`; otherwise it keeps the states only and recomputes each
 * step before its backward pass (twice the forward work, a fraction of the memory).
 */
export class CompiledRollout implements DifferentiableRollout {
  readonly backend = 'compiled';
  readonly horizon: number;
  readonly batch: number;
  readonly source: string;
  private readonly forward: StepFn;
  private readonly backwardFn: BackFn;
  private readonly layout: StepLayout;
  private readonly counter: DomainCounter = { n: 0 };
  private readonly keepTape: boolean;
  private readonly R: Float64Array;
  private readonly G: Float64Array;
  private readonly states: Float64Array | undefined;
  private readonly reward: Float64Array;
  private readonly penalty: Float64Array;
  private readonly terminal: Float64Array;
  private readonly alive: Float64Array;
  /** d loss / d initial state (summed over scenarios) of the last run with a gradient. */
  readonly startGradient: Float64Array;

  constructor(
    private readonly program: StepProgram,
    private readonly settings: RolloutSettings,
    tapeBytes = 256 * 2 ** 20,
  ) {
    const { batch: B, horizon: T } = settings;
    this.horizon = T;
    this.batch = B;
    const gen = generateStep(program, B);
    this.source = gen.source;
    this.layout = gen.layout;
    const rt = stepRuntime(gen.layout.constants, gen.scratch, this.counter);
    // Only numbers and generated identifiers are in the source (see codegen.ts).
    const made = new Function('rt', gen.source)(rt) as { forward: StepFn; backward: BackFn };
    this.forward = made.forward;
    this.backwardFn = made.backward;
    const size = gen.layout.stepSize;
    this.keepTape = size * T * 8 <= tapeBytes;
    this.R = new Float64Array(this.keepTape ? size * T : size);
    this.G = new Float64Array(size);
    this.states = this.keepTape ? undefined : new Float64Array((T + 1) * program.state.width * B);
    this.reward = new Float64Array(T * B);
    this.penalty = new Float64Array(T * B);
    this.terminal = new Float64Array(T * B);
    this.alive = new Float64Array(T * B);
    this.startGradient = new Float64Array(program.state.width);
  }

  /** Whether every step's registers are kept (else they are recomputed in the backward pass). */
  get tape(): boolean {
    return this.keepTape;
  }

  private off(r: Reg): number {
    return this.layout.offset[r.id]!;
  }

  /** Fill the state and action registers of a step, then run its forward pass. */
  private stepForward(t: number, base: number, start: Float64Array, actions: Float64Array, noise: ScenarioNoise): void {
    const { R, program } = this;
    const B = this.batch;
    const nS = program.state.width;
    const nA = program.action.width;
    const so = base + this.off(program.state);
    if (t === 0) for (let i = 0; i < nS; i++) R.fill(start[i]!, so + i * B, so + (i + 1) * B);
    else if (this.states) R.set(this.states.subarray(t * nS * B, (t + 1) * nS * B), so);
    else {
      const prev = base - this.layout.stepSize + this.off(program.next);
      R.copyWithin(so, prev, prev + nS * B);
    }
    const ao = base + this.off(program.action);
    for (let i = 0; i < nA; i++) R.fill(actions[t * nA + i]!, ao + i * B, ao + (i + 1) * B);
    this.forward(R, base, noise.data, t * noise.stepSize);
  }

  /** Read a width-1 output register (or zeros) into out[t * B ..]. */
  private read(r: Reg | undefined, base: number, t: number, out: Float64Array): void {
    const B = this.batch;
    if (!r) {
      out.fill(0, t * B, (t + 1) * B);
      return;
    }
    if (this.layout.constant[r.id]) out.fill(this.layout.constants[this.off(r)]!, t * B, (t + 1) * B);
    else out.set(this.R.subarray(base + this.off(r), base + this.off(r) + B), t * B);
  }

  run(start: Float64Array, actions: Float64Array, noise: ScenarioNoise, wantGradient: boolean): RolloutResult {
    const { program, settings, R, G } = this;
    const { discount, penalty: lambda } = settings;
    const T = this.horizon;
    const B = this.batch;
    const nS = program.state.width;
    const nA = program.action.width;
    const size = this.layout.stepSize;
    this.counter.n = 0;
    // Forward pass over the horizon.
    for (let t = 0; t < T; t++) {
      const base = this.keepTape ? t * size : 0;
      this.stepForward(t, base, start, actions, noise);
      this.read(program.reward, base, t, this.reward);
      this.read(program.penalty, base, t, this.penalty);
      this.read(program.terminal, base, t, this.terminal);
      if (this.states && t + 1 <= T) {
        const no = base + this.off(program.next);
        this.states.set(R.subarray(no, no + nS * B), (t + 1) * nS * B);
      }
    }
    // Termination is tested on each step's input state: step t counts while no state 1..t was terminal.
    let loss = 0;
    let ret = 0;
    let viol = 0;
    for (let b = 0; b < B; b++) {
      let alive = 1;
      let g = 1;
      for (let t = 0; t < T; t++) {
        if (t > 0) alive *= 1 - this.terminal[t * B + b]!;
        this.alive[t * B + b] = alive;
        const r = this.reward[t * B + b]!;
        const p = this.penalty[t * B + b]!;
        ret += alive * g * r;
        viol += alive * p;
        loss += alive * (lambda * p - g * r);
        g *= discount;
      }
    }
    const domainErrors = this.counter.n;
    if (!wantGradient) return { loss: loss / B, relaxedReturn: ret / B, violation: viol / B, gradient: new Float64Array(0), domainErrors };

    // Backward pass, last step first.
    const gradient = new Float64Array(T * nA);
    const gState = new Float64Array(nS * B);
    const gAlive = new Float64Array(B);
    const so = this.off(program.state);
    const ao = this.off(program.action);
    const seed = (r: Reg | undefined, value: (b: number) => number) => {
      if (!r || !r.grad || this.layout.constant[r.id]) return;
      const o = this.off(r);
      for (let b = 0; b < B; b++) G[o + b]! += value(b);
    };
    for (let t = T - 1; t >= 0; t--) {
      const base = this.keepTape ? t * size : 0;
      if (!this.keepTape) this.stepForward(t, 0, start, actions, noise);
      const gt = Math.pow(discount, t);
      // d loss / d alive_t = own terms + (the next step's) * (1 - terminal_{t+1}).
      for (let b = 0; b < B; b++) {
        const own = (lambda * this.penalty[t * B + b]! - gt * this.reward[t * B + b]!) / B;
        const later = t + 1 < T ? gAlive[b]! * (1 - this.terminal[(t + 1) * B + b]!) : 0;
        gAlive[b] = own + later;
      }
      G.fill(0);
      // Straight-through termination: later steps pass their gradient as if the episode went on.
      const mask = (b: number) => (this.settings.passThroughTermination ? 1 : this.alive[t * B + b]!);
      seed(program.reward, (b) => (-gt * mask(b)) / B);
      seed(program.penalty, (b) => (lambda * mask(b)) / B);
      if (t > 0) seed(program.terminal, (b) => -gAlive[b]! * this.alive[(t - 1) * B + b]!);
      if (t + 1 < T && program.next.grad) {
        const no = this.off(program.next);
        for (let j = 0; j < nS * B; j++) G[no + j]! += gState[j]!;
      }
      this.backwardFn(R, base, G, 0, noise.data, t * noise.stepSize);
      gState.set(G.subarray(so, so + nS * B));
      for (let i = 0; i < nA; i++) {
        let s = 0;
        const o = ao + i * B;
        for (let b = 0; b < B; b++) s += G[o + b]!;
        gradient[t * nA + i] = s;
      }
    }
    for (let i = 0; i < nS; i++) {
      let s = 0;
      for (let b = 0; b < B; b++) s += gState[i * B + b]!;
      this.startGradient[i] = s;
    }
    return { loss: loss / B, relaxedReturn: ret / B, violation: viol / B, gradient, domainErrors };
  }
}
