import test from 'ava';
import { loadSolver, Program, solveProgram, solveWithOuterApproximation, toSolverProblem } from '@rddl/planner-milp';
import { Simulator } from '@rddl/sim';
import { load, planner } from './support.js';

// Acceptance (issue 8): a mixed-integer variant with 50 assets and 5 periods
// (integer lots and a cap on the number of assets held) solves to a proven
// gap under 1 % (the time is measured by bench/milp.ts, not asserted here),
// and mixed-integer quadratic programs are solved by outer approximation.

const DOMAIN = 'domains/asset_allocation_lots.rddl';

test('asset_allocation_lots_1 (50 assets, 5 periods): proven gap under 1 %, and a legal portfolio of lots', async (t) => {
  const compiled = load(DOMAIN, 'instances/asset_allocation_lots_1.rddl');
  const p = await planner(compiled, { uncertainty: 'mean', horizon: 5, mipGap: 0.01 });
  const state = Float64Array.from(compiled.initialState);
  const record = p.planAt(state, 0);
  const s = record.solution!;
  t.is(s.status, 'optimal');
  t.true(s.gap < 0.01, `gap ${s.gap}`);
  t.is(s.method, 'milp');
  // More than the 'auto' threshold of integer variables: HiGHS solved it.
  t.true(record.unroller!.program.integerCount > 64);
  t.is(s.solver, 'highs');
  const lots = Array.from(record.plan[0]!);
  t.true(lots.every((v) => Number.isInteger(v) && v >= 0 && v <= 5), `lots ${lots}`);
  const total = lots.reduce((a, b) => a + b, 0);
  t.true(total === 20, `a portfolio of 20 lots (not hold): ${total}`);
  t.true(lots.filter((v) => v > 0).length <= 6, 'at most 6 assets held');
  t.true(new Simulator(compiled, { seed: 1 }).preconditionsHold(state, record.plan[0]!));
});

test('asset_allocation_lots_1 with 4 scenarios: proven gap under 1 %', async (t) => {
  const compiled = load(DOMAIN, 'instances/asset_allocation_lots_1.rddl');
  const p = await planner(compiled, { scenarios: 4, horizon: 5, mipGap: 0.01 });
  const record = p.planAt(Float64Array.from(compiled.initialState), 0);
  t.is(record.solution!.status, 'optimal');
  t.true(record.solution!.gap < 0.01, `gap ${record.solution!.gap}`);
});

test('a small MIQP solved by outer approximation matches brute force (both solvers)', async (t) => {
  // maximise −(x − 1.3)² − (y − 2.7)² − 0.5 (x − y)² + 0.2 z over integers x, y in [0, 5], z = x + y <= 6
  const build = () => {
    const p = new Program();
    const x = p.addVar('x', 0, 5, 'integer');
    const y = p.addVar('y', 0, 5, 'integer');
    p.addRow({ kind: 'lin', terms: new Map([[x, 1], [y, 1]]), c: 0 }, -Infinity, 6);
    const f = (a: number, b: number) => -((a - 1.3) ** 2) - (b - 2.7) ** 2 - 0.5 * (a - b) ** 2 + 0.2 * (a + b);
    // Expanded: −1.5x² − 1.5y² + xy + (2.6 + 0.2)x + (5.4 + 0.2)y − (1.69 + 7.29)
    p.addObjective({
      kind: 'quad',
      lin: { kind: 'lin', terms: new Map([[x, 2.8], [y, 5.6]]), c: -8.98 },
      q: new Map([[x * 2 ** 24 + x, -1.5], [y * 2 ** 24 + y, -1.5], [x * 2 ** 24 + y, 1]]),
      rest: { kind: 'lin', terms: new Map(), c: 0 },
      products: [],
    });
    return { p, f };
  };
  let best = -Infinity;
  const { f } = build();
  for (let a = 0; a <= 5; a++) for (let b = 0; b <= 5 && a + b <= 6; b++) best = Math.max(best, f(a, b));
  for (const name of ['glpk', 'highs'] as const) {
    const { p } = build();
    const r = solveProgram(p, await loadSolver(name), { timeLimit: 60, mipGap: 0, nodeLimit: Infinity, threads: 1, verbose: false, quadratic: 'auto', oaTolerance: 1e-9, oaIterations: 100 });
    t.is(r.method, 'outer-approximation', name);
    t.is(r.status, 'optimal', name);
    t.true(Math.abs(r.objective - best) <= 1e-9, `${name}: ${r.objective} vs brute force ${best}`);
    t.true(r.gap <= 1e-6, `${name}: gap ${r.gap}`);
    t.true(r.iterations > 1, `${name}: cuts were needed (${r.iterations} masters)`);
  }
});

test('outer approximation of a continuous QP agrees with HiGHS QP (Almgren-Chriss, instance 1)', async (t) => {
  const compiled = load('domains/trade_execution.rddl', 'instances/trade_execution_1.rddl');
  const exact = (await planner(compiled, { uncertainty: 'mean', horizon: 5, replanEvery: 5, solver: 'highs' })).planAt(Float64Array.from(compiled.initialState), 0);
  const oa = (await planner(compiled, { uncertainty: 'mean', horizon: 5, replanEvery: 5, solver: 'highs', quadratic: 'outer-approximation' })).planAt(Float64Array.from(compiled.initialState), 0);
  t.is(exact.solution!.method, 'qp');
  t.is(oa.solution!.method, 'outer-approximation');
  t.true(Math.abs(oa.solution!.objective - exact.solution!.objective) <= 1e-5 * Math.abs(exact.solution!.objective), `${oa.solution!.objective} vs ${exact.solution!.objective}`);
  // The bound is proven: the QP optimum lies between the incumbent and the bound.
  t.true(oa.solution!.bound >= exact.solution!.objective - 1e-6 * Math.abs(exact.solution!.objective));
});

test('asset_allocation_lots_2 (mean-variance, MIQP): outer approximation closes the gap to the MIP gap', async (t) => {
  const compiled = load(DOMAIN, 'instances/asset_allocation_lots_2.rddl');
  const p = await planner(compiled, { uncertainty: 'mean', horizon: 3, mipGap: 0.01 });
  const record = p.planAt(Float64Array.from(compiled.initialState), 0);
  const s = record.solution!;
  t.is(s.method, 'outer-approximation');
  t.is(s.status, 'optimal');
  t.true(s.gap <= 0.01 + 1e-12, `gap ${s.gap}`);
  // Diversification: the variance term spreads the portfolio over several assets (at most 6 by the cap).
  const held = Array.from(record.plan[0]!).filter((v) => v > 0).length;
  t.true(held >= 4 && held <= 6, `${held} assets held`);
  // The quadratic part is separable (one block per asset and period): cut block by block.
  const problem = toSolverProblem(record.unroller!.program);
  t.true(problem.quadratic.length > 0);
  const masters = solveWithOuterApproximation(await loadSolver('highs'), problem, { timeLimit: 60, mipGap: 0.01, nodeLimit: Infinity, threads: 1, verbose: false }, { tolerance: 1e-6, maxIterations: 50, byScenario: true });
  t.true(masters.cuts > 1);
});
