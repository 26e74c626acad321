import test, { type ExecutionContext } from 'ava';
import type { CompiledModel } from '@rddl/compiler';
import { noopPolicy, type Policy } from '@rddl/sim';
import { GBWM_PORTFOLIOS, gridPolicyAction, mgwmDp, normalCdf, normalPdf, type FrontierPortfolio, type GoalDpResult } from '../support/finance-references.js';
import { assertMean, checkBaselines, fmt, indexOf, instanceFilesOf, loadInstance, moments, play } from './helpers.js';

// domains/mgwm.rddl (Volakakis 2023 section 5, two goals; docs/domains/mgwm.md;
// REFERENCE.md section 2). W0 = 100; goal 1 at year 5 costs 100, goal 2 at
// year 10 costs 150; the instances run 11 steps (periods 0..10).

/** (u5, u10) of instances mgwm_1..mgwm_9 (the thesis's Table 5). */
const SCENARIOS: readonly (readonly [number, number])[] = [
  [1000, 1000],
  [1000, 2000],
  [1000, 3000],
  [2000, 1000],
  [2000, 2000],
  [2000, 3000],
  [3000, 1000],
  [3000, 2000],
  [3000, 3000],
];
/** Episodes of the Monte Carlo checks (11 steps each). */
const M = 20_000;

/** Composite Simpson rule of f on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

/**
 * Probabilities of buying each goal under "portfolio k every year, never
 * skip", by quadrature over the wealth at year 5:
 * W5 = 100 exp(5 m + sigma sqrt(5) Z), m = mu - sigma^2 / 2; goal 1 is bought
 * when W5 >= 100, then W10 = (W5 - 100 [bought]) exp(5 m + sigma sqrt(5) Z')
 * and goal 2 is bought when W10 >= 150.
 */
function neverSkipProbabilities({ mu, sigma }: FrontierPortfolio): { p5: number; p10: number; p5and10: number } {
  const m = mu - (sigma * sigma) / 2;
  const s5 = sigma * Math.sqrt(5);
  const p5 = normalCdf((5 * m) / s5);
  const reach = (wealth: number) => (wealth <= 0 ? 0 : 1 - normalCdf((Math.log(150 / wealth) - 5 * m) / s5));
  const w5 = (z: number) => 100 * Math.exp(5 * m + s5 * z);
  const z0 = (-5 * m) / s5; // W5 = 100
  const below = simpson((z) => normalPdf(z) * reach(w5(z)), -12, z0, 20_000);
  const above = simpson((z) => normalPdf(z) * reach(w5(z) - 100), z0, 12, 20_000);
  return { p5, p10: below + above, p5and10: above };
}

/** Variance of the utility u5 B5 + u10 B10 of two indicator variables. */
function utilityVariance(u5: number, u10: number, p5: number, p10: number, p5and10: number): number {
  const mean = u5 * p5 + u10 * p10;
  return u5 * u5 * p5 + u10 * u10 * p10 + 2 * u5 * u10 * p5and10 - mean * mean;
}

/** A fixed policy: portfolio `portfolio` every year; skip the goal due at the periods in `skipAt`. */
function fixedPolicy(compiled: CompiledModel, portfolio: number, skipAt: readonly number[] = []): Policy {
  const a = indexOf(compiled.layout.action, 'portfolio_choice');
  const skip = indexOf(compiled.layout.action, 'skip_goal');
  return {
    name: `portfolio ${portfolio}`,
    act(_state, t, _episode, out) {
      out[a] = portfolio;
      out[skip] = skipAt.includes(t) ? 1 : 0;
    },
  };
}

/** Plays a policy; records which goals each episode bought and checks that rewards come only from purchases, in an 11-step horizon. */
function purchases(t: ExecutionContext, compiled: CompiledModel, policy: Policy, episodes: number, u5: number, u10: number) {
  const bought5 = new Float64Array(episodes);
  const bought10 = new Float64Array(episodes);
  const period = indexOf(compiled.layout.state, 'period');
  const wealth = indexOf(compiled.layout.state, 'wealth');
  const skipGoal = indexOf(compiled.layout.action, 'skip_goal');
  const growth = indexOf(compiled.layout.interm, 'log_growth');
  let bad = 0;
  let worstWealth = 0;
  const returns = play(compiled, policy, {
    episodes,
    onStep: (s) => {
      const skip = s.action[skipGoal] === 1;
      // purchase(g) = due ^ ~skip ^ (W >= C); the cost is paid before growth (eq 24).
      const due = s.t === 5 ? 100 : s.t === 10 ? 150 : undefined;
      const buys = due !== undefined && !skip && s.state[wealth]! >= due;
      if (s.reward !== (buys ? (s.t === 5 ? u5 : u10) : 0)) bad++;
      if (buys && s.t === 5) bought5[s.episode] = 1;
      if (buys && s.t === 10) bought10[s.episode] = 1;
      // W' = (W - C [bought]) exp(log_growth)
      const expected = (s.state[wealth]! - (buys ? due : 0)) * Math.exp(s.interm[growth]!);
      worstWealth = Math.max(worstWealth, Math.abs(s.next[wealth]! - expected) / Math.max(1, expected));
    },
    onEpisode: (e) => {
      if (e.steps !== 11 || e.state[period] !== 11) bad++;
    },
  });
  t.is(bad, 0, 'steps whose reward is not the utility of the goals bought, or episodes not 11 steps long');
  t.true(worstWealth < 1e-12, `wealth differs from (W - C) exp(log_growth) by ${worstWealth} (relative)`);
  return { returns, bought5, bought10 };
}

test('the nine instances parse, check clean, compile, and run noop and random with no violation (11 steps)', (t) => {
  const files = instanceFilesOf('mgwm');
  t.is(files.length, 9, files.join(', '));
  files.forEach((file, i) => {
    const { compiled } = checkBaselines(t, 'mgwm', file);
    t.is(compiled.horizon, 11);
    const nf = (name: string, goal: string) => {
      const p = compiled.model.pvariablesByName.get(name)!;
      const g = p.parameters[0]!.values.indexOf(goal);
      return compiled.model.nonFluentValues.get(name)![g]!;
    };
    t.deepEqual([nf('GOAL-UTILITY', 'g5'), nf('GOAL-UTILITY', 'g10')], [...SCENARIOS[i]!], file);
    t.deepEqual([nf('GOAL-PERIOD', 'g5'), nf('GOAL-COST', 'g5'), nf('GOAL-PERIOD', 'g10'), nf('GOAL-COST', 'g10')], [5, 100, 10, 150], file);
  });
});

test(`noop (portfolio 1, buy what is affordable) earns 0.99915 u5 in expectation: the documented 999.1 / 1998.2 / 2997.3 (${M} episodes)`, (t) => {
  const { p5, p10, p5and10 } = neverSkipProbabilities(GBWM_PORTFOLIOS[0]!);
  t.log(`portfolio 1: P(buy at 5) = ${p5.toFixed(6)}, P(buy at 10) = ${p10.toExponential(3)}`);
  t.is(p5.toFixed(5), '0.99915');
  t.true(p10 < 1e-4, 'with portfolio 1, 150 by year 10 is out of reach');
  for (const [file, [u5, u10]] of [
    ['instances/mgwm_1.rddl', SCENARIOS[0]!],
    ['instances/mgwm_4.rddl', SCENARIOS[3]!],
    ['instances/mgwm_7.rddl', SCENARIOS[6]!],
  ] as const) {
    const { compiled } = loadInstance('mgwm', file);
    const { returns, bought5 } = purchases(t, compiled, noopPolicy(compiled), M, u5, u10);
    const mean = u5 * p5 + u10 * p10;
    const variance = utilityVariance(u5, u10, p5, p10, p5and10);
    // The figure of docs/domains/mgwm.md (20,000 episodes) is within 4 standard errors of the expectation.
    const documented = { 1000: 999.1, 2000: 1998.2, 3000: 2997.3 }[u5]!;
    t.true(Math.abs(documented - mean) <= 4 * Math.sqrt(variance / 20_000), `documented ${documented} vs ${mean}`);
    assertMean(t, `${file} noop`, returns, mean, variance);
    assertMean(t, `${file} P(buy at 5)`, bought5, p5, p5 * (1 - p5));
  }
});

for (const [file, k] of [
  ['instances/mgwm_2.rddl', 15],
  ['instances/mgwm_6.rddl', 11],
] as const) {
  test(`${file}: never skip with portfolio ${k} throughout: expected utility u5 P(W5 >= 100) + u10 P(W10 >= 150) by quadrature (${M} episodes)`, (t) => {
    const [u5, u10] = SCENARIOS[Number(/mgwm_(\d)/.exec(file)![1]) - 1]!;
    const { p5, p10, p5and10 } = neverSkipProbabilities(GBWM_PORTFOLIOS[k - 1]!);
    const mean = u5 * p5 + u10 * p10;
    t.log(`portfolio ${k}: P(buy at 5) ${p5.toFixed(6)}, P(buy at 10) ${p10.toFixed(6)}, P(both) ${p5and10.toFixed(6)}, E[u] ${mean.toFixed(3)}`);
    if (k === 15) {
      // The figures of docs/domains/mgwm.md ("Running it").
      t.deepEqual([p5.toFixed(6), p10.toFixed(6), mean.toFixed(2)], ['0.786636', '0.266452', '1319.54']);
    }
    const { compiled } = loadInstance('mgwm', file);
    const { returns, bought5, bought10 } = purchases(t, compiled, fixedPolicy(compiled, k), M, u5, u10);
    assertMean(t, 'E[u]', returns, mean, utilityVariance(u5, u10, p5, p10, p5and10));
    assertMean(t, 'P(buy at 5)', bought5, p5, p5 * (1 - p5));
    assertMean(t, 'P(buy at 10)', bought10, p10, p10 * (1 - p10));
  });
}

test(`instances/mgwm_3.rddl: skip goal 1, portfolio 13 throughout: expected utility u10 P(W10 >= 150), a closed form (${M} episodes)`, (t) => {
  const [u5, u10] = SCENARIOS[2]!;
  const { mu, sigma } = GBWM_PORTFOLIOS[12]!;
  const p10 = 1 - normalCdf((Math.log(1.5) - (mu - (sigma * sigma) / 2) * 10) / (sigma * Math.sqrt(10)));
  const { compiled } = loadInstance('mgwm', 'instances/mgwm_3.rddl');
  const { returns, bought5 } = purchases(t, compiled, fixedPolicy(compiled, 13, [5]), M, u5, u10);
  t.is(bought5.reduce((a, b) => a + b, 0), 0);
  t.log(`P(W10 >= 150) = ${p10.toFixed(6)}`);
  assertMean(t, 'E[u]', returns, u10 * p10, u10 * u10 * p10 * (1 - p10));
});

/** The policy of the n = 200 Das-grid DP: portfolio and buy/skip of the nearest grid point in ln W; buy at year 10 whenever affordable. */
function gridPolicy(compiled: CompiledModel, dp: GoalDpResult): Policy {
  const w = indexOf(compiled.layout.state, 'wealth');
  const a = indexOf(compiled.layout.action, 'portfolio_choice');
  const skip = indexOf(compiled.layout.action, 'skip_goal');
  return {
    name: 'das-grid',
    act(state, t, _episode, out) {
      if (t >= 10) return; // the goal at year 10: noop buys it when affordable
      const choice = gridPolicyAction(dp, t, state[w]!);
      out[a] = choice.portfolio;
      out[skip] = t === 5 && !choice.buy ? 1 : 0;
    },
  };
}

for (const [file, das, converged] of [
  ['instances/mgwm_1.rddl', 1171.96, 1176.43],
  ['instances/mgwm_6.rddl', 2901.04, 2918.24],
] as const) {
  test(`${file}: the Das-grid DP gives ${das} (REFERENCE.md section 2), and its policy simulated on continuous wealth lies within 0.5 % of it, below the converged optimum ${converged}`, (t) => {
    const [u5, u10] = SCENARIOS[Number(/mgwm_(\d)/.exec(file)![1]) - 1]!;
    const dp = mgwmDp({ u5, u10, gridPoints: 200 });
    t.true(Math.abs(dp.valueAtW0 - das) <= 0.1, `Das grid value ${dp.valueAtW0}`);
    const { compiled } = loadInstance('mgwm', file);
    const episodes = 50_000;
    const { returns } = purchases(t, compiled, gridPolicy(compiled, dp), episodes, u5, u10);
    const m = moments(returns);
    const se = Math.sqrt(m.variance / episodes);
    t.log(`Das-grid policy, ${episodes} episodes: ${fmt(m.mean)} ± ${fmt(se)} (grid value ${dp.valueAtW0.toFixed(2)}, converged optimum ${converged})`);
    t.true(m.mean >= 0.995 * das - 4 * se, `${m.mean} is more than 0.5 % below the grid value ${das}`);
    t.true(m.mean <= converged + 0.5 + 4 * se, `${m.mean} beats the optimum ${converged}`);
  });
}
