/**
 * SysAdmin MDP (IPPC 2011) by hand:
 *
 *   running'(x) = reboot(x) ? true
 *               : running(x) ? Bernoulli(.45 + .5 * (1 + #running in-neighbours) / (1 + #in-neighbours))
 *               : Bernoulli(REBOOT-PROB)
 *   reward = sum_c running(c) - REBOOT-PENALTY * reboot(c)
 *
 * Random sites as the compiler numbers them (random expressions in CPF order;
 * KronDelta draws nothing): 0 = the running Bernoulli, 1 = the reboot
 * Bernoulli; grounding = the computer's index.
 */
import type { CounterStream } from '@rddl/core';
import type { CompiledModel } from '@rddl/compiler';
import { sampleBernoulli } from '@rddl/distributions';
import { initialValues, nonFluent, objectCount, offsetOf } from './load.js';
import type { HandModel } from './model.js';

const SITE_RUNNING = 0;
const SITE_REBOOT = 1;

export class SysAdmin implements HandModel {
  readonly name = 'sysadmin';
  readonly stateSize: number;
  readonly actionSize: number;
  readonly horizon: number;
  readonly discount: number;
  private readonly n: number;
  private readonly maxNondef: number;
  private readonly rebootProb: number;
  private readonly penalty: number;
  /** In-neighbours of computer x: from[start[x] .. start[x + 1]). */
  private readonly start: Int32Array;
  private readonly from: Int32Array;
  /** 1 + number of in-neighbours. */
  private readonly denominator: Float64Array;
  private readonly init: Float64Array;

  constructor(
    compiled: CompiledModel,
    private readonly stream: CounterStream,
  ) {
    const n = (this.n = objectCount(compiled, 'computer'));
    if (offsetOf(compiled, 'state', 'running') !== 0 || offsetOf(compiled, 'action', 'reboot') !== 0) throw new Error('unexpected layout');
    this.stateSize = this.actionSize = n;
    this.horizon = compiled.horizon;
    this.discount = compiled.discount;
    this.maxNondef = compiled.maxNondefActions;
    this.rebootProb = nonFluent(compiled, 'REBOOT-PROB')[0]!;
    this.penalty = nonFluent(compiled, 'REBOOT-PENALTY')[0]!;
    this.init = initialValues(compiled, 'running');
    const connected = nonFluent(compiled, 'CONNECTED'); // CONNECTED(y, x) at y * n + x
    const from: number[] = [];
    this.start = new Int32Array(n + 1);
    this.denominator = new Float64Array(n);
    for (let x = 0; x < n; x++) {
      for (let y = 0; y < n; y++) if (connected[y * n + x]) from.push(y);
      this.start[x + 1] = from.length;
      this.denominator[x] = 1 + (this.start[x + 1]! - this.start[x]!);
    }
    this.from = Int32Array.from(from);
  }

  initial(s: Float64Array, so: number): void {
    s.set(this.init, so);
  }

  checkAction(a: Float64Array, ao: number): void {
    let nondefault = 0;
    for (let x = 0; x < this.n; x++) {
      const v = a[ao + x]!;
      if (v !== 0 && v !== 1) throw new Error('reboot must be boolean');
      nondefault += v;
    }
    if (nondefault > this.maxNondef) throw new Error('too many reboots');
  }

  checkState(): void {
    // no state invariants
  }

  step(s: Float64Array, so: number, a: Float64Array, ao: number, next: Float64Array, no: number, ep: number, t: number): number {
    const { n, start, from, denominator, stream, penalty } = this;
    let reward = 0;
    for (let x = 0; x < n; x++) {
      const up = s[so + x]!;
      const reboot = a[ao + x]!;
      reward += up - penalty * reboot;
      let v: number;
      if (reboot !== 0) v = 1;
      else if (up !== 0) {
        let k = 0;
        for (let j = start[x]!; j < start[x + 1]!; j++) k += s[so + from[j]!]!;
        v = sampleBernoulli(stream.reset(ep, t, SITE_RUNNING, x), 0.45 + (0.5 * (1 + k)) / denominator[x]!) ? 1 : 0;
      } else v = sampleBernoulli(stream.reset(ep, t, SITE_REBOOT, x), this.rebootProb) ? 1 : 0;
      next[no + x] = v;
    }
    return reward;
  }
}
