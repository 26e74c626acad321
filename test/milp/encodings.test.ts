import test from 'ava';
import type { CompiledModel } from '@rddl/compiler';
import { analyseModel, loadSolver, meanDraws, milpDefaults, solveProgram, Unroller, type Solver } from '@rddl/planner-milp';
import { Simulator } from '@rddl/sim';
import { compileText } from './support.js';

// Every encoding (if-then-else, min, max, abs, comparisons, boolean logic,
// mod, floor, sgn, bool/int/enum actions, products with booleans) checked
// against the simulator: with the actions fixed, the program's optimum must
// be the simulated return exactly; left free, its optimum must beat every
// action of a grid and its plan must simulate to the value it claims.

const DOMAIN = `
domain enc {
  requirements = { continuous, integer-valued, multivalued, constrained-state, intermediate-nodes };
  types { level : {@lo, @mid, @hi}; };
  pvariables {
    s : { state-fluent, real, default = 0.7 };
    c : { state-fluent, int, default = 2 };
    b : { action-fluent, bool, default = false };
    n : { action-fluent, int, default = 0 };
    e : { action-fluent, level, default = @lo };
    x : { action-fluent, real, default = 0.0 };
    over : { interm-fluent, bool };
  };
  cpfs {
    over = (x > 0.25) ^ b;
    s' = s + if (b) then x else -0.5;
    c' = c + n;
  };
  reward = (if (b) then x else -x) + min[x, n] - max[2 * x, c - n] - 0.3 * abs[x - 0.5]
      + 2 * (n >= 1) + 1.5 * over + (e == @mid) + mod[n + 5, 3] + floor[s + x] + sgn[x]
      + (if (e == @hi) then n else 0) - abs[s - x] + 0.5 * abs[n - c] + (b => (n ~= 2)) + b * (x - s);
  action-preconditions { x >= -1.5; x <= 2.5; n >= -2; n <= 3; };
}
instance enc1 { domain = enc; max-nondef-actions = pos-inf; horizon = 3; discount = 1.0; }
`;

const grid = { b: [0, 1], n: [-2, -1, 0, 1, 2, 3], e: [0, 1, 2], x: [-1.5, -0.3, 0, 0.25, 0.8, 2.5] };
const exact = { timeLimit: 60, mipGap: 0, nodeLimit: Infinity, threads: 1, verbose: false, quadratic: 'auto' as const, oaTolerance: 1e-9, oaIterations: 100 };

function combos(): Float64Array[] {
  const out: Float64Array[] = [];
  for (const b of grid.b) for (const n of grid.n) for (const e of grid.e) for (const x of grid.x) out.push(Float64Array.from([b, n, e, x]));
  return out;
}

function simulate(compiled: CompiledModel, actions: readonly Float64Array[]): number {
  const sim = new Simulator(compiled, { seed: 1, constraints: 'ignore' });
  sim.reset(0);
  return actions.reduce((total, a) => total + sim.step(a).reward, 0);
}

function unroll(compiled: CompiledModel, lookahead: number): Unroller {
  const u = new Unroller(analyseModel(compiled), compiled.initialState, 0, meanDraws, { lookahead, scenarios: 1, sharedSteps: 1, pieces: milpDefaults.pieces, epsilon: milpDefaults.epsilon, invariants: true });
  u.build();
  return u;
}

/** The program's optimum with every action of step j fixed to actions[j]. */
function fixedOptimum(compiled: CompiledModel, solver: Solver, actions: readonly Float64Array[]): number {
  const u = unroll(compiled, actions.length);
  actions.forEach((a, j) => {
    compiled.layout.action.fluents.forEach((_, i) => {
      const index = u.actionVariable(j, i);
      if (index !== undefined) u.program.tighten(index, a[i]!, a[i]!);
    });
  });
  const r = solveProgram(u.program, solver, exact);
  if (r.status !== 'optimal') throw new Error(`fixed actions ${actions.map((a) => Array.from(a).join(' ')).join(' / ')}: ${r.status} ${r.message ?? ''}`);
  return r.objective;
}

const compiled = compileText(DOMAIN);

test('with fixed actions, the program value is the simulated return (GLPK, every grid action, two steps)', async (t) => {
  const glpk = await loadSolver('glpk');
  let checked = 0;
  for (const a of combos()) {
    const expected = simulate(compiled, [a, a]);
    const got = fixedOptimum(compiled, glpk, [a, a]);
    if (Math.abs(got - expected) > 1e-6) t.fail(`action ${Array.from(a).join(' ')}: program ${got}, simulator ${expected}`);
    checked++;
  }
  t.is(checked, 216);
});

test('with fixed actions, the program value is the simulated return (HiGHS, a sample of actions)', async (t) => {
  const highs = await loadSolver('highs');
  const all = combos();
  for (let k = 0; k < all.length; k += 23) {
    const a = all[k]!;
    t.true(Math.abs(fixedOptimum(compiled, highs, [a, a]) - simulate(compiled, [a, a])) <= 1e-6, `action ${Array.from(a).join(' ')}`);
  }
});

for (const name of ['glpk', 'highs'] as const) {
  test(`the free optimum beats every grid action and simulates to its value (${name})`, async (t) => {
    const solver = await loadSolver(name);
    const best = Math.max(...combos().map((a) => simulate(compiled, [a])));
    const u = unroll(compiled, 1);
    const r = solveProgram(u.program, solver, exact);
    t.is(r.status, 'optimal');
    t.true(r.objective >= best - 1e-9, `optimum ${r.objective} < grid best ${best}`);
    const plan = u.actionsAt(0, r.x!);
    t.true(Math.abs(simulate(compiled, [plan]) - r.objective) <= 1e-6, `plan ${Array.from(plan).join(' ')} simulates to ${simulate(compiled, [plan])}, program says ${r.objective}`);
  });
}

test('max-nondef-actions limits how many actions leave their defaults', async (t) => {
  const limited = compileText(DOMAIN.replace('max-nondef-actions = pos-inf', 'max-nondef-actions = 1'));
  const glpk = await loadSolver('glpk');
  const u = unroll(limited, 1);
  const r = solveProgram(u.program, glpk, exact);
  const plan = u.actionsAt(0, r.x!);
  const changed = Array.from(plan).filter((v, i) => v !== limited.defaultAction[i]).length;
  t.true(changed <= 1, `plan ${Array.from(plan).join(' ')}`);
  // The limited optimum is the best single-action change (brute force over the grid).
  const single = combos().filter((a) => Array.from(a).filter((v, i) => v !== limited.defaultAction[i]).length <= 1);
  const best = Math.max(...single.map((a) => simulate(limited, [a])));
  t.true(r.objective >= best - 1e-9);
  t.true(r.objective < Math.max(...combos().map((a) => simulate(limited, [a]))) - 1e-6, 'the limit binds on this domain');
});
