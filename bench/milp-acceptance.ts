/**
 * The acceptance figures of the milp planner (issue 8), printed:
 *   1. Almgren-Chriss: the planned schedule and E[C] + lambda V[C] against
 *      the closed form (REFERENCE.md section 3), instances 1-4;
 *   2. Table 1 asset allocation: the milp planner against the uniform
 *      portfolio (paired, common random numbers), and the greedy corner;
 *   3. the 50-asset, 5-period mixed-integer variant: status, proven gap,
 *      seconds (wall and CPU).
 * Solve times of both solvers on the same models: bench/milp.ts.
 *
 *   node --import ./scripts/register-ts.mjs bench/milp-acceptance.ts [--episodes N] [--seed S]
 */
import { compileModel, type CompiledModel } from '@rddl/compiler';
import { compareReturns, constantPlanner, evaluatePlanner, parseAction, withNonFluents } from '@rddl/planning';
import { createMilpPlanner, milpDefaults, type MilpOptions } from '@rddl/planner-milp';
import { almgrenChrissOptimal, executionMoments, type ExecutionParams } from '../test/support/finance-references.js';
import { loadInstance } from '../test/support/sim-helpers.js';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
};
const episodes = Number(flag('--episodes', '100'));
const seed = Number(flag('--seed', '1'));

function load(domain: string, instance: string): CompiledModel {
  const r = loadInstance([`domains/${domain}.rddl`, `instances/${instance}.rddl`]);
  if (r.stage !== 'ok') throw new Error(`cannot load ${instance}`);
  return r.compiled;
}

const make = (compiled: CompiledModel, options: Partial<MilpOptions>) =>
  createMilpPlanner({ compiled, seed, budget: { kind: 'seconds', seconds: 60 }, workers: 1 }, { ...milpDefaults, ...options });

console.log('1. Almgren-Chriss (mean values, lookahead 5, HiGHS QP): planned trades vs the closed form');
const paper = { initialPrice: 50, spread: 0.125, annualVolatility: 0.3, dailyVolume: 5e6, shares: 1e7, numTrades: 5, lambda: 2e-6 };
const securities: Record<string, ExecutionParams[]> = {
  trade_execution_1: [{ ...paper, horizonDays: 5 }],
  trade_execution_2: [{ ...paper, horizonDays: 60 }],
  trade_execution_3: [
    { ...paper, horizonDays: 5 },
    { initialPrice: 20, spread: 0.02, annualVolatility: 0.25, dailyVolume: 2e7, shares: 5e6, numTrades: 5, horizonDays: 5, lambda: 2e-6 },
    { initialPrice: 8, spread: 0.04, annualVolatility: 0.45, dailyVolume: 1e6, shares: 5e5, numTrades: 5, horizonDays: 5, lambda: 2e-6 },
  ],
  trade_execution_4: [{ ...paper, horizonDays: 5, lambda: 0 }],
};
for (const [instance, list] of Object.entries(securities)) {
  const compiled = load('trade_execution', instance);
  const p = await make(compiled, { uncertainty: 'mean', horizon: 5, replanEvery: 5 });
  const record = p.planAt(Float64Array.from(compiled.initialState), 0);
  list.forEach((params, s) => {
    const trades = record.plan.map((a) => a[s]!);
    trades[trades.length - 1] = params.shares - trades.slice(0, -1).reduce((x, y) => x + y, 0);
    const closed = almgrenChrissOptimal(params);
    const mine = executionMoments(params, trades);
    const worst = Math.max(...trades.map((n, k) => Math.abs(n - closed.trades[k]!) / params.shares));
    console.log(`  ${instance} ${compiled.layout.action.fluents[s]!.name}: trades ${trades.map((n) => n.toFixed(2)).join(', ')}`);
    console.log(`    closed form            ${closed.trades.map((n) => n.toFixed(2)).join(', ')}`);
    console.log(`    largest trade difference ${(100 * worst).toExponential(2)} % of X; E + lambda V ${mine.objective.toFixed(2)} vs ${closed.objective.toFixed(2)} (relative ${((mine.objective - closed.objective) / closed.objective).toExponential(2)})`);
  });
  console.log(`    program: ${record.solution!.method}, ${record.solution!.status}, optimum ${record.solution!.objective.toFixed(2)}, ${record.solution!.seconds.toFixed(3)} s`);
}

console.log(`\n2. Table 1 asset allocation (instance 1), ${episodes} episodes, seed ${seed}`);
{
  const compiled = load('asset_allocation', 'asset_allocation_1');
  const milp = await make(compiled, {});
  const uniform = await constantPlanner.create({ compiled, seed, budget: { kind: 'iterations', iterations: 1 }, workers: 1 }, { action: parseAction(compiled, 'set_weight=0.5') });
  const a = await evaluatePlanner(compiled, milp, { episodes, seed });
  const b = await evaluatePlanner(compiled, uniform, { episodes, seed });
  const d = compareReturns(a, b);
  console.log(`  milp (defaults: 16 antithetic scenarios, lookahead 10) mean return ${a.result.summary.mean.toFixed(4)} ± ${a.result.summary.ci95.toFixed(4)}; uniform ${b.result.summary.mean.toFixed(4)} ± ${b.result.summary.ci95.toFixed(4)}`);
  console.log(`  paired difference ${d.mean.toFixed(4)} ± ${d.ci95.toFixed(4)} (95 % CI ${(d.mean - d.ci95).toFixed(4)} .. ${(d.mean + d.ci95).toFixed(4)}): ${d.mean - d.ci95 > 0 ? 'better with 95 % confidence' : 'NOT significantly better'}`);
  console.log(`  plan time ${a.planSeconds.toFixed(2)} s; ${JSON.stringify(milp.stats())}`);
  const greedyModel = compileModel(withNonFluents(compiled.model, [{ name: 'alpha_trans_cost', args: undefined, value: 0 }])).compiled!;
  const greedy = (await make(greedyModel, { horizon: 1 })).planAt(Float64Array.from(greedyModel.initialState), 0);
  console.log(`  greedy (horizon 1, alpha_trans_cost = 0): w = (${Array.from(greedy.plan[0]!).join(', ')}), expected (0, 1)`);
}

console.log('\n3. asset_allocation_lots_1: 50 assets x 5 periods, integer lots, at most 6 assets (mean values, mipGap 1 %)');
{
  const compiled = load('asset_allocation_lots', 'asset_allocation_lots_1');
  for (const solver of ['auto', 'glpk'] as const) {
    const p = await make(compiled, { uncertainty: 'mean', horizon: 5, mipGap: 0.01, solver, timeLimit: 60 });
    const before = process.cpuUsage();
    const record = p.planAt(Float64Array.from(compiled.initialState), 0);
    const cpu = process.cpuUsage(before);
    const s = record.solution!;
    const program = record.unroller!.program;
    console.log(
      `  ${solver} (${s.solver}): ${s.status}, gap ${(100 * s.gap).toFixed(4)} %, solve ${s.seconds.toFixed(2)} s wall (planAt ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU); ${program.vars.length} variables (${program.integerCount} integer), ${program.rows.length} rows`,
    );
  }
}
