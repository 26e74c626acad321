import test from 'ava';
import { evaluatePlanner } from '@rddl/planning';
import { almgrenChrissOptimal, executionMoments, type ExecutionParams } from '../support/finance-references.js';
import { load, planner, relative } from './support.js';

// Acceptance (issue 8): on the Almgren-Chriss instances the planned schedule
// reproduces the closed-form optimal trades and E[C] + lambda V[C]
// (REFERENCE.md section 3) within 0.1 %. The domain's reward is minus the
// shortfall of each trade minus lambda sigma^2 tau x_k^2, so with mean values
// the program is exactly the mean-variance QP, solved by HiGHS's QP.

const paper = { initialPrice: 50, spread: 0.125, annualVolatility: 0.3, dailyVolume: 5e6, shares: 1e7, numTrades: 5, lambda: 2e-6 };
const instances: [string, ExecutionParams][] = [
  ['trade_execution_1', { ...paper, horizonDays: 5 }],
  ['trade_execution_2', { ...paper, horizonDays: 60 }],
  ['trade_execution_4', { ...paper, horizonDays: 5, lambda: 0 }],
];

/** The trades a plan executes: the last interval sells what is left (the domain forces it). */
function executed(plan: readonly Float64Array[], column: number, shares: number): number[] {
  const trades = plan.map((a) => a[column]!);
  trades[trades.length - 1] = shares - trades.slice(0, -1).reduce((s, v) => s + v, 0);
  return trades;
}

for (const [name, params] of instances) {
  for (const solver of ['auto', 'highs', 'glpk'] as const) {
    test(`${name}: the planned schedule is the closed-form optimum within 0.1 % (${solver})`, async (t) => {
      const compiled = load('domains/trade_execution.rddl', `instances/${name}.rddl`);
      const p = await planner(compiled, { uncertainty: 'mean', horizon: 5, replanEvery: 5, solver, oaIterations: 400 });
      const record = p.planAt(Float64Array.from(compiled.initialState), 0);
      // HiGHS solves the QP exactly; GLPK's outer approximation stops at its tolerance or after
      // oaIterations, with the gap it proved (polishing may trade it for a cleaner plan within mipGap).
      if (solver === 'glpk') t.true(record.solution!.gap <= 1e-4, `gap ${record.solution!.gap}`);
      else t.is(record.solution!.status, 'optimal');
      t.is(record.solution!.method, solver === 'glpk' ? 'outer-approximation' : 'qp');
      const closed = almgrenChrissOptimal(params);
      const trades = executed(record.plan, 0, params.shares);
      // Trades of the T = 60 optimum fall to 0.002 shares: compare each to the schedule's scale.
      trades.forEach((n, k) => t.true(Math.abs(n - closed.trades[k]!) <= 1e-3 * params.shares, `trade ${k + 1}: ${n} vs ${closed.trades[k]}`));
      const moments = executionMoments(params, trades);
      t.true(relative(moments.objective, closed.objective) <= 1e-3, `E + lambda V: ${moments.objective} vs ${closed.objective}`);
      // The program's optimum is minus the objective (its expected return).
      t.true(relative(-record.solution!.objective, closed.objective) <= 1e-3, `program optimum ${record.solution!.objective}`);
      if (solver !== 'glpk') {
        // HiGHS's QP is exact: the first trade to 1e-6 relative.
        t.true(relative(trades[0]!, closed.trades[0]!) <= 1e-6, `first trade ${trades[0]} vs ${closed.trades[0]}`);
      }
    });
  }
}

test('trade_execution_3: each security follows its own Almgren-Chriss schedule', async (t) => {
  const compiled = load('domains/trade_execution.rddl', 'instances/trade_execution_3.rddl');
  const p = await planner(compiled, { uncertainty: 'mean', horizon: 5, replanEvery: 5 });
  const record = p.planAt(Float64Array.from(compiled.initialState), 0);
  const securities: ExecutionParams[] = [
    { ...paper, horizonDays: 5 },
    { initialPrice: 20, spread: 0.02, annualVolatility: 0.25, dailyVolume: 2e7, shares: 5e6, numTrades: 5, horizonDays: 5, lambda: 2e-6 },
    { initialPrice: 8, spread: 0.04, annualVolatility: 0.45, dailyVolume: 1e6, shares: 5e5, numTrades: 5, horizonDays: 5, lambda: 2e-6 },
  ];
  let total = 0;
  securities.forEach((params, s) => {
    const closed = almgrenChrissOptimal(params);
    const trades = executed(record.plan, s, params.shares);
    trades.forEach((n, k) => t.true(relative(n, closed.trades[k]!) <= 1e-4, `security ${s} trade ${k + 1}: ${n} vs ${closed.trades[k]}`));
    total += executionMoments(params, trades).objective;
  });
  t.true(relative(total, 150_932_467.14) <= 1e-3, `total E + lambda V ${total}`);
});

test('rolling horizon with scenarios: the closed-loop mean return is minus E + lambda V (instance 1, 200 episodes)', async (t) => {
  const compiled = load('domains/trade_execution.rddl', 'instances/trade_execution_1.rddl');
  const params = { ...paper, horizonDays: 5 };
  const closed = almgrenChrissOptimal(params);
  const p = await planner(compiled, { scenarios: 8 });
  const evaluation = await evaluatePlanner(compiled, p, { episodes: 200, seed: 3 });
  const { mean } = evaluation.result.summary;
  // Every plan is non-anticipative in its first action and the noise enters linearly: the
  // antithetic scenarios make the plan the static optimum, whose return has variance V[C].
  const tolerance = 4 * Math.sqrt(closed.variance / 200);
  t.true(Math.abs(mean + closed.objective) <= tolerance, `mean return ${mean}, expected ${-closed.objective} ± ${tolerance}`);
  const first = p.records[0]!.plan[0]![0]!;
  t.true(relative(first, closed.trades[0]!) <= 1e-4, `first trade ${first}`);
});
