import { philox4x32, type SeedKey } from '@rddl/core';
import type { NoiseLane } from './program/types.js';

const TWO_POW_32 = 4294967296;
const TWO_PI = 2 * Math.PI;

/**
 * The random inputs of a scenario batch: for every step, noise lane and
 * scenario, one base draw (standard normal, uniform in (0, 1) or standard
 * Gumbel) from the planner's own Philox key. A draw is a pure function of
 * (scenario, absolute step, site, grounding, draw index), like the
 * simulator's, so it does not depend on the batch size or on the iteration
 * order, and every action of an iteration sees the same draws (common
 * random numbers).
 *
 * Speed matters here (a 50-asset batch needs a million normals per
 * iteration), so one Philox block gives four scenarios their uniforms
 * (32 bits each) and normals come from Box-Muller pairs rather than the
 * inverse CDF: these draws only feed the planner's rollouts, never the
 * evaluation.
 *
 * Layout: `data[t * lanes * batch + lane * batch + b]`.
 */
export class ScenarioNoise {
  readonly data: Float64Array;
  private readonly block = new Uint32Array(4);

  constructor(
    readonly lanes: readonly NoiseLane[],
    readonly batch: number,
    readonly horizon: number,
    private readonly key: SeedKey,
  ) {
    this.data = new Float64Array(horizon * lanes.length * batch);
  }

  get stepSize(): number {
    return this.lanes.length * this.batch;
  }

  /** Scenarios per batch rounded up to whole Philox blocks: batch k draws scenarios k * stride .. k * stride + batch - 1. */
  get stride(): number {
    return Math.ceil(this.batch / 4) * 4;
  }

  /** Draw scenarios firstScenario .. firstScenario + batch - 1 (firstScenario a multiple of 4) for steps firstStep .. firstStep + horizon - 1. */
  fill(firstScenario: number, firstStep: number): void {
    const { lanes, batch, horizon, data, block, key } = this;
    const n = lanes.length;
    const firstQuad = Math.floor(firstScenario / 4);
    for (let t = 0; t < horizon; t++) {
      const step = firstStep + t;
      for (let l = 0; l < n; l++) {
        const lane = lanes[l]!;
        const o = (t * n + l) * batch;
        const c2 = ((lane.site.site & 0xffff) << 16) | (lane.draw & 0xffff);
        for (let b = 0; b < batch; b += 4) {
          philox4x32(firstQuad + b / 4, step, c2 >>> 0, lane.site.grounding, key.k0, key.k1, block);
          const u0 = (block[0]! + 0.5) / TWO_POW_32;
          const u1 = (block[1]! + 0.5) / TWO_POW_32;
          const u2 = (block[2]! + 0.5) / TWO_POW_32;
          const u3 = (block[3]! + 0.5) / TWO_POW_32;
          let v0: number, v1: number, v2: number, v3: number;
          if (lane.kind === 'normal') {
            // Box-Muller: two independent standard normals from each pair of uniforms.
            const r0 = Math.sqrt(-2 * Math.log(u0));
            const r1 = Math.sqrt(-2 * Math.log(u2));
            v0 = r0 * Math.cos(TWO_PI * u1);
            v1 = r0 * Math.sin(TWO_PI * u1);
            v2 = r1 * Math.cos(TWO_PI * u3);
            v3 = r1 * Math.sin(TWO_PI * u3);
          } else if (lane.kind === 'gumbel') {
            v0 = -Math.log(-Math.log(u0));
            v1 = -Math.log(-Math.log(u1));
            v2 = -Math.log(-Math.log(u2));
            v3 = -Math.log(-Math.log(u3));
          } else {
            [v0, v1, v2, v3] = [u0, u1, u2, u3];
          }
          data[o + b] = v0;
          if (b + 1 < batch) data[o + b + 1] = v1;
          if (b + 2 < batch) data[o + b + 2] = v2;
          if (b + 3 < batch) data[o + b + 3] = v3;
        }
      }
    }
  }
}
