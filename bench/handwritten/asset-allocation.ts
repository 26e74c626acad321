/**
 * Asset allocation (domains/asset_allocation.rddl) by hand, for n assets:
 *
 *   total     = sum_a set_weight(a)
 *   rebalance = day mod PERIOD = 0 and |total - 1| within WEIGHT-TOLERANCE
 *   r(a)      = mean(a) + risk(a) * Normal(0, 1)          (the day's log return)
 *   weight'   = rebalance ? set_weight : weight
 *   price'    = price * exp(r)
 *   day'      = day + 1
 *   reward    = sum_a weight'(a) r(a) - alpha_risk risk(a) weight'(a) - alpha_trans_cost |weight'(a) - weight(a)|
 *
 * with the domain's invariants (weights in [0, 1] summing to 1, prices > 0)
 * and preconditions (set_weight in [0, 1], summing to 0 or 1). Random site
 * 0 (the Normal in log_return), grounding = the asset.
 */
import type { CounterStream } from '@rddl/core';
import type { CompiledModel } from '@rddl/compiler';
import { sampleNormal } from '@rddl/distributions';
import { initialValues, nonFluent, objectCount, offsetOf } from './load.js';
import type { HandModel } from './model.js';

const SITE_RETURN = 0;

export class AssetAllocation implements HandModel {
  readonly name = 'asset_allocation';
  readonly stateSize: number;
  readonly actionSize: number;
  readonly horizon: number;
  readonly discount: number;
  private readonly n: number;
  private readonly period: number;
  private readonly mean: Float64Array;
  private readonly risk: Float64Array;
  /** alpha_risk * risk(a), as the RDDL multiplies it (left to right). */
  private readonly riskCost: Float64Array;
  private readonly transCost: number;
  private readonly low: number;
  private readonly high: number;
  private readonly init: Float64Array;
  private readonly logReturn: Float64Array;

  constructor(
    compiled: CompiledModel,
    private readonly stream: CounterStream,
  ) {
    const n = (this.n = objectCount(compiled, 'asset'));
    // state: weight[n], price[n], day; action: set_weight[n]
    if (
      offsetOf(compiled, 'state', 'weight') !== 0 ||
      offsetOf(compiled, 'state', 'price') !== n ||
      offsetOf(compiled, 'state', 'day') !== 2 * n ||
      offsetOf(compiled, 'action', 'set_weight') !== 0
    ) {
      throw new Error('unexpected layout');
    }
    this.stateSize = 2 * n + 1;
    this.actionSize = n;
    this.horizon = compiled.horizon;
    this.discount = compiled.discount;
    this.period = nonFluent(compiled, 'REALLOCATION-PERIOD')[0]!;
    this.mean = nonFluent(compiled, 'mean');
    this.risk = nonFluent(compiled, 'risk');
    const alphaRisk = nonFluent(compiled, 'alpha_risk')[0]!;
    this.riskCost = this.risk.map((r) => alphaRisk * r);
    this.transCost = nonFluent(compiled, 'alpha_trans_cost')[0]!;
    const tolerance = nonFluent(compiled, 'WEIGHT-TOLERANCE')[0]!;
    this.low = 1 - tolerance;
    this.high = 1 + tolerance;
    this.init = new Float64Array(this.stateSize);
    this.init.set(initialValues(compiled, 'weight'), 0);
    this.init.set(initialValues(compiled, 'price'), n);
    this.init[2 * n] = initialValues(compiled, 'day')[0]!;
    this.logReturn = new Float64Array(n);
  }

  initial(s: Float64Array, so: number): void {
    s.set(this.init, so);
  }

  checkAction(a: Float64Array, ao: number): void {
    const n = this.n;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = a[ao + i]!;
      if (!Number.isFinite(w)) throw new Error('set_weight must be a finite number');
      if (!(w >= 0 && w <= 1)) throw new Error('set_weight outside [0, 1]');
      total += w;
    }
    if (!(total === 0 || (total >= this.low && total <= this.high))) throw new Error('set_weight is neither a portfolio nor all zero');
  }

  checkState(s: Float64Array, so: number): void {
    const n = this.n;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = s[so + i]!;
      if (!(w >= 0 && w <= 1)) throw new Error('weight outside [0, 1]');
      total += w;
      if (!(s[so + n + i]! > 0)) throw new Error('price not positive');
    }
    if (!(total >= this.low && total <= this.high)) throw new Error('weights do not sum to 1');
  }

  step(s: Float64Array, so: number, a: Float64Array, ao: number, next: Float64Array, no: number, ep: number, t: number): number {
    const { n, mean, risk, riskCost, transCost, logReturn, stream } = this;
    const day = s[so + 2 * n]!;
    let total = 0;
    for (let i = 0; i < n; i++) total += a[ao + i]!;
    const rebalance = day % this.period === 0 && total >= this.low && total <= this.high;
    for (let i = 0; i < n; i++) logReturn[i] = mean[i]! + risk[i]! * sampleNormal(stream.reset(ep, t, SITE_RETURN, i), 0, 1);
    let reward = 0;
    for (let i = 0; i < n; i++) {
      const w = s[so + i]!;
      const w1 = rebalance ? a[ao + i]! : w;
      const r = logReturn[i]!;
      next[no + i] = w1;
      next[no + n + i] = s[so + n + i]! * Math.exp(r);
      reward += w1 * r - riskCost[i]! * w1 - transCost * Math.abs(w1 - w);
    }
    next[no + 2 * n] = day + 1;
    return reward;
  }
}
