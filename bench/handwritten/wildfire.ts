/**
 * Wildfire MDP (IPPC 2014) by hand. Cell g = x * |y_pos| + y; k = number of
 * burning neighbours.
 *
 *   burning'(g) = put-out(g) ? false
 *               : !out-of-fuel(g) & !burning(g) ? (TARGET(g) & k = 0 ? false : Bernoulli(1 / (1 + exp(4.5 - k))))
 *               : burning(g)
 *   out-of-fuel'(g) = out-of-fuel(g) | burning(g) | (!TARGET(g) & cut-out(g))
 *   reward = sum_g COST_CUTOUT cut-out + COST_PUTOUT put-out
 *                + PENALTY_TARGET_BURN [(burning | out-of-fuel) & TARGET] + PENALTY_NONTARGET_BURN [burning & !TARGET]
 *
 * The ignition probability is a table over k. Random site 0 (the only
 * Bernoulli), grounding = the cell.
 */
import type { CounterStream } from '@rddl/core';
import type { CompiledModel } from '@rddl/compiler';
import { sampleBernoulli } from '@rddl/distributions';
import { initialValues, nonFluent, objectCount, offsetOf } from './load.js';
import type { HandModel } from './model.js';

const SITE_IGNITE = 0;

export class Wildfire implements HandModel {
  readonly name = 'wildfire';
  readonly stateSize: number;
  readonly actionSize: number;
  readonly horizon: number;
  readonly discount: number;
  /** Number of cells. */
  private readonly cells: number;
  private readonly maxNondef: number;
  private readonly costCutout: number;
  private readonly costPutout: number;
  private readonly penaltyTarget: number;
  private readonly penaltyNontarget: number;
  private readonly target: Uint8Array;
  /** Neighbours of cell g: neighbours[start[g] .. start[g + 1]). */
  private readonly start: Int32Array;
  private readonly neighbours: Int32Array;
  /** Ignition probability by number of burning neighbours. */
  private readonly ignite: Float64Array;
  private readonly init: Float64Array;

  constructor(
    compiled: CompiledModel,
    private readonly stream: CounterStream,
  ) {
    const cells = (this.cells = objectCount(compiled, 'x_pos') * objectCount(compiled, 'y_pos'));
    // state: burning[cells], out-of-fuel[cells]; action: put-out[cells], cut-out[cells]
    if (
      offsetOf(compiled, 'state', 'burning') !== 0 ||
      offsetOf(compiled, 'state', 'out-of-fuel') !== cells ||
      offsetOf(compiled, 'action', 'put-out') !== 0 ||
      offsetOf(compiled, 'action', 'cut-out') !== cells
    ) {
      throw new Error('unexpected layout');
    }
    this.stateSize = this.actionSize = 2 * cells;
    this.horizon = compiled.horizon;
    this.discount = compiled.discount;
    this.maxNondef = compiled.maxNondefActions;
    this.costCutout = nonFluent(compiled, 'COST_CUTOUT')[0]!;
    this.costPutout = nonFluent(compiled, 'COST_PUTOUT')[0]!;
    this.penaltyTarget = nonFluent(compiled, 'PENALTY_TARGET_BURN')[0]!;
    this.penaltyNontarget = nonFluent(compiled, 'PENALTY_NONTARGET_BURN')[0]!;
    this.target = Uint8Array.from(nonFluent(compiled, 'TARGET'));
    const neighbour = nonFluent(compiled, 'NEIGHBOR'); // NEIGHBOR(g, g2) at g * cells + g2
    const list: number[] = [];
    this.start = new Int32Array(cells + 1);
    let most = 0;
    for (let g = 0; g < cells; g++) {
      for (let g2 = 0; g2 < cells; g2++) if (neighbour[g * cells + g2]) list.push(g2);
      this.start[g + 1] = list.length;
      most = Math.max(most, list.length - this.start[g]!);
    }
    this.neighbours = Int32Array.from(list);
    this.ignite = Float64Array.from({ length: most + 1 }, (_, k) => 1 / (1 + Math.exp(4.5 - k)));
    this.init = new Float64Array(2 * cells);
    this.init.set(initialValues(compiled, 'burning'), 0);
    this.init.set(initialValues(compiled, 'out-of-fuel'), cells);
  }

  initial(s: Float64Array, so: number): void {
    s.set(this.init, so);
  }

  checkAction(a: Float64Array, ao: number): void {
    let nondefault = 0;
    for (let i = 0; i < this.actionSize; i++) {
      const v = a[ao + i]!;
      if (v !== 0 && v !== 1) throw new Error('actions must be boolean');
      nondefault += v;
    }
    if (nondefault > this.maxNondef) throw new Error('too many actions');
  }

  checkState(): void {
    // no state invariants
  }

  step(s: Float64Array, so: number, a: Float64Array, ao: number, next: Float64Array, no: number, ep: number, t: number): number {
    const { cells, target, start, neighbours, ignite, stream } = this;
    let reward = 0;
    for (let g = 0; g < cells; g++) {
      const burning = s[so + g]!;
      const outOfFuel = s[so + cells + g]!;
      const putOut = a[ao + g]!;
      const cutOut = a[ao + cells + g]!;
      const isTarget = target[g]!;
      reward += this.costCutout * cutOut + this.costPutout * putOut;
      if (isTarget) {
        if (burning !== 0 || outOfFuel !== 0) reward += this.penaltyTarget;
      } else if (burning !== 0) reward += this.penaltyNontarget;

      let b: number;
      if (putOut !== 0) b = 0;
      else if (outOfFuel === 0 && burning === 0) {
        let k = 0;
        for (let j = start[g]!; j < start[g + 1]!; j++) k += s[so + neighbours[j]!]!;
        b = isTarget && k === 0 ? 0 : sampleBernoulli(stream.reset(ep, t, SITE_IGNITE, g), ignite[k]!) ? 1 : 0;
      } else b = burning;
      next[no + g] = b;
      next[no + cells + g] = outOfFuel !== 0 || burning !== 0 || (!isTarget && cutOut !== 0) ? 1 : 0;
    }
    return reward;
  }
}
