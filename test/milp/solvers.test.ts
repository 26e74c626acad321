import test from 'ava';
import { analyseModel, loadSolver, meanDraws, Program, solveLpText, solveProgram, toSolverProblem, Unroller, writeLp, milpDefaults } from '@rddl/planner-milp';
import { load } from './support.js';

// Both solvers behind the one interface: the same answers on the same
// programs, statuses and gaps reported (including when a limit stops them),
// and the CPLEX LP dump is the program that was solved (HiGHS's own LP
// reader, solving the text, finds the same optimum).

const options = { timeLimit: 60, mipGap: 1e-6, nodeLimit: Infinity, threads: 1, verbose: false, quadratic: 'auto' as const, oaTolerance: 1e-9, oaIterations: 200 };

function knapsack(): Program {
  const p = new Program();
  const weights = [12, 7, 11, 8, 9, 6, 13, 5];
  const values = [24, 13, 23, 15, 16, 11, 26, 9];
  const x = weights.map((_, i) => p.addVar(`item${i}`, 0, 1, 'binary'));
  p.addRow({ kind: 'lin', terms: new Map(x.map((v, i) => [v, weights[i]!])), c: 0 }, -Infinity, 26);
  p.addObjective({ kind: 'lin', terms: new Map(x.map((v, i) => [v, values[i]!])), c: 1.5 });
  return p;
}

test('both solvers find the same optimum of a small MILP, with status optimal and no gap', async (t) => {
  for (const name of ['highs', 'glpk'] as const) {
    const r = solveProgram(knapsack(), await loadSolver(name), options);
    t.is(r.status, 'optimal', name);
    t.is(r.solver, name);
    t.true(Math.abs(r.objective - 52.5) <= 1e-9, `${name}: ${r.objective}`);
    t.true(r.gap <= 1e-6, `${name}: gap ${r.gap}`);
  }
});

test("'auto' gives small MILPs to GLPK, large ones and QPs to HiGHS", async (t) => {
  const auto = await loadSolver('auto');
  t.is(solveProgram(knapsack(), auto, options).solver, 'glpk');
  const compiled = load('domains/asset_allocation_lots.rddl', 'instances/asset_allocation_lots_1.rddl');
  const u = new Unroller(analyseModel(compiled), compiled.initialState, 0, meanDraws, { lookahead: 2, scenarios: 1, sharedSteps: 1, pieces: 8, epsilon: milpDefaults.epsilon, invariants: true });
  u.build();
  t.true(u.program.integerCount > 64);
  t.is(solveProgram(u.program, auto, { ...options, mipGap: 0.01 }).solver, 'highs');
  const qp = load('domains/trade_execution.rddl', 'instances/trade_execution_1.rddl');
  const q = new Unroller(analyseModel(qp), qp.initialState, 0, meanDraws, { lookahead: 5, scenarios: 1, sharedSteps: 1, pieces: 8, epsilon: milpDefaults.epsilon, invariants: true });
  q.build();
  const r = solveProgram(q.program, auto, options);
  t.is(r.method, 'qp');
  t.is(r.solver, 'highs');
});

test('infeasible and unbounded programs are reported as such by both solvers', async (t) => {
  for (const name of ['highs', 'glpk'] as const) {
    const solver = await loadSolver(name);
    const infeasible = new Program();
    const a = infeasible.addVar('a', 0, 10, 'integer');
    const b = infeasible.addVar('b', 0, 10, 'continuous');
    infeasible.addRow({ kind: 'lin', terms: new Map([[a, 1], [b, 1]]), c: 0 }, 25, Infinity);
    infeasible.addObjective({ kind: 'lin', terms: new Map([[a, 1]]), c: 0 });
    t.is(solveProgram(infeasible, solver, options).status, 'infeasible', name);
    const unbounded = new Program();
    const c = unbounded.addVar('c', 0, Infinity, 'continuous');
    unbounded.addObjective({ kind: 'lin', terms: new Map([[c, 1]]), c: 0 });
    t.is(solveProgram(unbounded, solver, options).status, 'unbounded', name);
  }
  // A constraint that folds to false never reaches a solver.
  const folded = new Program();
  folded.addRow(3, 4, Infinity, 'a precondition that is always false');
  const r = solveProgram(folded, await loadSolver('glpk'), options);
  t.is(r.status, 'infeasible');
  t.regex(r.message ?? '', /always false/);
});

test('a limit that stops the search early leaves a feasible solution with its proven gap', async (t) => {
  const compiled = load('domains/asset_allocation_lots.rddl', 'instances/asset_allocation_lots_1.rddl');
  const u = new Unroller(analyseModel(compiled), compiled.initialState, 0, meanDraws, { lookahead: 5, scenarios: 1, sharedSteps: 1, pieces: 8, epsilon: milpDefaults.epsilon, invariants: true });
  u.build();
  // GLPK (no cuts, no heuristics) after half a second: far from proving optimality.
  const glpk = solveProgram(u.program, await loadSolver('glpk'), { ...options, timeLimit: 0.5 });
  t.true(glpk.status === 'feasible' || glpk.status === 'no-solution', glpk.status);
  if (glpk.status === 'feasible') t.true(glpk.gap > 0.01 && Number.isFinite(glpk.bound), `glpk gap ${glpk.gap}`);
  // HiGHS with a one-node budget (an iteration budget of 1): the root only.
  const highs = solveProgram(u.program, await loadSolver('highs'), { ...options, nodeLimit: 1 });
  t.true(['feasible', 'no-solution', 'optimal'].includes(highs.status), highs.status);
  if (highs.status === 'feasible') t.true(highs.gap > 0 && highs.bound >= highs.objective, `highs gap ${highs.gap}`);
});

test('the LP dump is the program: HiGHS reading the text finds the same optimum (MILP and QP)', async (t) => {
  const milp = knapsack();
  const text = writeLp(toSolverProblem(milp));
  t.regex(text, /^Maximize$/m);
  t.regex(text, /^Binaries$/m);
  const read = await solveLpText(text);
  t.is(read.status, 'Optimal');
  t.true(Math.abs(read.objective - 52.5) <= 1e-9, `${read.objective}`);

  const compiled = load('domains/trade_execution.rddl', 'instances/trade_execution_1.rddl');
  const u = new Unroller(analyseModel(compiled), compiled.initialState, 0, meanDraws, { lookahead: 5, scenarios: 1, sharedSteps: 1, pieces: 8, epsilon: milpDefaults.epsilon, invariants: true });
  u.build();
  const qpText = writeLp(toSolverProblem(u.program));
  t.regex(qpText, /\[ .* \] \/ 2/);
  t.regex(qpText, /\\ next state of remaining___s0/, 'rows carry where they come from');
  const solved = solveProgram(u.program, await loadSolver('highs'), options);
  const fromText = await solveLpText(qpText);
  t.is(fromText.status, 'Optimal');
  // The dump is in the model's units (shares, not scaled): HiGHS's QP stops a little short on it
  // (5e-6 relative), which is why the planner scales columns before solving (scaling.ts).
  t.true(Math.abs(fromText.objective - solved.objective) <= 1e-4 * Math.abs(solved.objective), `${fromText.objective} vs ${solved.objective}`);
  t.true(fromText.objective <= solved.objective + 1e-9 * Math.abs(solved.objective), 'the scaled solve is at least as good');
});
