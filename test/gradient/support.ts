import { join } from 'node:path';
import { CounterStream, deriveSeedKey } from '@rddl/core';
import type { CompiledModel } from '@rddl/compiler';
import { standardNormalQuantile } from '@rddl/distributions';
import { Simulator } from '@rddl/sim';
import { CompiledRollout, ScenarioNoise, setupGradient, type GradientOptions, type GradientSetup } from '@rddl/planner-gradient';
import { compileFiles, requireCorpus } from '../support/sim-helpers.js';

/**
 * Helpers of the gradient planner's tests: load domains and corpus
 * instances, finite-difference checks of the compiled adjoint, and rollouts
 * fed with the exact simulator's own draws.
 */

/** A FinRDDL domain and its instance `n`. */
export function finance(domain: string, n = 1): CompiledModel {
  return compileFiles([`domains/${domain}.rddl`, `instances/${domain}_${n}.rddl`]);
}

/** A corpus domain (rddlrepository layout) and one of its instances. */
export function corpus(dir: string, instance: string): CompiledModel {
  const root = requireCorpus();
  return compileFiles([join(root, dir, 'domain.rddl'), join(root, dir, `${instance}.rddl`)]);
}

/** Continuous corpus domains the planner is checked on (name, directory, instance). */
export const corpusDomains = [
  ['Reservoir', 'rddlrepository/competitions/IPPC2023/Reservoir', 'instance1'],
  ['HVAC', 'rddlrepository/competitions/IPPC2023/HVAC', 'instance0'],
  ['Navigation', 'rddlrepository/competitions/IPPC2011/Navigation/MDP', 'instance1'],
  ['UAV', 'rddlrepository/competitions/IPPC2023/UAV', 'instance1'],
  ['MarsRover', 'rddlrepository/competitions/IPPC2023/MarsRover', 'instance0'],
  ['Pendulum', 'rddlrepository/gym/Pendulum', 'instance0'],
  ['Reacher', 'rddlrepository/physics/Reacher', 'instance0'],
  ['MountainCar', 'rddlrepository/competitions/IPPC2023/MountainCar', 'instance1'],
] as const;

/** Deterministic actions spread inside the bounds (unbounded: in [-1, 1]). */
export function spreadActions(setup: GradientSetup, steps: number, seed: number): Float64Array {
  const stream = new CounterStream(deriveSeedKey(seed, 'test:gradient:actions'));
  const n = setup.constraints.actions.length;
  const out = new Float64Array(steps * n);
  for (let t = 0; t < steps; t++) {
    stream.reset(t, 0, 0, 0);
    setup.constraints.actions.forEach((a, i) => {
      const lo = Number.isFinite(a.lower) ? a.lower : Number.isFinite(a.upper) ? a.upper - 2 : -1;
      const hi = Number.isFinite(a.upper) ? a.upper : lo + 2;
      out[t * n + i] = lo + (hi - lo) * (0.05 + 0.9 * stream.next());
    });
  }
  return out;
}

export interface GradientCheck {
  /** Largest |analytic - central difference| over the gradient's largest magnitude. */
  readonly worst: number;
  readonly norm: number;
  readonly loss: number;
}

/** Central finite differences of the relaxed loss against the compiled adjoint, for every action of every step. */
export function checkGradient(compiled: CompiledModel, options: Partial<GradientOptions>, steps: number, batch: number, seed = 1): GradientCheck {
  const setup = setupGradient(compiled, { relax: 'smooth', ...options });
  const T = Math.min(steps, compiled.horizon);
  const rollout = new CompiledRollout(setup.program, { batch, horizon: T, discount: compiled.discount, penalty: setup.options.penalty, passThroughTermination: false });
  const noise = new ScenarioNoise(setup.program.noise, batch, T, deriveSeedKey(seed, 'test:gradient:noise'));
  noise.fill(0, 0);
  const A = spreadActions(setup, T, seed);
  const base = rollout.run(compiled.initialState, A, noise, true);
  const g = Float64Array.from(base.gradient);
  const norm = Math.max(1e-12, ...Array.from(g, Math.abs));
  let worst = 0;
  for (let i = 0; i < A.length; i++) {
    const a = A[i]!;
    const h = 1e-6 * Math.max(1, Math.abs(a));
    A[i] = a + h;
    const up = rollout.run(compiled.initialState, A, noise, false).loss;
    A[i] = a - h;
    const down = rollout.run(compiled.initialState, A, noise, false).loss;
    A[i] = a;
    worst = Math.max(worst, Math.abs((up - down) / (2 * h) - g[i]!) / norm);
  }
  return { worst, norm, loss: base.loss };
}

/**
 * The relaxed rollout (default relaxations, one scenario) fed with the exact
 * simulator's draws for `episode`, and the simulator's own return, under the
 * same open-loop actions: they must agree where the model only draws normals.
 */
export function rolloutAgainstSimulator(compiled: CompiledModel, actions: Float64Array, seed: number, episode: number): { relaxed: number; exact: number } {
  const setup = setupGradient(compiled, {});
  const T = compiled.horizon;
  const rollout = new CompiledRollout(setup.program, { batch: 1, horizon: T, discount: compiled.discount, penalty: 0, passThroughTermination: true });
  const noise = new ScenarioNoise(setup.program.noise, 1, T, deriveSeedKey(seed, 'unused'));
  const stream = new CounterStream(deriveSeedKey(seed, 'sim'));
  // The simulator draws a normal as the inverse CDF of one open uniform and a Bernoulli from one uniform.
  setup.program.noise.forEach((lane, l) => {
    if (lane.kind === 'gumbel') throw new Error('rolloutAgainstSimulator: Discrete draws cannot be replayed');
    for (let t = 0; t < T; t++) {
      stream.reset(episode, t, lane.site.site, lane.site.grounding);
      noise.data[t * noise.stepSize + l] = lane.kind === 'normal' ? standardNormalQuantile(stream.nextOpen()) : stream.next();
    }
  });
  const relaxed = rollout.run(compiled.initialState, actions, noise, false).relaxedReturn;
  const sim = new Simulator(compiled, { seed, constraints: 'ignore' });
  sim.reset(episode);
  const n = compiled.layout.action.size;
  let exact = 0;
  let discount = 1;
  for (let t = 0; t < T && !sim.done; t++) {
    exact += discount * sim.step(actions.subarray(t * n, (t + 1) * n)).reward;
    discount *= compiled.discount;
  }
  return { relaxed, exact };
}
