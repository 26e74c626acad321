import { CounterStream, type SeedKey } from '@rddl/core';
import type { IrNode } from '@rddl/compiler';
import * as D from '@rddl/distributions';

type SampleNode = Extract<IrNode, { op: 'sample' }>;
type DiscreteNode = Extract<IrNode, { op: 'discrete' }>;

/**
 * Where the random draws of the unrolled model come from: one value per
 * (scenario, lookahead step, site, grounding). `undefined` from `scalar`
 * means the draw has no value to substitute (a mean that does not exist).
 */
export interface Draws {
  readonly kind: 'mean' | 'sample';
  scalar(k: number, j: number, node: SampleNode, args: readonly number[]): number | undefined;
  /** A uniform in (0, 1) for the site: Bernoulli draws with decision-dependent probability use [u < p]. */
  uniform(k: number, j: number, node: SampleNode): number;
  discrete(k: number, j: number, node: DiscreteNode, probabilities: readonly number[]): number;
}

/**
 * Mean-value determinisation: every real draw is its mean, integer draws
 * their rounded mean, booleans and discrete draws their most likely value.
 */
export const meanDraws: Draws = {
  kind: 'mean',
  scalar(_k, _j, node, args) {
    const dist = D.scalarDistributions.get(node.dist)!;
    if (dist.support === 'bool') return dist.mean(args) >= 0.5 ? 1 : 0;
    const m = dist.mean(args);
    if (!Number.isFinite(m)) return undefined;
    return dist.support === 'int' ? Math.round(m) : m;
  },
  uniform: () => 0.5,
  discrete(_k, _j, _node, p) {
    let best = 0;
    for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
    return best;
  },
};

/**
 * Sample-average approximation: scenario k's draws come from the planner's
 * own counter stream (never the evaluation's), keyed by the scenario, the
 * step the plan starts at and the step within it, the site and the
 * grounding, so a plan is a pure function of (seed, episode, state, time).
 * With `antithetic`, scenarios 2m and 2m+1 use the uniforms u and 1 − u:
 * for a draw by inverse CDF (Normal, ...) the pair's mean is exact, which
 * removes the sampling error of anything linear in the noise.
 */
export class SampledDraws implements Draws {
  readonly kind = 'sample';
  private readonly stream: CounterStream;
  private readonly flipped: D.UniformSource;

  constructor(
    key: SeedKey,
    /** The step the plan starts at (keeps draws of different replans apart). */
    private readonly t0: number,
    private readonly antithetic: boolean,
  ) {
    this.stream = new CounterStream(key);
    const s = this.stream;
    this.flipped = {
      next: () => {
        const u = s.next();
        return u === 0 ? 0 : 1 - u;
      },
      nextOpen: () => 1 - s.nextOpen(),
    };
  }

  private source(k: number, j: number, site: { site: number; grounding: number }): D.UniformSource {
    const pair = this.antithetic ? k >> 1 : k;
    // Lookahead steps are capped at 1024, so (t0, j) maps one-to-one into the step counter.
    this.stream.reset(pair, this.t0 * 1024 + j, site.site, site.grounding);
    return this.antithetic && k % 2 === 1 ? this.flipped : this.stream;
  }

  scalar(k: number, j: number, node: SampleNode, args: readonly number[]): number {
    const dist = D.scalarDistributions.get(node.dist)!;
    return dist.sample(this.source(k, j, node.site), args);
  }

  uniform(k: number, j: number, node: SampleNode): number {
    return this.source(k, j, node.site).nextOpen();
  }

  discrete(k: number, j: number, node: DiscreteNode, p: readonly number[]): number {
    return D.sampleDiscrete(this.source(k, j, node.site), p, node.normalized);
  }
}
