import test from 'ava';
import { CounterStream, deriveSeedKey } from '@rddl/core';
import type { CompiledModel } from '@rddl/compiler';
import { createRollout, gradientPlanner, ScenarioNoise, setupGradient, type BackendName } from '@rddl/planner-gradient';
import { loadTensorFlow } from '../../packages/planner-gradient/src/tfjs/load.js';
import { corpus, finance } from './support.js';

/**
 * The TensorFlow.js backend runs the same step program as the compiled one:
 * same loss and gradient, up to float32 rounding.
 */

const cases: [string, () => CompiledModel, string][] = [
  ['asset_allocation', () => finance('asset_allocation'), 'default'],
  ['asset_allocation (smooth)', () => finance('asset_allocation'), 'smooth'],
  ['trade_execution', () => finance('trade_execution'), 'default'],
  ['inventory (smooth)', () => finance('inventory'), 'smooth'],
  ['Reservoir', () => corpus('rddlrepository/competitions/IPPC2023/Reservoir', 'instance1'), 'default'],
  ['HVAC', () => corpus('rddlrepository/competitions/IPPC2023/HVAC', 'instance0'), 'default'],
  ['Navigation (smooth)', () => corpus('rddlrepository/competitions/IPPC2011/Navigation/MDP', 'instance1'), 'smooth'],
];

for (const backend of ['tfjs-cpu', 'tfjs-wasm'] as BackendName[]) {
  for (const [name, load, relax] of cases) {
    test.serial(`${backend} agrees with the compiled backend on ${name}`, async (t) => {
      const compiled = load();
      const setup = setupGradient(compiled, { relax });
      const T = Math.min(compiled.horizon, 20);
      const settings = { batch: 6, horizon: T, discount: compiled.discount, penalty: 1, passThroughTermination: true };
      const noise = new ScenarioNoise(setup.program.noise, 6, T, deriveSeedKey(1, 'test:gradient:backends'));
      noise.fill(0, 0);
      const theta = setup.parameterisation.init(T, 'random', new CounterStream(deriveSeedKey(2, 'test:gradient:backends')));
      const actions = new Float64Array(theta.length);
      setup.parameterisation.decode(theta, actions, true);
      const reference = await (await createRollout('compiled', setup.program, settings, 2 ** 28)).run(compiled.initialState, actions, noise, true);
      const rollout = await createRollout(backend, setup.program, settings, 0);
      t.is(rollout.backend, backend);
      const r = await rollout.run(compiled.initialState, actions, noise, true);
      rollout.dispose?.();
      t.true(Math.abs(r.loss - reference.loss) <= 1e-4 * Math.max(1, Math.abs(reference.loss)), `loss ${r.loss} vs ${reference.loss}`);
      const norm = Math.max(...Array.from(reference.gradient, Math.abs));
      t.true(norm > 0, 'a gradient to compare');
      let worst = 0;
      reference.gradient.forEach((g, i) => (worst = Math.max(worst, Math.abs(g - r.gradient[i]!))));
      t.true(worst <= 2e-3 * norm, `largest gradient difference ${worst} (norm ${norm})`);
    });
  }
}

test.serial('the tfjs backend plans through the planner interface', async (t) => {
  const compiled = finance('trade_execution');
  const planner = await gradientPlanner.create({ compiled, seed: 1, budget: { kind: 'iterations', iterations: 15 }, workers: 1 }, { ...gradientPlanner.defaults, backend: 'tfjs-wasm' });
  await planner.prepare?.();
  const a = Float64Array.from(compiled.defaultAction);
  await planner.act(compiled.initialState, 0, 0, a);
  t.true(a[0]! > 1e5, `the first trade moved away from noop: ${a[0]}`);
  t.is(planner.stats?.()['backend'], 'tfjs-wasm float32');
  await planner.dispose?.();
});

test.serial("backend 'tfjs' takes the native backend when it loads, else wasm", async (t) => {
  let native = false;
  try {
    await import('@tensorflow/tfjs-node' as string);
    native = true;
  } catch {
    native = false;
  }
  const loaded = await loadTensorFlow('tfjs');
  t.is(loaded.backend, native ? 'tfjs-node' : 'tfjs-wasm');
  if (!native) await t.throwsAsync(loadTensorFlow('tfjs-node'), { message: /tfjs-node is not available here/ });
});
