import test from 'ava';
import type { CompiledModel } from '@rddl/compiler';
import { analyseModel, loadSolver, meanDraws, milpDefaults, solveProgram, Unroller } from '@rddl/planner-milp';
import { compileText } from './support.js';

// exp, ln, pow and sqrt of a decision become piecewise-linear interpolants
// with `pieces` equal segments over the argument's interval: with the
// argument fixed, the program's value must be the interpolant there, whether
// the function is wanted large (binaries order the segments) or small
// (convexity orders them), and more pieces must approximate better.

const domain = (reward: string, lo: number, hi: number) =>
  compileText(`
domain pwl {
  requirements = { continuous };
  pvariables { x : { action-fluent, real, default = 1.0 }; };
  cpfs { };
  reward = ${reward};
  action-preconditions { x >= ${lo}; x <= ${hi}; };
}
instance pwl1 { domain = pwl; max-nondef-actions = pos-inf; horizon = 1; discount = 1.0; }
`);

const exact = { timeLimit: 60, mipGap: 0, nodeLimit: Infinity, threads: 1, verbose: false, quadratic: 'auto' as const, oaTolerance: 1e-9, oaIterations: 100 };

async function valueAt(compiled: CompiledModel, x: number | undefined, pieces: number): Promise<{ objective: number; x: number }> {
  const u = new Unroller(analyseModel(compiled), compiled.initialState, 0, meanDraws, { lookahead: 1, scenarios: 1, sharedSteps: 1, pieces, epsilon: milpDefaults.epsilon, invariants: true });
  u.build();
  const index = u.actionVariable(0, 0)!;
  if (x !== undefined) u.program.tighten(index, x, x);
  const r = solveProgram(u.program, await loadSolver('glpk'), exact);
  if (r.status !== 'optimal') throw new Error(`${r.status} ${r.message ?? ''}`);
  return { objective: r.objective, x: r.x![index]! };
}

/** The interpolant of f on `pieces` equal segments of [lo, hi], at x. */
function interpolant(f: (v: number) => number, lo: number, hi: number, pieces: number, x: number): number {
  const h = (hi - lo) / pieces;
  const k = Math.min(pieces - 1, Math.floor((x - lo) / h));
  const a = lo + k * h;
  const b = k === pieces - 1 ? hi : a + h;
  return f(a) + ((f(b) - f(a)) * (x - a)) / (b - a);
}

const cases: [string, string, (v: number) => number, number, number][] = [
  ['exp', 'exp[x]', Math.exp, -1, 2],
  ['ln', 'ln[x]', Math.log, 0.5, 4],
  ['pow', 'pow[x, 1.5]', (v) => v ** 1.5, 0, 3],
  ['sqrt', 'sqrt[x]', Math.sqrt, 0.25, 4],
];

for (const [name, expr, f, lo, hi] of cases) {
  test(`${name} of a decision is its piecewise-linear interpolant, wanted large or small`, async (t) => {
    for (const sign of [1, -1]) {
      const compiled = domain(`${sign} * ${expr}`, lo, hi);
      for (const x of [lo, lo + 0.37 * (hi - lo), lo + 0.5 * (hi - lo), hi - 0.01]) {
        const { objective } = await valueAt(compiled, x, 6);
        t.true(Math.abs(objective - sign * interpolant(f, lo, hi, 6, x)) <= 1e-7, `${sign} * ${name}(${x}): ${objective} vs ${sign * interpolant(f, lo, hi, 6, x)}`);
      }
    }
  });
}

test('more pieces approximate exp better, within the interpolation error bound h^2/8 max f"', async (t) => {
  const compiled = domain('exp[x]', -1, 2);
  const x = 0.77;
  const errors: number[] = [];
  for (const pieces of [2, 8, 32]) {
    const { objective } = await valueAt(compiled, x, pieces);
    const h = 3 / pieces;
    errors.push(objective - Math.exp(x));
    t.true(objective - Math.exp(x) >= -1e-9 && objective - Math.exp(x) <= (h * h * Math.exp(2)) / 8 + 1e-9, `pieces ${pieces}: error ${objective - Math.exp(x)}`);
  }
  t.true(errors[0]! > errors[1]! && errors[1]! > errors[2]!, JSON.stringify(errors));
});

test('the free optimum of a concave piecewise reward is at a breakpoint near the true maximiser', async (t) => {
  // ln(x) − x / 2 is maximal at x = 2; the interpolant's maximum lies at a breakpoint next to it.
  const compiled = domain('ln[x] - x / 2', 0.5, 4);
  const { x } = await valueAt(compiled, undefined, 14);
  t.true(Math.abs(x - 2) <= 3.5 / 14 + 1e-9, `x = ${x}`);
});
