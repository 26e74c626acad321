import type { Tensor, Tensor2D } from '@tensorflow/tfjs';
import type { ScenarioNoise } from '../noise.js';
import type { Instr, Reg, StepProgram } from '../program/types.js';
import type { DifferentiableRollout, RolloutResult, RolloutSettings } from '../rollout.js';
import type { LoadedTf, TF } from './load.js';
import { tfUnsupported } from './coverage.js';
import { TfOps } from './tf-ops.js';


/**
 * The TensorFlow.js backend: the same step program, one tensor operation
 * (or a few) per instruction on [lanes, scenarios] float32 tensors, the
 * gradient by TensorFlow.js's autodiff (custom gradients for the
 * straight-through relaxations). Slower than the compiled backend (each
 * operation costs tens of microseconds) and float32; it runs the same plans.
 */
export class TfRollout implements DifferentiableRollout {
  readonly backend: string;
  readonly horizon: number;
  readonly batch: number;
  private readonly tf: TF;
  private readonly ops: TfOps;
  private readonly constants = new Map<number, Tensor2D>();

  constructor(
    loaded: LoadedTf,
    private readonly program: StepProgram,
    private readonly settings: RolloutSettings,
  ) {
    this.tf = loaded.tf;
    this.backend = loaded.backend;
    this.horizon = settings.horizon;
    this.batch = settings.batch;
    const unsupported = tfUnsupported(program);
    if (unsupported) throw new Error(unsupported);
    this.ops = new TfOps(this.tf);
    for (const ins of program.instrs) if (ins.kind === 'const') this.constants.set(ins.out.id, this.tf.keep(this.tf.tensor2d(Float32Array.from(ins.values), [ins.values.length, 1], 'float32')));
  }

  async run(start: Float64Array, actions: Float64Array, noise: ScenarioNoise, wantGradient: boolean): Promise<RolloutResult> {
    const { tf, program, settings } = this;
    if (tf.getBackend() !== backendKey(this.backend)) await tf.setBackend(backendKey(this.backend));
    const T = this.horizon;
    const B = this.batch;
    const nA = program.action.width;
    const side: { ret?: Tensor; viol?: Tensor } = {};
    const noiseSteps = Array.from({ length: T }, (_, t) => (noise.lanes.length > 0 ? tf.tensor2d(Float32Array.from(noise.data.subarray(t * noise.stepSize, (t + 1) * noise.stepSize)), [noise.lanes.length, B], 'float32') : undefined));
    const startT = tf.tensor2d(Float32Array.from(start), [start.length, 1], 'float32');
    const A = tf.tensor2d(Float32Array.from(actions), [T, nA], 'float32');
    const loss = (a: Tensor) => this.loss(a as Tensor2D, startT, noiseSteps, side);
    let lossValue: number;
    let gradient = new Float64Array(0);
    if (wantGradient) {
      const { value, grad } = tf.valueAndGrad(loss)(A);
      lossValue = (await value.data())[0]!;
      gradient = Float64Array.from(await grad.data());
      value.dispose();
      grad.dispose();
    } else {
      const value = tf.tidy(() => loss(A));
      lossValue = (await value.data())[0]!;
      value.dispose();
    }
    const ret = side.ret ? (await side.ret.data())[0]! : 0;
    const viol = side.viol ? (await side.viol.data())[0]! : 0;
    side.ret?.dispose();
    side.viol?.dispose();
    for (const n of noiseSteps) n?.dispose();
    startT.dispose();
    A.dispose();
    void settings;
    return { loss: lossValue, relaxedReturn: ret, violation: viol, gradient, domainErrors: 0 };
  }

  /** The loss of the batch as a scalar tensor (the relaxed return and violation are kept in `side`). */
  private loss(A: Tensor2D, start: Tensor2D, noise: (Tensor2D | undefined)[], side: { ret?: Tensor; viol?: Tensor }): Tensor {
    const { tf, program, settings, ops } = this;
    const T = this.horizon;
    const B = this.batch;
    const nA = program.action.width;
    let S: Tensor2D = tf.broadcastTo(start, [start.shape[0], B]) as Tensor2D;
    // One action column per step, [actions, 1]: operations broadcast it over the scenarios.
    const steps = tf.unstack(A);
    const widen = (x: Tensor2D, rows: number) => (x.shape[0] === rows && x.shape[1] === B ? x : (tf.broadcastTo(x, [rows, B]) as Tensor2D));
    let alive: Tensor | undefined;
    let total: Tensor = tf.scalar(0);
    let ret: Tensor = tf.scalar(0);
    let viol: Tensor = tf.scalar(0);
    for (let t = 0; t < T; t++) {
      const regs = new Map<number, Tensor2D>(this.constants);
      regs.set(program.state.id, S);
      regs.set(program.action.id, tf.reshape(steps[t]!, [nA, 1]));
      for (const ins of program.instrs) if (ins.kind !== 'const') regs.set(ins.out.id, this.instr(ins, regs, noise[t]));
      const get = (r: Reg | undefined) => (r ? widen(regs.get(r.id)!, 1) : undefined);
      const reward = get(program.reward)!;
      const penalty = get(program.penalty);
      const term = get(program.terminal);
      if (t > 0 && term) alive = alive ? tf.mul(alive, tf.sub(1, term)) : tf.sub(1, term);
      const g = Math.pow(settings.discount, t);
      let c: Tensor = tf.mul(reward, -g);
      if (penalty) c = tf.add(c, tf.mul(penalty, settings.penalty));
      let counted: Tensor = c;
      if (alive) {
        // Straight-through termination: the value counts alive steps only, the gradient of later steps flows as if alive.
        counted = settings.passThroughTermination ? tf.add(c, tf.sub(tf.mul(alive, ops.stop(c)), ops.stop(c))) : tf.mul(alive, c);
      }
      total = tf.add(total, tf.sum(counted));
      ret = tf.add(ret, tf.sum(alive ? tf.mul(alive, reward) : reward).mul(g));
      if (penalty) viol = tf.add(viol, tf.sum(alive ? tf.mul(alive, penalty) : penalty));
      S = program.next.width > 0 ? widen(regs.get(program.next.id)!, program.next.width) : S;
    }
    side.ret = tf.keep(tf.div(ret, B));
    side.viol = tf.keep(tf.div(viol, B));
    return tf.div(total, B);
  }

  private instr(ins: Instr, regs: Map<number, Tensor2D>, noise: Tensor2D | undefined): Tensor2D {
    const { tf, ops } = this;
    const B = this.batch;
    const R = (r: Reg) => regs.get(r.id)!;
    const full = (r: Reg, width: number) => {
      const x = R(r);
      return x.shape[0] === width && x.shape[1] === B ? x : (tf.broadcastTo(x, [width, B]) as Tensor2D);
    };
    const W = ins.out.width;
    switch (ins.kind) {
      case 'const':
        return R(ins.out);
      case 'pick': {
        // Runs of consecutive lanes of one register become one slice.
        const parts: Tensor2D[] = [];
        let w = 0;
        while (w < ins.from.length) {
          const s = ins.from[w]!;
          let len = 1;
          while (w + len < ins.from.length && s.reg.width > 1 && ins.from[w + len]!.reg === s.reg && ins.from[w + len]!.lane === s.lane + len) len++;
          const src = R(s.reg);
          const rows = s.reg.width === 1 && len > 1 ? (tf.broadcastTo(src, [len, src.shape[1]]) as Tensor2D) : len === s.reg.width ? src : tf.slice(src, [s.lane, 0], [len, src.shape[1]]);
          parts.push(rows);
          w += len;
        }
        if (parts.length === 1) return parts[0]!;
        // Columns: all 1 (constants, actions) or the scenarios.
        const columns = Math.max(...parts.map((p) => p.shape[1]));
        return tf.concat(
          parts.map((p) => (p.shape[1] === columns ? p : (tf.broadcastTo(p, [p.shape[0], columns]) as Tensor2D))),
          0,
        ) as Tensor2D;
      }
      case 'unary':
        return ops.unary(ins.fn, R(ins.a), ins.relax) as Tensor2D;
      case 'binary':
        return ops.binary(ins.fn, R(ins.a), R(ins.b), ins.relax) as Tensor2D;
      case 'if':
        return ops.ifThenElse(R(ins.c), R(ins.t), R(ins.e), ins.relaxed) as Tensor2D;
      case 'reduce':
        return ops.reduce(ins.fn, tf.reshape(full(ins.a, W * ins.group), [W, ins.group, B]), ins.relax) as Tensor2D;
      case 'select':
        return ops.select(tf.reshape(R(ins.index), [R(ins.index).shape[0], 1, R(ins.index).shape[1]]), tf.reshape(full(ins.options, W * ins.k), [W, ins.k, B]), ins.relax) as Tensor2D;
      case 'argext':
        return ops.argext(ins.fn, tf.reshape(full(ins.a, W * ins.k), [W, ins.k, B]), ins.relax) as Tensor2D;
      case 'sample':
        return ops.sample(ins.dist, ins.args.map(R), tf.slice(noise!, [ins.noise, 0], [W, B]), ins.relax) as Tensor2D;
      case 'discrete':
        return ops.discrete(tf.reshape(full(ins.probs, W * ins.k), [W, ins.k, B]), tf.reshape(tf.slice(noise!, [ins.noise, 0], [W * ins.k, B]), [W, ins.k, B]), ins.relax) as Tensor2D;
    }
  }

  dispose(): void {
    for (const c of this.constants.values()) c.dispose();
    this.constants.clear();
  }
}

function backendKey(name: string): string {
  return name === 'tfjs-node' ? 'tensorflow' : name === 'tfjs-wasm' ? 'wasm' : 'cpu';
}
