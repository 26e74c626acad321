import { CounterStream, deriveSeedKey, formatLocation } from '@rddl/core';
import { checkDiscrete, scalarDistributions } from '@rddl/distributions';
import type { RandomNode } from './analyze.js';
import { gaussHermite, type QuadratureRule } from './gauss-hermite.js';

/** The outcomes of one draw: values and their probabilities (first `n` entries). */
export class DrawOutcomes {
  values = new Float64Array(8);
  probs = new Float64Array(8);
  n = 0;
  /** Which outcome the enumeration is at. */
  i = 0;

  clear(): void {
    this.n = 0;
  }

  push(value: number, p: number): void {
    if (!(p > 0)) return;
    if (this.n === this.values.length) {
      const values = new Float64Array(this.n * 2);
      const probs = new Float64Array(this.n * 2);
      values.set(this.values);
      probs.set(this.probs);
      this.values = values;
      this.probs = probs;
    }
    this.values[this.n] = value;
    this.probs[this.n] = p;
    this.n++;
  }

  normalise(): void {
    let total = 0;
    for (let i = 0; i < this.n; i++) total += this.probs[i]!;
    for (let i = 0; i < this.n; i++) this.probs[i]! /= total;
  }
}

/** A draw whose parameters are invalid: the DP stops with the place in the model. */
export class DrawError extends Error {}

export interface DrawRules {
  /** Gauss–Hermite rule for Normal draws. */
  readonly hermite: QuadratureRule;
  /** Equal-probability outcomes of other continuous draws. */
  readonly samples: number;
  /** Truncation of infinite discrete supports. */
  readonly tailMass: number;
  /** Seed of the sampled outcomes of distributions without a quantile function. */
  readonly seed: number | string;
}

export function drawRules(o: { quadraturePoints: number; samples: number; tailMass: number; seed?: number | string }): DrawRules {
  return { hermite: gaussHermite(o.quadraturePoints), samples: o.samples, tailMass: o.tailMass, seed: o.seed ?? 0 };
}

const FINITE_INT = new Set(['Bernoulli', 'Binomial']);
const INFINITE_INT = new Set(['Poisson', 'Geometric', 'NegativeBinomial']);

/** How the DP treats a distribution, for messages and docs. */
export function drawTreatment(dist: string): 'exact' | 'truncated' | 'hermite' | 'sampled' {
  if (dist === 'Discrete' || FINITE_INT.has(dist)) return 'exact';
  if (INFINITE_INT.has(dist)) return 'truncated';
  return dist === 'Normal' ? 'hermite' : 'sampled';
}

/**
 * The outcomes of draw `r` with parameters (a, b): exact for Bernoulli,
 * Binomial and Discrete; truncated at the (1 - tailMass) quantile and
 * renormalised for Poisson, geometric and negative binomial; Gauss–Hermite
 * nodes for Normal; for other continuous distributions `samples` outcomes at
 * the quantiles (k + 1/2) / samples, each of probability 1 / samples.
 */
export function fillOutcomes(r: RandomNode, a: number, b: number, rules: DrawRules, out: DrawOutcomes, stream: () => CounterStream): void {
  out.clear();
  const dist = scalarDistributions.get(r.dist);
  if (!dist) throw new DrawError(`unknown distribution ${r.dist} at ${formatLocation(r.node.span)}`);
  const params = dist.parameters.length === 1 ? [a] : [a, b];
  const bad = dist.check(params);
  if (bad !== undefined) throw new DrawError(`${r.dist}(${params.join(', ')}) at ${formatLocation(r.node.span)}: ${bad}`);
  if (r.dist === 'Bernoulli') {
    out.push(0, 1 - a);
    out.push(1, a);
    return;
  }
  if (r.dist === 'Normal') {
    if (b === 0) {
      out.push(a, 1);
      return;
    }
    const sd = Math.sqrt(b);
    const { nodes, weights } = rules.hermite;
    for (let i = 0; i < nodes.length; i++) out.push(a + sd * nodes[i]!, weights[i]!);
    return;
  }
  if (FINITE_INT.has(r.dist) || INFINITE_INT.has(r.dist)) {
    const lo = dist.quantile!(0, params);
    const hi = FINITE_INT.has(r.dist) ? dist.quantile!(1, params) : dist.quantile!(1 - rules.tailMass, params);
    for (let k = lo; k <= hi; k++) out.push(k, dist.pmf!(k, params));
    out.normalise();
    return;
  }
  const m = rules.samples;
  if (dist.quantile) {
    for (let k = 0; k < m; k++) out.push(dist.quantile((k + 0.5) / m, params), 1 / m);
    return;
  }
  const s = stream();
  s.reset(0, 0, r.node.site.site, r.node.site.grounding);
  for (let k = 0; k < m; k++) out.push(dist.sample(s, params), 1 / m);
}

/** Outcomes of a Discrete draw: each value with its (normalised) probability. */
export function fillDiscrete(r: RandomNode, p: Float64Array, out: DrawOutcomes): void {
  out.clear();
  const normalized = r.node.op === 'discrete' && r.node.normalized;
  const bad = checkDiscrete(p, normalized);
  if (bad !== undefined) throw new DrawError(`Discrete at ${formatLocation(r.node.span)}: ${bad}`);
  for (let i = 0; i < p.length; i++) out.push(i, p[i]!);
  out.normalise();
}

/** The stream of sampled outcomes, created on first use. */
export function lazyStream(seed: number | string): () => CounterStream {
  let s: CounterStream | undefined;
  return () => (s ??= new CounterStream(deriveSeedKey(seed, 'planner:dp:outcomes')));
}
