import test from 'ava';
import { compileModel } from '@rddl/compiler';
import { compareReturns, constantPlanner, evaluatePlanner, parseAction, withNonFluents } from '@rddl/planning';
import { linearRewardCoefficients, greedyLinearPortfolio } from '../support/finance-references.js';
import { load, planner } from './support.js';

// Acceptance (issue 8), FinRDDL Table 1 (REFERENCE.md section 4): the milp
// planner beats the uniform portfolio with 95 % confidence (paired, common
// random numbers), and with a one-step lookahead (greedy) on the linear
// reward (alpha_trans_cost = 0) it picks the corner w = (0, 1).

const DOMAIN = 'domains/asset_allocation.rddl';
const INSTANCE = 'instances/asset_allocation_1.rddl';

test('the linear reward coefficients of instance 1 are (0, 0.0005): the greedy corner is (0, 1)', (t) => {
  const params = { assets: [{ mean: 0.001, risk: 0.01 }, { mean: 0.001, risk: 0.005 }], alphaRisk: 0.1, alphaTransCost: 0 };
  const c = linearRewardCoefficients(params);
  t.true(Math.abs(c[0]!) <= 1e-12 && Math.abs(c[1]! - 0.0005) <= 1e-12);
  t.deepEqual(greedyLinearPortfolio(params), [0, 1]);
});

for (const solver of ['auto', 'highs', 'glpk'] as const) {
  for (const uncertainty of ['saa', 'mean'] as const) {
    test(`greedy (horizon 1) on the linear reward picks w = (0, 1) within 1e-9 (${solver}, ${uncertainty})`, async (t) => {
      const compiled = load(DOMAIN, INSTANCE);
      const greedyModel = compileModel(withNonFluents(compiled.model, [{ name: 'alpha_trans_cost', args: undefined, value: 0 }])).compiled!;
      const p = await planner(greedyModel, { horizon: 1, solver, uncertainty });
      const record = p.planAt(Float64Array.from(greedyModel.initialState), 0);
      const w = Array.from(record.plan[0]!);
      t.true(Math.abs(w[0]! - 0) <= 1e-9 && Math.abs(w[1]! - 1) <= 1e-9, `w = ${w}`);
      t.is(record.solution!.status, 'optimal');
      // One day of the corner: 0.0005 (the linear coefficient), exactly in mean values, up to
      // the scenarios' noise with sampling (antithetic pairs cancel it: the reward is linear in it).
      t.true(Math.abs(record.solution!.objective - 0.0005) <= 1e-12, `objective ${record.solution!.objective}`);
    });
  }
}

test('with the transaction cost, one day of lookahead holds and ten days move to the corner', async (t) => {
  const compiled = load(DOMAIN, INSTANCE);
  const state = Float64Array.from(compiled.initialState);
  const myopic = (await planner(compiled, { horizon: 1 })).planAt(state, 0);
  // Holding (or re-buying the same weights) leaves w at (0.5, 0.5).
  t.true(myopic.solution!.objective >= 0.00025 - 1e-12, `hold earns 0.5 x 0.0005: ${myopic.solution!.objective}`);
  const ten = (await planner(compiled, { horizon: 10 })).planAt(state, 0);
  t.deepEqual(Array.from(ten.plan[0]!), [0, 1]);
  // 10 days x 0.0005 − 0.001 x (0.5 + 0.5) of turnover.
  t.true(Math.abs(ten.solution!.objective - 0.004) <= 1e-9, `objective ${ten.solution!.objective}`);
});

test('the milp planner beats the uniform portfolio with 95 % confidence (paired, 30 episodes, seed 1)', async (t) => {
  const compiled = load(DOMAIN, INSTANCE);
  const milp = await planner(compiled, {});
  const uniform = await constantPlanner.create({ compiled, seed: 1, budget: { kind: 'iterations', iterations: 1 }, workers: 1 }, { action: parseAction(compiled, 'set_weight=0.5') });
  const a = await evaluatePlanner(compiled, milp, { episodes: 30, seed: 1 });
  const b = await evaluatePlanner(compiled, uniform, { episodes: 30, seed: 1 });
  const d = compareReturns(a, b);
  t.true(d.mean - d.ci95 > 0, `paired difference ${d.mean} ± ${d.ci95}`);
  // The expected gain of moving to (0, 1) on day 0: 300 x 0.5 x 0.0005 − 0.001 = 0.074.
  t.true(Math.abs(d.mean - 0.074) <= 4 * d.standardError, `mean difference ${d.mean}`);
  const stats = milp.stats();
  // Five rebalancing days per episode are planned; the 295 others need no program.
  t.is(stats['idle steps'], 30 * 295);
  t.is(stats['solves'], 30 * 5);
});
