import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { deriveSeedKey } from '@rddl/core';
import { CompiledRollout, ScenarioNoise, setupGradient } from '@rddl/planner-gradient';
import { repoRoot } from '../support/sim-helpers.js';
import { checkGradient, corpus, corpusDomains, finance, spreadActions } from './support.js';

/**
 * The compiled float64 adjoint against central finite differences of the
 * relaxed loss, with every relaxation smooth (so the relaxed loss is
 * differentiable and its derivative is what the backward pass computes), on
 * every domain in domains/ and on continuous corpus domains.
 */

const TOLERANCE = 2e-5;

// Every domain in domains/ (with its first instance); rebalancing domains over two periods.
const domains = readdirSync(join(repoRoot, 'domains'))
  .filter((f) => f.endsWith('.rddl'))
  .map((f) => f.slice(0, -'.rddl'.length))
  .sort();

test('every domain in domains/ is checked', (t) => {
  t.true(domains.length >= 7, `domains: ${domains.join(', ')}`);
});

for (const domain of domains) {
  const [steps, batch] = domain.startsWith('asset_allocation') ? [70, 3] : [10, 3];
  test(`gradient of ${domain} matches central differences`, (t) => {
    // gbwm and mgwm reward wealth against a goal of hundreds: a soft comparison needs a weight on that scale.
    const relax = domain === 'gbwm' || domain === 'mgwm' ? 'smooth,comparison=sigmoid:0.05,equality=tanh:2' : 'smooth';
    const r = checkGradient(finance(domain), { relax }, steps, batch);
    t.true(r.norm > 1e-9, `the gradient should not vanish (norm ${r.norm})`);
    t.true(r.worst < TOLERANCE, `worst error ${r.worst} (relative to the largest component ${r.norm})`);
  });
}

for (const [name, dir, instance] of corpusDomains) {
  test(`gradient of ${name} (corpus) matches central differences`, (t) => {
    const r = checkGradient(corpus(dir, instance), { relax: 'smooth' }, 12, 3);
    t.true(r.norm > 1e-9, `the gradient should not vanish (norm ${r.norm})`);
    t.true(r.worst < TOLERANCE, `worst error ${r.worst} (relative to the largest component ${r.norm})`);
  });
}

test('recomputing steps in the backward pass (no tape) gives the same loss and gradient as keeping the tape', (t) => {
  const compiled = finance('asset_allocation');
  const setup = setupGradient(compiled, {});
  const T = 130;
  const settings = { batch: 5, horizon: T, discount: 1, penalty: 1, passThroughTermination: true };
  const taped = new CompiledRollout(setup.program, settings, 2 ** 30);
  const recomputed = new CompiledRollout(setup.program, settings, 1);
  t.true(taped.tape);
  t.false(recomputed.tape);
  const noise = new ScenarioNoise(setup.program.noise, 5, T, deriveSeedKey(4, 'test:gradient:tape'));
  noise.fill(0, 0);
  const actions = spreadActions(setup, T, 4);
  const a = taped.run(compiled.initialState, actions, noise, true);
  const b = recomputed.run(compiled.initialState, actions, noise, true);
  t.is(a.loss, b.loss);
  t.deepEqual(Array.from(a.gradient), Array.from(b.gradient));
});
