import test, { type ExecutionContext } from 'ava';
import type { CompiledModel } from '@rddl/compiler';
import { constantPolicy, noopPolicy, type Policy } from '@rddl/sim';
import { almgrenChrissOptimal, equalSlicesMoments, executionModel, executionMoments, type ExecutionParams } from '../support/finance-references.js';
import { action, assertClose, assertMean, assertVariance, checkBaselines, fmt, indexOf, instanceFilesOf, loadInstance, play, policyOf } from './helpers.js';

// domains/trade_execution.rddl (Almgren and Chriss 2001 as in FinRDDL
// section 4; docs/domains/trade_execution.md; REFERENCE.md section 3).

/** Monte Carlo episodes per policy (5 steps each; about 0.3 s per 20,000 here). */
const M = 20_000;

const PAPER: ExecutionParams = {
  initialPrice: 50,
  spread: 0.125,
  annualVolatility: 0.3,
  dailyVolume: 5e6,
  shares: 1e7,
  numTrades: 5,
  horizonDays: 5,
  lambda: 2e-6,
};
/** Instance 1 (T = 5, tau = 1) and instance 2 (T = 60, tau = 12). */
const T5 = PAPER;
const T60: ExecutionParams = { ...PAPER, horizonDays: 60 };

/** REFERENCE.md section 3. */
const REF = {
  T5: {
    trades: [5709294.85, 2457391.99, 1067933.59, 487856.44, 277523.13],
    expectedCost: 108_339_529.43,
    variance: 2.019061e13,
    objective: 148_720_752.57,
    equalCost: 60_625_000.0,
    equalVariance: 1.08e14,
  },
  T60: {
    trades: [9961714.6, 38138.823, 146.016, 0.559, 0.0021],
    expectedCost: 21_394_767.7,
    variance: 1.583057e10,
    objective: 21_426_428.83,
    equalCost: 14_791_666.67,
    equalVariance: 1.296e15,
  },
};

/** Plays `trades[t]` in interval t (open loop); the domain sells what is left in the last interval. */
function schedule(compiled: CompiledModel, trades: readonly number[], security = 's0'): Policy {
  const actions = trades.map((n) => action(compiled, `sell(${security})=${n}`));
  return policyOf('schedule', (t) => actions[t]!);
}

interface Shortfalls {
  /** Implementation shortfall C of each episode, read from the state `shortfall(s0)`. */
  readonly costs: Float64Array;
  readonly returns: Float64Array;
}

/**
 * Plays a policy on a one-security instance; checks in every episode that the
 * block is sold, the shortfall state equals X S0 - sum n_k S~_k computed from
 * the states, and the return equals -(C + lambda sigma^2 tau sum x_k^2).
 */
function shortfalls(t: ExecutionContext, compiled: CompiledModel, p: ExecutionParams, policy: Policy, episodes: number): Shortfalls {
  const S = compiled.layout.state;
  const [price, exec, remaining, shortfall, done] = ['price___s0', 'exec_price___s0', 'remaining___s0', 'shortfall___s0', 'trades_done'].map((n) => indexOf(S, n));
  const { sigma, tau, epsilon, eta } = executionModel(p);
  const costs = new Float64Array(episodes);
  let proceeds = 0;
  let risk = 0;
  let worstCost = 0;
  let worstReturn = 0;
  let worstPrice = 0;
  let unsold = 0;
  let badCounter = 0;
  const returns = play(compiled, policy, {
    episodes,
    onStep: (s) => {
      const sold = s.state[remaining!]! - s.next[remaining!]!;
      // eqs 4.2-4.3: execution price from the price at the start of the interval.
      const fill = s.state[price!]! - epsilon - (eta / tau) * sold;
      worstPrice = Math.max(worstPrice, Math.abs(s.next[exec!]! - fill) / 50);
      proceeds += sold * fill;
      risk += p.lambda * sigma * sigma * tau * s.next[remaining!]! ** 2;
      if (s.next[done!] !== s.t + 1) badCounter++;
    },
    onEpisode: (e) => {
      const C = e.state[shortfall!]!;
      costs[e.episode] = C;
      const byHand = p.shares * p.initialPrice - proceeds;
      worstCost = Math.max(worstCost, Math.abs(C - byHand) / (p.shares * p.initialPrice));
      worstReturn = Math.max(worstReturn, Math.abs(e.ret + C + risk) / (p.shares * p.initialPrice));
      unsold = Math.max(unsold, e.state[remaining!]!);
      proceeds = 0;
      risk = 0;
    },
  });
  t.is(unsold, 0, 'every episode sells the whole block');
  t.is(badCounter, 0, "steps after which trades_done is not the step count");
  t.true(worstPrice < 1e-12, `execution price differs from eq 4.3 by ${worstPrice} (relative)`);
  t.true(worstCost < 1e-12, `shortfall state differs from X S0 - sum n S~ by ${worstCost} of X S0`);
  t.true(worstReturn < 1e-12, `return differs from -(C + lambda sigma^2 tau sum x^2) by ${worstReturn} of X S0`);
  return { costs, returns };
}

test('every instance parses, checks clean, compiles, and runs noop and random with no violation', (t) => {
  const files = instanceFilesOf('trade_execution');
  t.is(files.length, 4, files.join(', '));
  for (const file of files) checkBaselines(t, 'trade_execution', file);
});

test('the closed forms of test/support match REFERENCE.md section 3 (1e-9 relative)', (t) => {
  for (const [p, ref] of [
    [T5, REF.T5],
    [T60, REF.T60],
  ] as const) {
    const model = executionModel(p);
    assertClose(t, 'sigma', model.sigma, 0.9486832981, 1e-10);
    assertClose(t, 'gamma', model.gamma, 2.5e-7);
    assertClose(t, 'epsilon', model.epsilon, 0.0625);
    assertClose(t, 'eta', model.eta, 2.5e-6);
    const opt = almgrenChrissOptimal(p);
    opt.trades.forEach((n, k) => t.true(Math.abs(n - ref.trades[k]!) <= 0.005 + 1e-9 * p.shares, `T = ${p.horizonDays}: n${k + 1} = ${n} vs ${ref.trades[k]}`));
    assertClose(t, 'E[C] optimal', opt.expectedCost, ref.expectedCost, 1e-9);
    assertClose(t, 'V[C] optimal', opt.variance, ref.variance, 1e-6);
    assertClose(t, 'E + lambda V optimal', opt.objective, ref.objective, 1e-9);
    const eq = equalSlicesMoments(p);
    assertClose(t, 'E[C] equal slices', eq.expectedCost, ref.equalCost, 1e-9);
    assertClose(t, 'V[C] equal slices', eq.variance, ref.equalVariance, 1e-9);
  }
});

for (const [name, file, p, ref] of [
  ['T = 5', 'instances/trade_execution_1.rddl', T5, REF.T5],
  ['T = 60', 'instances/trade_execution_2.rddl', T60, REF.T60],
] as const) {
  test(`${name}: the shortfall of equal slices has the closed-form mean and variance (${M} episodes)`, (t) => {
    const { compiled } = loadInstance('trade_execution', file);
    const { costs } = shortfalls(t, compiled, p, constantPolicy(action(compiled, 'sell(s0)=2000000')), M);
    assertMean(t, 'E[C] equal slices', costs, ref.equalCost, ref.equalVariance);
    assertVariance(t, 'V[C] equal slices', costs, ref.equalVariance);
  });

  test(`${name}: the Almgren-Chriss schedule played open-loop gives E[C] + lambda V[C] = ${ref.objective} (${M} episodes)`, (t) => {
    const { compiled } = loadInstance('trade_execution', file);
    const opt = almgrenChrissOptimal(p);
    const { costs, returns } = shortfalls(t, compiled, p, schedule(compiled, opt.trades), M);
    assertMean(t, 'E[C] optimal', costs, ref.expectedCost, ref.variance);
    assertVariance(t, 'V[C] optimal', costs, ref.variance);
    // The return is -(C + lambda sigma^2 tau sum x_k^2) and the risk term is
    // fixed for a fixed schedule: mean -(E + lambda V), variance V.
    assertMean(t, 'minus the mean return', returns.map((r) => -r), ref.objective, ref.variance);
  });

  test(`${name}, volatility 0: the optimal schedule returns exactly -E[C] and equal slices -E[C] of equal slices`, (t) => {
    const { compiled } = loadInstance('trade_execution', file, ['AV=0']);
    const [opt] = play(compiled, schedule(compiled, almgrenChrissOptimal(p).trades), { episodes: 1 });
    t.log(`optimal schedule: return ${fmt(opt!)} vs ${fmt(-ref.expectedCost)}`);
    assertClose(t, 'optimal', opt!, -ref.expectedCost, 1e-9);
    const [eq] = play(compiled, constantPolicy(action(compiled, 'sell(s0)=2000000')), { episodes: 1 });
    assertClose(t, 'equal slices', eq!, -ref.equalCost, 1e-9);
  });
}

test('T = 5: noop waits and sells the whole block in the last interval; its return has mean -970,625,000', (t) => {
  const { compiled } = loadInstance('trade_execution', 'instances/trade_execution_1.rddl');
  const S = compiled.layout.state;
  const remaining = indexOf(S, 'remaining___s0');
  const I = compiled.layout.interm;
  const sold = indexOf(I, 'sold___s0');
  const lastInterval = indexOf(I, 'last_interval');
  const { returns } = shortfalls(t, compiled, T5, noopPolicy(compiled), 1);
  t.is(returns.length, 1);
  const trace: string[] = [];
  play(compiled, noopPolicy(compiled), {
    episodes: 1,
    onStep: (s) => {
      trace.push(`t=${s.t} sold=${s.interm[sold]} last=${s.interm[lastInterval]} remaining=${s.next[remaining]} done=${s.done} terminated=${s.terminated}`);
    },
  });
  t.deepEqual(trace, [
    't=0 sold=0 last=0 remaining=10000000 done=false terminated=false',
    't=1 sold=0 last=0 remaining=10000000 done=false terminated=false',
    't=2 sold=0 last=0 remaining=10000000 done=false terminated=false',
    't=3 sold=0 last=0 remaining=10000000 done=false terminated=false',
    't=4 sold=10000000 last=1 remaining=0 done=true terminated=true',
  ]);
  const noop = executionMoments(T5, [0, 0, 0, 0, 0]);
  assertClose(t, 'noop objective', noop.objective, 250_625_000 + 2e-6 * 3.6e14, 1e-12);
  const { returns: many } = shortfalls(t, compiled, T5, noopPolicy(compiled), M);
  assertMean(t, 'minus the noop return', many.map((r) => -r), noop.objective, noop.variance);
});

test('T = 5: selling early ends the episode early (termination once the block is sold)', (t) => {
  const { compiled } = loadInstance('trade_execution', 'instances/trade_execution_1.rddl');
  const steps: number[] = [];
  const returns = play(compiled, schedule(compiled, [6e6, 5e6]), { episodes: 3, onEpisode: (e) => steps.push(e.steps) });
  // 6e6 in interval 1, the 4e6 left in interval 2 (the sale is clipped to the holdings).
  t.deepEqual(steps, [2, 2, 2]);
  const m = executionMoments(T5, [6e6, 4e6, 0, 0, 0]);
  t.true(returns.every(Number.isFinite));
  const { compiled: flat } = loadInstance('trade_execution', 'instances/trade_execution_1.rddl', ['AV=0']);
  const [r] = play(flat, schedule(flat, [6e6, 5e6]), { episodes: 1 });
  assertClose(t, 'return of (6e6, 4e6) with volatility 0', r!, -m.expectedCost, 1e-9);
});

test('instance 3 (three securities), volatility 0: each security on its own Almgren-Chriss schedule returns exactly minus the sum of the E[C]', (t) => {
  const params: Record<string, ExecutionParams> = {
    s0: T5,
    s1: { ...T5, initialPrice: 20, spread: 0.02, annualVolatility: 0.25, dailyVolume: 2e7, shares: 5e6 },
    s2: { ...T5, initialPrice: 8, spread: 0.04, annualVolatility: 0.45, dailyVolume: 1e6, shares: 5e5 },
  };
  const { compiled } = loadInstance('trade_execution', 'instances/trade_execution_3.rddl', ['AV=0']);
  const plans = Object.fromEntries(Object.entries(params).map(([s, p]) => [s, almgrenChrissOptimal(p)]));
  // docs/domains/trade_execution.md: E[C] per security and the total objective.
  assertClose(t, 'E[C] s1', plans.s1!.expectedCost, 1_569_722.73, 1e-8);
  assertClose(t, 'E[C] s2', plans.s2!.expectedCost, 251_636.94, 1e-8);
  assertClose(t, 'total E + lambda V', plans.s0!.objective + plans.s1!.objective + plans.s2!.objective, 150_932_467.14, 1e-9);
  const actions = [0, 1, 2, 3, 4].map((k) => action(compiled, Object.entries(plans).map(([s, plan]) => `sell(${s})=${plan.trades[k]}`).join(', ')));
  const [ret] = play(compiled, policyOf('schedules', (k) => actions[k]!), { episodes: 1 });
  const expected = -(plans.s0!.expectedCost + plans.s1!.expectedCost + plans.s2!.expectedCost);
  t.log(`return ${fmt(ret!)} vs ${fmt(expected)}`);
  assertClose(t, 'instance 3', ret!, expected, 1e-9);
});

test('instance 4 (lambda = 0): equal slices is the optimum, expected return -60,625,000, sd 10,392,305', (t) => {
  const neutral = { ...T5, lambda: 0 };
  const opt = almgrenChrissOptimal(neutral);
  t.is(opt.kappa, 0);
  opt.trades.forEach((n) => assertClose(t, 'equal slice', n, 2e6, 1e-12));
  const { compiled } = loadInstance('trade_execution', 'instances/trade_execution_4.rddl');
  const returns = play(compiled, constantPolicy(action(compiled, 'sell(s0)=2000000')), { episodes: 4000 });
  assertMean(t, 'return of equal slices', returns, -60_625_000, 1.08e14);
  assertVariance(t, 'return of equal slices', returns, 1.08e14);
  t.is(Math.round(Math.sqrt(1.08e14)), 10_392_305);
  // Any other schedule costs more in expectation: the lambda = 2e-6 optimum, with volatility 0.
  const { compiled: flat } = loadInstance('trade_execution', 'instances/trade_execution_4.rddl', ['AV=0']);
  const [eq] = play(flat, constantPolicy(action(flat, 'sell(s0)=2000000')), { episodes: 1 });
  const [front] = play(flat, schedule(flat, almgrenChrissOptimal(T5).trades), { episodes: 1 });
  assertClose(t, 'equal slices, volatility 0', eq!, -60_625_000, 1e-12);
  t.true(front! < eq!, `the front-loaded schedule returns ${front}, equal slices ${eq}`);
});
