import test from 'ava';
import { evaluatePlanner } from '@rddl/planning';
import { analyseModel, milpDefaults, milpPlanner, SampledDraws, solveLimits, Unroller } from '@rddl/planner-milp';
import { deriveSeedKey } from '@rddl/core';
import { compileText, load, planner } from './support.js';

// The rolling-horizon machinery: scenarios share the first actions
// (non-anticipativity) and nothing else, replanning every k steps plays k
// planned actions, plans are reproducible from the seed, antithetic pairs
// make anything linear in the noise exact, and options are checked.

const te = () => load('domains/trade_execution.rddl', 'instances/trade_execution_1.rddl');
const settings = { pieces: milpDefaults.pieces, epsilon: milpDefaults.epsilon, invariants: true };

test('scenarios share the first action and own every later one', (t) => {
  const compiled = te();
  const draws = new SampledDraws(deriveSeedKey(1, 'test:milp'), 0, true);
  const u = new Unroller(analyseModel(compiled), compiled.initialState, 0, draws, { lookahead: 5, scenarios: 4, sharedSteps: 1, ...settings });
  u.build();
  const names = u.program.vars.map((v) => v.name).filter((n) => n.startsWith('sell___s0@'));
  t.deepEqual(names.filter((n) => n.startsWith('sell___s0@0')), ['sell___s0@0']);
  t.deepEqual(names.filter((n) => n.startsWith('sell___s0@1')).sort(), ['sell___s0@1.k0', 'sell___s0@1.k1', 'sell___s0@1.k2', 'sell___s0@1.k3']);
  const shared2 = new Unroller(analyseModel(compiled), compiled.initialState, 0, draws, { lookahead: 5, scenarios: 4, sharedSteps: 2, ...settings });
  shared2.build();
  t.deepEqual(shared2.program.vars.map((v) => v.name).filter((n) => n.startsWith('sell___s0@1')), ['sell___s0@1']);
});

test('antithetic scenario pairs make a reward linear in the noise exact; independent ones do not', async (t) => {
  const compiled = load('domains/asset_allocation.rddl', 'instances/asset_allocation_1.rddl');
  const state = Float64Array.from(compiled.initialState);
  const mean = (await planner(compiled, { uncertainty: 'mean', horizon: 10 })).planAt(state, 0).solution!.objective;
  const pairs = (await planner(compiled, { scenarios: 2, horizon: 10, antithetic: true })).planAt(state, 0).solution!.objective;
  const independent = (await planner(compiled, { scenarios: 2, horizon: 10, antithetic: false })).planAt(state, 0).solution!.objective;
  t.true(Math.abs(pairs - mean) <= 1e-12, `antithetic ${pairs} vs mean ${mean}`);
  t.true(Math.abs(independent - mean) > 1e-6, `independent ${independent} vs mean ${mean}`);
});

test('the same seed gives the same plans; another seed other scenarios', async (t) => {
  const compiled = load('domains/asset_allocation_lots.rddl', 'instances/asset_allocation_lots_2.rddl');
  const state = Float64Array.from(compiled.initialState);
  const plan = async (seed: number) => (await planner(compiled, { scenarios: 3, antithetic: false, horizon: 2, mipGap: 1e-9 }, seed)).planAt(state, 0).solution!.objective;
  const a = await plan(7);
  t.is(await plan(7), a);
  t.not(await plan(8), a);
});

test('replanning every k steps plays k planned actions per program', async (t) => {
  const compiled = te();
  const every5 = await planner(compiled, { uncertainty: 'mean', replanEvery: 5 });
  await evaluatePlanner(compiled, every5, { episodes: 2, seed: 1 });
  t.is(every5.stats()['solves'], 2);
  const every2 = await planner(compiled, { uncertainty: 'mean', replanEvery: 2 });
  await evaluatePlanner(compiled, every2, { episodes: 2, seed: 1 });
  // Steps 0, 2 and 4 of each episode.
  t.is(every2.stats()['solves'], 6);
  const every1 = await planner(compiled, { uncertainty: 'mean' });
  await evaluatePlanner(compiled, every1, { episodes: 2, seed: 1 });
  // The last interval sells what is left whatever the action: that step needs no program.
  t.is(every1.stats()['solves'], 8);
  t.is(every1.stats()['idle steps'], 2);
  t.regex(String(every1.stats()['termination']), /decision-dependent/);
});

test('an iteration budget limits branch-and-bound nodes, a seconds budget the time', (t) => {
  t.deepEqual(solveLimits(milpDefaults, { kind: 'iterations', iterations: 50 }), { timeLimit: Infinity, nodeLimit: 50 });
  t.deepEqual(solveLimits(milpDefaults, { kind: 'seconds', seconds: 2 }), { timeLimit: 2, nodeLimit: Infinity });
  t.deepEqual(solveLimits({ ...milpDefaults, timeLimit: 5 }, { kind: 'seconds', seconds: 2 }), { timeLimit: 5, nodeLimit: Infinity });
});

test('options are checked with messages that name them', async (t) => {
  const compiled = te();
  await t.throwsAsync(planner(compiled, { solver: 'cplex' }), { message: /option 'solver' takes auto or highs or glpk/ });
  await t.throwsAsync(planner(compiled, { uncertainty: 'worst' }), { message: /option 'uncertainty' takes saa or mean/ });
  await t.throwsAsync(planner(compiled, { scenarios: 0 }), { message: /option 'scenarios' takes an integer/ });
  await t.throwsAsync(planner(compiled, { horizon: 1.5 }), { message: /option 'horizon'/ });
});

test('mean values substitute each distribution mean', async (t) => {
  const compiled = compileText(`
domain draws {
  requirements = { continuous, intermediate-nodes };
  pvariables {
    s : { state-fluent, real, default = 0.0 };
    a : { action-fluent, real, default = 0.0 };
  };
  cpfs { s' = s + Normal(2.0, 4.0) + Exponential(0.5) + Uniform(0.0, a); };
  reward = s';
  action-preconditions { a >= 0; a <= 1; };
}
instance draws1 { domain = draws; max-nondef-actions = pos-inf; horizon = 1; discount = 1.0; }
`);
  // Normal(2, 4) has mean 2, Exponential(0.5) mean 0.5 (pyRDDLGym's scale), Uniform(0, a) mean a / 2:
  // the best a is 1, for 3.
  const p = await planner(compiled, { uncertainty: 'mean', solver: 'glpk' });
  const record = p.planAt(Float64Array.from(compiled.initialState), 0);
  t.true(Math.abs(record.solution!.objective - 3) <= 1e-9, `${record.solution!.objective}`);
  t.is(record.plan[0]![0], 1);
});

test('supports: the constructs outside the fragment are named with their source line', (t) => {
  const bad = (reward: string, extra = '') =>
    milpPlanner.supports!(
      compileText(`
domain bad {
  requirements = { continuous };
  pvariables {
    a : { action-fluent, real, default = 1.0 };
    u : { action-fluent, real, default = 1.0 };
    ${extra}
  };
  cpfs { };
  reward = ${reward};
  action-preconditions { a >= 0.1; a <= 2; };
}
instance bad1 { domain = bad; max-nondef-actions = pos-inf; horizon = 2; discount = 1.0; }
`),
    );
  t.regex(bad('Exponential(a)') ?? '', /^Exponential at inline\.rddl:10:\d+: its parameters depend on the decisions/);
  t.regex(bad('if (u > 0) then 1 else 0') ?? '', /^comparison > at inline\.rddl:10:\d+: its operands have no finite bounds/);
  t.regex(bad('a * a') ?? '', /^reward at inline\.rddl:10:\d+: its quadratic part is not concave/);
  t.regex(bad('pow[a, a]') ?? '', /^pow at inline\.rddl:10:\d+: both the base and the exponent depend on the decisions/);
  t.regex(bad('1 / (a - 1)') ?? '', /^division at inline\.rddl:10:\d+: the divisor can be 0/);
  t.is(bad('- a * a + exp[a] - abs[a - 1]'), undefined, 'concave quadratic, PWL and abs are in the fragment');
  for (const [domain, instance] of [
    ['asset_allocation', 'asset_allocation_1'],
    ['asset_allocation_lots', 'asset_allocation_lots_1'],
    ['trade_execution', 'trade_execution_3'],
    ['inventory', 'inventory_1'],
  ]) {
    t.is(milpPlanner.supports!(load(`domains/${domain}.rddl`, `instances/${instance}.rddl`)), undefined, domain);
  }
});
