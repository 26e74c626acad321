/**
 * Reservoir control (IPPC 2023) by hand, per reservoir r with level l:
 *
 *   rain       = |Normal(0, RAIN_VAR)|
 *   evaporated = EVAPORATION_FACTOR * l / TOP_RES
 *   released   = max(0, min(l, release))
 *   overflow   = max(0, l - released - TOP_RES)
 *   outflow    = released / (#downstream + CONNECTED_TO_SEA)
 *   inflow     = sum of the upstream reservoirs' outflow
 *   l'         = min(TOP_RES, max(0, l + inflow + rain - evaporated - overflow - released))
 *   reward     = sum_r 0 inside [MIN, MAX], else LOW_COST * (MIN - l') below, HIGH_COST * (l' - MAX) above
 *                (+ OVERFLOW_COST * overflow above TOP_RES)
 *
 * Operations in the same order as the RDDL so results agree to the bit.
 * Random site 0 (the rain), grounding = the reservoir.
 */
import type { CounterStream } from '@rddl/core';
import type { CompiledModel } from '@rddl/compiler';
import { sampleNormal } from '@rddl/distributions';
import { initialValues, nonFluent, objectCount, offsetOf } from './load.js';
import type { HandModel } from './model.js';

const SITE_RAIN = 0;

export class Reservoir implements HandModel {
  readonly name = 'reservoir';
  readonly stateSize: number;
  readonly actionSize: number;
  readonly horizon: number;
  readonly discount: number;
  private readonly n: number;
  private readonly top: Float64Array;
  private readonly maxLevel: Float64Array;
  private readonly minLevel: Float64Array;
  private readonly rainVar: Float64Array;
  private readonly lowCost: Float64Array;
  private readonly highCost: Float64Array;
  private readonly overflowCost: Float64Array;
  private readonly evaporation: number;
  /** Number of outlets (downstream reservoirs + the sea). */
  private readonly outlets: Float64Array;
  /** Upstream reservoirs of r: upstream[start[r] .. start[r + 1]). */
  private readonly start: Int32Array;
  private readonly upstream: Int32Array;
  private readonly seaOutlets: number;
  private readonly init: Float64Array;
  // per-step scratch
  private readonly released: Float64Array;
  private readonly overflow: Float64Array;
  private readonly outflow: Float64Array;

  constructor(
    compiled: CompiledModel,
    private readonly stream: CounterStream,
  ) {
    const n = (this.n = objectCount(compiled, 'reservoir'));
    if (offsetOf(compiled, 'state', 'rlevel') !== 0 || offsetOf(compiled, 'action', 'release') !== 0) throw new Error('unexpected layout');
    this.stateSize = this.actionSize = n;
    this.horizon = compiled.horizon;
    this.discount = compiled.discount;
    this.top = nonFluent(compiled, 'TOP_RES');
    this.maxLevel = nonFluent(compiled, 'MAX_LEVEL');
    this.minLevel = nonFluent(compiled, 'MIN_LEVEL');
    this.rainVar = nonFluent(compiled, 'RAIN_VAR');
    this.lowCost = nonFluent(compiled, 'LOW_COST');
    this.highCost = nonFluent(compiled, 'HIGH_COST');
    this.overflowCost = nonFluent(compiled, 'OVERFLOW_COST');
    this.evaporation = nonFluent(compiled, 'EVAPORATION_FACTOR')[0]!;
    const connect = nonFluent(compiled, 'RES_CONNECT'); // RES_CONNECT(r, out) at r * n + out
    const sea = nonFluent(compiled, 'CONNECTED_TO_SEA');
    this.seaOutlets = sea.reduce((a, b) => a + b, 0);
    this.outlets = new Float64Array(n);
    const up: number[] = [];
    this.start = new Int32Array(n + 1);
    for (let r = 0; r < n; r++) {
      let outs = 0;
      for (let o = 0; o < n; o++) outs += connect[r * n + o]!;
      this.outlets[r] = outs + sea[r]!;
      for (let i = 0; i < n; i++) if (connect[i * n + r]) up.push(i);
      this.start[r + 1] = up.length;
    }
    this.upstream = Int32Array.from(up);
    this.init = initialValues(compiled, 'rlevel');
    this.released = new Float64Array(n);
    this.overflow = new Float64Array(n);
    this.outflow = new Float64Array(n);
  }

  initial(s: Float64Array, so: number): void {
    s.set(this.init, so);
  }

  checkAction(a: Float64Array, ao: number): void {
    for (let r = 0; r < this.n; r++) {
      const v = a[ao + r]!;
      if (!Number.isFinite(v)) throw new Error('release must be a finite number');
      if (!(v <= this.top[r]!)) throw new Error('release above TOP_RES');
    }
    for (let r = 0; r < this.n; r++) if (!(a[ao + r]! >= 0)) throw new Error('negative release');
  }

  checkState(s: Float64Array, so: number): void {
    for (let r = 0; r < this.n; r++) if (!(s[so + r]! >= 0)) throw new Error('negative level');
    for (let r = 0; r < this.n; r++) if (!(s[so + r]! <= this.top[r]!)) throw new Error('level above TOP_RES');
    if (this.seaOutlets !== 1) throw new Error('exactly one reservoir must flow to the sea');
  }

  step(s: Float64Array, so: number, a: Float64Array, ao: number, next: Float64Array, no: number, ep: number, t: number): number {
    const { n, top, released, overflow, outflow, start, upstream, stream } = this;
    for (let r = 0; r < n; r++) {
      const level = s[so + r]!;
      const out = Math.max(0, Math.min(level, a[ao + r]!));
      released[r] = out;
      overflow[r] = Math.max(0, level - out - top[r]!);
      outflow[r] = out / this.outlets[r]!;
    }
    let reward = 0;
    for (let r = 0; r < n; r++) {
      const level = s[so + r]!;
      const rain = Math.abs(sampleNormal(stream.reset(ep, t, SITE_RAIN, r), 0, this.rainVar[r]!));
      const evaporated = (this.evaporation * level) / top[r]!;
      let inflow = 0;
      for (let j = start[r]!; j < start[r + 1]!; j++) inflow += outflow[upstream[j]!]!;
      const l = Math.min(top[r]!, Math.max(0, level + inflow + rain - evaporated - overflow[r]! - released[r]!));
      next[no + r] = l;
      const lo = this.minLevel[r]!;
      const hi = this.maxLevel[r]!;
      if (l >= lo && l <= hi) reward += 0;
      else if (l <= lo) reward += this.lowCost[r]! * (lo - l);
      else if (l > hi && l <= top[r]!) reward += this.highCost[r]! * (l - hi);
      else reward += this.highCost[r]! * (l - hi) + this.overflowCost[r]! * overflow[r]!;
    }
    return reward;
  }
}
