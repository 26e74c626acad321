import test from 'ava';
import type { CompiledModel } from '@rddl/compiler';
import { constantPolicy } from '@rddl/sim';
import { myopicPlanner } from '@rddl/planning';
import {
  constantPortfolioRewardMoments,
  greedyLinearPortfolio,
  linearRewardCoefficients,
  minimumVariancePortfolio,
  type AllocationParams,
} from '../support/finance-references.js';
import { action, assertClose, assertMean, assertVariance, checkBaselines, fmt, indexOf, instanceFilesOf, loadInstance, play, policyOf, SEED } from './helpers.js';

// domains/asset_allocation{,_normalised,_discrete}.rddl (FinRDDL section 3;
// docs/domains/asset_allocation.md; REFERENCE.md section 4).

const FORMS = ['asset_allocation', 'asset_allocation_normalised', 'asset_allocation_discrete'] as const;
type Form = (typeof FORMS)[number];

/** Instances per form (a missing file fails the test rather than shrinking it). */
const EXPECTED_INSTANCES: Record<Form, number> = { asset_allocation: 4, asset_allocation_normalised: 4, asset_allocation_discrete: 3 };

/** Instance 1 of every form: FinRDDL Table 1 (the same non-fluents in the three files). */
const TABLE1: AllocationParams & { initialWeights: number[]; horizon: number } = {
  assets: [
    { mean: 0.001, risk: 0.01 },
    { mean: 0.001, risk: 0.005 },
  ],
  alphaRisk: 0.1,
  alphaTransCost: 0.001,
  initialWeights: [0.5, 0.5],
  horizon: 300,
};

/** The action that sets the portfolio (w1, w2) of instance 1 in each form (discrete: integer units). */
function portfolioAction(form: Form, compiled: CompiledModel, w: readonly [number, number] | readonly [string, string]): Float64Array {
  if (form === 'asset_allocation_discrete') return action(compiled, `rebalance=true, set_weight(a1)=${w[0]}, set_weight(a2)=${w[1]}`);
  return action(compiled, `set_weight(a1)=${w[0]}, set_weight(a2)=${w[1]}`);
}

for (const form of FORMS) {
  test(`${form}: every instance parses, checks clean, compiles, and runs noop and random with no violation`, (t) => {
    const files = instanceFilesOf(form);
    t.is(files.length, EXPECTED_INSTANCES[form], files.join(', '));
    for (const file of files) {
      const { noop } = checkBaselines(t, form, file);
      // noop holds the initial weights for the whole horizon.
      if (file.endsWith('_1.rddl')) {
        const m = constantPortfolioRewardMoments({ ...TABLE1, weights: [0.5, 0.5] });
        t.true(Math.abs(noop.mean - m.mean) <= 4 * Math.sqrt(m.variance / noop.n), `noop mean ${noop.mean} vs ${m.mean}`);
      }
    }
  });
}

// ---------------------------------------------------------------- volatility 0: exact returns

/**
 * With risk(a) = 0 every price path is deterministic and the reward of a day
 * is sum_a w'(a) mean(a) - alpha_trans_cost |w'(a) - w(a)|, so the return of a
 * portfolio policy is a sum computed by hand.
 */
for (const [form, amounts, label] of [
  ['asset_allocation', ['0.2', '0.8'], 'weights (0.2, 0.8)'],
  ['asset_allocation_normalised', ['0.1', '0.4'], 'amounts (0.1, 0.4), normalised to (0.2, 0.8)'],
  ['asset_allocation_discrete', ['1', '4'], 'units (1, 4), normalised to (0.2, 0.8)'],
] as const) {
  test(`${form}, instance 1 with risk = 0: the constant portfolio (${label}) returns exactly 0.2994`, (t) => {
    const { compiled } = loadInstance(form, `instances/${form}_1.rddl`, ['risk=0']);
    const a = portfolioAction(form, compiled, amounts);
    // 300 days of 0.2 * 0.001 + 0.8 * 0.001, less the move from (0.5, 0.5) on day 0.
    const byHand = 300 * (0.2 * 0.001 + 0.8 * 0.001) - 0.001 * (Math.abs(0.2 - 0.5) + Math.abs(0.8 - 0.5));
    t.is(Math.round(byHand * 1e12) / 1e12, 0.2994);
    const moments = constantPortfolioRewardMoments({ ...TABLE1, assets: TABLE1.assets.map((x) => ({ ...x, risk: 0 })), weights: [0.2, 0.8] });
    assertClose(t, 'reference helper', moments.mean, byHand);
    t.is(moments.variance, 0);

    const S = compiled.layout.state;
    const finals: number[][] = [];
    const returns = play(compiled, constantPolicy(a), {
      episodes: 3,
      onEpisode: (e) => {
        t.is(e.steps, 300);
        finals.push([e.state[indexOf(S, 'weight___a1')]!, e.state[indexOf(S, 'weight___a2')]!, e.state[indexOf(S, 'price___a1')]!, e.state[indexOf(S, 'price___a2')]!, e.state[indexOf(S, 'day')]!]);
      },
    });
    for (const r of returns) assertClose(t, 'return', r, byHand, 1e-12);
    for (const [w1, w2, p1, p2, day] of finals) {
      t.is(w1, 0.2);
      t.is(w2, 0.8);
      // price' = price * exp(mean) every day: p0 * exp(300 * 0.001).
      assertClose(t, 'price a1', p1!, 10 * Math.exp(0.3), 1e-12);
      assertClose(t, 'price a2', p2!, 50 * Math.exp(0.3), 1e-12);
      t.is(day, 300);
    }
  });
}

test('asset_allocation{,_normalised}, instance 3 with risk = 0: a rebalancing schedule returns its hand-computed value; actions off rebalancing days are ignored', (t) => {
  // Day 0: all in a05. Days 1-59 and 61-119: all in a01 (a portfolio, but not
  // a rebalancing day: ignored). Day 60: hold (all zero). Day 120: half a03,
  // half a08, held to the end (days 121-299 send all zero).
  const mean = { a03: 0.000789, a05: 0.000978, a08: 0.000861 };
  const byHand = 120 * mean.a05 + 180 * (0.5 * mean.a03 + 0.5 * mean.a08) - 0.001 * (Math.abs(1 - 0.1) + 9 * 0.1) - 0.001 * (1 + 0.5 + 0.5);
  for (const form of ['asset_allocation', 'asset_allocation_normalised'] as const) {
    const { compiled } = loadInstance(form, `instances/${form}_3.rddl`, ['risk=0']);
    const allIn05 = action(compiled, 'set_weight(a05)=1');
    const allIn01 = action(compiled, 'set_weight(a01)=1');
    const split = action(compiled, 'set_weight(a03)=0.5, set_weight(a08)=0.5');
    const hold = Float64Array.from(compiled.defaultAction);
    const schedule = policyOf('schedule', (day) => (day === 0 ? allIn05 : day === 60 ? hold : day === 120 ? split : day < 120 ? allIn01 : hold));
    const S = compiled.layout.state;
    const [ret] = play(compiled, schedule, {
      episodes: 1,
      onStep: (s) => {
        const w05 = s.next[indexOf(S, 'weight___a05')]!;
        t.is(w05, s.t < 120 ? 1 : 0, `${form}: weight of a05 after day ${s.t}`);
      },
    });
    t.log(`${form}: return ${ret} vs ${byHand}`);
    assertClose(t, form, ret!, byHand, 1e-12);
  }
});

// ---------------------------------------------------------------- the greedy portfolio (REFERENCE.md section 4)

test('instance 1: linear reward coefficients (0, 0.0005), greedy portfolio (0, 1), minimum variance (0.2, 0.8)', (t) => {
  const c = linearRewardCoefficients(TABLE1);
  t.true(Math.abs(c[0]! - 0) <= 1e-12 && Math.abs(c[1]! - 0.0005) <= 1e-12, String(c));
  t.deepEqual(greedyLinearPortfolio(TABLE1), [0, 1]);
  const mv = minimumVariancePortfolio([0.01, 0.005]);
  t.true(Math.abs(mv[0]! - 0.2) <= 1e-12 && Math.abs(mv[1]! - 0.8) <= 1e-12, String(mv));
});

test('asset_allocation, instance 1: the myopic (greedy) planner moves to (0, 1) on day 0 without transaction costs, and holds the initial weights with them', (t) => {
  // One-day expected rewards: (1, 0) -> 0, (0, 1) -> 0.0005, hold (0.5, 0.5) ->
  // 0.00025; the move to (0, 1) costs 0.001 * 1.0. The myopic planner scores
  // each candidate by 20,000 sampled steps: the noise of a difference,
  // sqrt(0.01^2 + 0.005^2) / sqrt(20000) = 7.9e-5, is 6 times smaller than
  // the 0.0005 gap.
  for (const [overrides, expected] of [
    [['alpha_trans_cost=0'], [0, 1]],
    [[], [0, 0]],
  ] as const) {
    const { compiled } = loadInstance('asset_allocation', 'instances/asset_allocation_1.rddl', overrides);
    const planner = myopicPlanner.create(
      { compiled, seed: SEED, budget: { kind: 'iterations', iterations: 100 }, workers: 1 },
      { ...myopicPlanner.defaults, samples: 20_000, randomCandidates: 0 },
    );
    if (planner instanceof Promise) throw new Error('the myopic planner is synchronous');
    const out = Float64Array.from(compiled.defaultAction);
    void planner.act(Float64Array.from(compiled.initialState), 0, 0, out);
    const w = [out[indexOf(compiled.layout.action, 'set_weight___a1')]!, out[indexOf(compiled.layout.action, 'set_weight___a2')]!];
    t.log(`overrides [${overrides.join(', ')}]: myopic action on day 0 = (${w.join(', ')})`);
    t.true(Math.abs(w[0]! - expected[0]) <= 1e-9 && Math.abs(w[1]! - expected[1]) <= 1e-9, `overrides [${overrides.join(', ')}]: got (${w.join(', ')}), expected (${expected.join(', ')})`);
  }
});

// ---------------------------------------------------------------- risk > 0: moments

test('asset_allocation, instance 1: daily log returns of the constant portfolio (0.2, 0.8) have mean 0.001 and variance 2e-5; log_return = ln(price\'/price); the reward is eq 3.1', (t) => {
  const { compiled } = loadInstance('asset_allocation', 'instances/asset_allocation_1.rddl');
  const S = compiled.layout.state;
  const I = compiled.layout.interm;
  const [p1, p2, w1, w2] = ['price___a1', 'price___a2', 'weight___a1', 'weight___a2'].map((n) => indexOf(S, n));
  const [r1, r2] = ['log_return___a1', 'log_return___a2'].map((n) => indexOf(I, n));
  const w = [0.2, 0.8];
  const episodes = 400;
  const daily = new Float64Array(episodes * 300);
  let k = 0;
  let worstLog = 0;
  let worstReward = 0;
  const returns = play(compiled, constantPolicy(portfolioAction('asset_allocation', compiled, ['0.2', '0.8'])), {
    episodes,
    onStep: (s) => {
      const rho = [Math.log(s.next[p1!]! / s.state[p1!]!), Math.log(s.next[p2!]! / s.state[p2!]!)];
      worstLog = Math.max(worstLog, Math.abs(rho[0]! - s.interm[r1!]!), Math.abs(rho[1]! - s.interm[r2!]!));
      daily[k++] = w[0]! * rho[0]! + w[1]! * rho[1]!;
      // eq 3.1 from the states alone.
      const nw = [s.next[w1!]!, s.next[w2!]!];
      const ow = [s.state[w1!]!, s.state[w2!]!];
      const reward = [0, 1].reduce((acc, i) => acc + nw[i]! * rho[i]! - 0.1 * TABLE1.assets[i]!.risk * nw[i]! - 0.001 * Math.abs(nw[i]! - ow[i]!), 0);
      worstReward = Math.max(worstReward, Math.abs(reward - s.reward));
    },
  });
  t.true(worstLog < 1e-12, `log_return differs from ln(price'/price) by ${worstLog}`);
  t.true(worstReward < 1e-12, `reward differs from eq 3.1 by ${worstReward}`);
  // Daily portfolio log return: mean sum w mu = 0.001, variance sum w^2 sigma^2 = 2e-5.
  const dailyVariance = 0.2 ** 2 * 0.01 ** 2 + 0.8 ** 2 * 0.005 ** 2;
  t.true(Math.abs(dailyVariance - 2e-5) < 1e-18);
  assertMean(t, 'daily log return', daily, 0.001, dailyVariance);
  assertVariance(t, 'daily log return', daily, dailyVariance);
  // The episode return: mean 0.1194, sd 0.07746 (docs/domains/asset_allocation.md).
  const m = constantPortfolioRewardMoments({ ...TABLE1, weights: w });
  t.is(m.mean.toFixed(4), '0.1194');
  t.is(Math.sqrt(m.variance).toFixed(5), '0.07746');
  assertMean(t, 'return of (0.2, 0.8)', returns, m.mean, m.variance);
  assertVariance(t, 'return of (0.2, 0.8)', returns, m.variance);
});

test('instance 1, all three forms: the documented constant portfolios match their closed-form moments, and equal portfolios give identical returns', (t) => {
  const episodes = 400;
  const cases = [
    { name: 'noop (hold 0.5 / 0.5)', weights: [0.5, 0.5], mean: '0.075', sd: '0.09682' },
    { name: '(0.2, 0.8)', weights: [0.2, 0.8], mean: '0.1194', sd: '0.07746' },
    { name: '(0, 1), the optimum', weights: [0, 1], mean: '0.149', sd: '0.08660' },
  ];
  const byForm: Record<string, Float64Array> = {};
  for (const c of cases) {
    const m = constantPortfolioRewardMoments({ ...TABLE1, weights: c.weights });
    t.is(Number(m.mean.toFixed(c.mean.length - 2)), Number(c.mean), `${c.name}: closed-form mean ${m.mean}`);
    t.is(Math.sqrt(m.variance).toFixed(c.sd.length - 2), c.sd, `${c.name}: closed-form sd ${Math.sqrt(m.variance)}`);
    for (const form of ['asset_allocation', 'asset_allocation_normalised'] as const) {
      const { compiled } = loadInstance(form, `instances/${form}_1.rddl`);
      const policy = c.weights[0] === 0.5 ? constantPolicy(Float64Array.from(compiled.defaultAction)) : constantPolicy(portfolioAction(form, compiled, [String(c.weights[0]), String(c.weights[1])] as [string, string]));
      const returns = play(compiled, policy, { episodes });
      assertMean(t, `${form}, ${c.name}`, returns, m.mean, m.variance);
      byForm[`${form} ${c.name}`] = returns;
    }
  }
  // The discrete form reaches (0.2, 0.8) with units (1, 4) and, closest to
  // (0, 1), (1/11, 10/11): mean 0.135545.
  const { compiled } = loadInstance('asset_allocation_discrete', 'instances/asset_allocation_discrete_1.rddl');
  const discrete = play(compiled, constantPolicy(portfolioAction('asset_allocation_discrete', compiled, ['1', '4'])), { episodes });
  const m110 = constantPortfolioRewardMoments({ ...TABLE1, weights: [1 / 11, 10 / 11] });
  t.is(m110.mean.toFixed(6), '0.135545');
  assertMean(t, 'asset_allocation_discrete, units (1, 10)', play(compiled, constantPolicy(portfolioAction('asset_allocation_discrete', compiled, ['1', '10'])), { episodes }), m110.mean, m110.variance);
  // Same portfolio, same seed: the three forms draw the same prices.
  const simplex = byForm['asset_allocation (0.2, 0.8)']!;
  const normalised = byForm['asset_allocation_normalised (0.2, 0.8)']!;
  let worst = 0;
  for (let i = 0; i < episodes; i++) worst = Math.max(worst, Math.abs(simplex[i]! - normalised[i]!), Math.abs(simplex[i]! - discrete[i]!));
  t.log(`largest difference between the forms' returns for (0.2, 0.8): ${fmt(worst)}`);
  t.true(worst < 1e-12, `the forms' returns differ by up to ${worst}`);
});
