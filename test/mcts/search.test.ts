import test from 'ava';
import { defaultMctsOptions, recommend, resolveOptions, TreeSearch, type MctsOptions } from '@rddl/planner-mcts';
import { Simulator } from '@rddl/sim';
import { compileFiles, finance } from './support/load.js';
import { decisionNodes, iterations, request } from './support/search.js';

const chain = () => compileFiles(['test/mcts/fixtures/chain.rddl']);
const options = (o: Partial<MctsOptions> = {}): MctsOptions => resolveOptions(o);
// Layout of the chain's action: [go (0 stay, 1 left, 2 right), wait].
const RIGHT = Float64Array.of(2, 0);

test('chain: actions with the same effect as noop are merged at the root', (t) => {
  const c = chain();
  const search = new TreeSearch(c, options(), 0, 0);
  const result = search.search(request(c.initialState, 0, iterations(50)));
  // At 0, `wait` and `left` do what noop does: only noop and right remain.
  t.deepEqual(result.children.map((ch) => Array.from(ch.action)).sort(), [[0, 0], [2, 0]]);
  t.is(result.iterations, 50);
  t.is(result.children.reduce((s, ch) => s + ch.visits, 0), 50);
});

test('chain: without merging every valid action is tried', (t) => {
  const c = chain();
  const search = new TreeSearch(c, options({ equivalenceSamples: 0 }), 0, 0);
  const result = search.search(request(c.initialState, 0, iterations(50)));
  // max-nondef-actions = 1: noop, left, right, wait.
  t.is(result.children.length, 4);
});

test('chain: MCTS walks to the goal and collects the optimal return', (t) => {
  const c = chain();
  const search = new TreeSearch(c, options(), 3, 0);
  const sim = new Simulator(c, { seed: 0 });
  sim.reset(0);
  let previous: Float64Array | undefined;
  let total = 0;
  let reused = 0;
  while (!sim.done) {
    const result = search.search(request(sim.state.slice(), sim.time, iterations(300), previous));
    if (result.reused) reused++;
    const action = recommend(result.children, 'visits') ?? c.defaultAction;
    previous = Float64Array.from(action);
    total += sim.step(action).reward;
  }
  // Four steps right, then six steps at the goal.
  t.is(total, 6);
  // Deterministic steps always land on a state of the tree.
  t.true(reused >= 8, `${reused} roots reused`);
});

test('chain: open-loop search also finds the optimal first action', (t) => {
  const c = chain();
  const search = new TreeSearch(c, options({ chance: 'open-loop' }), 0, 0);
  const result = search.search(request(c.initialState, 0, iterations(300)));
  t.deepEqual(Array.from(recommend(result.children, 'visits')!), Array.from(RIGHT));
});

test('the same seed gives the same tree; another seed draws other scenarios', (t) => {
  const c = finance('asset_allocation_discrete');
  const run = (seed: number) => new TreeSearch(c, options({ lookahead: 60 }), seed, 0).search(request(c.initialState, 0, iterations(300)));
  const a = run(1);
  const b = run(1);
  t.deepEqual(
    a.children.map((ch) => [Array.from(ch.action), ch.visits, ch.total]),
    b.children.map((ch) => [Array.from(ch.action), ch.visits, ch.total]),
  );
  t.is(a.nodes, b.nodes);
  const other = run(2);
  t.notDeepEqual(
    a.children.map((ch) => ch.total),
    other.children.map((ch) => ch.total),
  );
});

test('asset allocation (Table 1): on a rebalancing day MCTS tilts to the asset with the better risk-adjusted return', (t) => {
  const c = finance('asset_allocation_discrete');
  const search = new TreeSearch(c, options({ lookahead: 0, rollout: 'noop' }), 0, 0);
  const result = search.search(request(c.initialState, 0, iterations(2000)));
  const [rebalance, units1, units2] = Array.from(recommend(result.children, 'visits')!);
  t.is(rebalance, 1);
  // mean − 0.1 · risk is 0 for a1 and 0.0005 for a2 (REFERENCE.md 4).
  t.true(units2! > 2 * units1!, `units ${units1} / ${units2}`);
});

test('asset allocation: on a day that is not a rebalancing day there is nothing to search', (t) => {
  const c = finance('asset_allocation_discrete');
  const sim = new Simulator(c, { seed: 0 });
  sim.reset(0);
  sim.step(c.defaultAction);
  const search = new TreeSearch(c, options(), 0, 0);
  const result = search.search(request(sim.state.slice(), 1, iterations(500)));
  t.true(result.trivial);
  t.is(result.iterations, 0);
  t.deepEqual(Array.from(recommend(result.children, 'visits')!), Array.from(c.defaultAction));
});

test('double progressive widening: a chance node visited n times has at most ceil(k n^alpha) next states', (t) => {
  const c = finance('asset_allocation_discrete');
  for (const [k, alpha] of [
    [1, 0.5],
    [2, 0.3],
  ] as const) {
    const search = new TreeSearch(c, options({ lookahead: 20, equivalenceSamples: 0, outcomeWideningK: k, outcomeWideningAlpha: alpha }), 0, 0);
    search.search(request(c.initialState, 0, iterations(1500)));
    let chances = 0;
    let widened = 0;
    for (const node of decisionNodes(search.currentRoot!)) {
      for (const ch of node.children) {
        chances++;
        t.true(ch.outcomes.length <= Math.max(1, Math.ceil(k * ch.visits ** alpha)), `${ch.outcomes.length} outcomes after ${ch.visits} visits`);
        if (ch.outcomes.length > 1) widened++;
      }
    }
    // Prices are continuous: every new sample is a new state, so the limit is what keeps the tree narrow.
    t.true(chances > 100 && widened > 0);
  }
});

test('real actions on a grid of 0.1: every root action is a valid grid portfolio (the simplex form)', (t) => {
  const c = finance('asset_allocation');
  const search = new TreeSearch(c, options({ lookahead: 60 }), 0, 0);
  const result = search.search(request(c.initialState, 0, iterations(400)));
  const checker = new Simulator(c, { seed: 0 });
  t.true(result.children.length > 5);
  for (const ch of result.children) {
    t.true(checker.preconditionsHold(c.initialState, ch.action, 0));
    for (const w of ch.action) t.is(Math.round(w * 10) / 10, w);
  }
});

test('real actions by progressive widening: sampled weights off the grid, at most ceil(k n^alpha) root actions', (t) => {
  const c = finance('asset_allocation_normalised');
  const o = options({ realActions: 'widening', lookahead: 60 });
  const search = new TreeSearch(c, o, 0, 0);
  const result = search.search(request(c.initialState, 0, iterations(400)));
  const root = search.currentRoot!;
  t.true(root.children.length <= Math.ceil(o.actionWideningK * root.visits ** o.actionWideningAlpha));
  t.true(root.children.length >= 10);
  const offGrid = result.children.filter((ch) => Array.from(ch.action).some((w) => Math.round(w * 10) / 10 !== w));
  t.true(offGrid.length > 0);
  for (const ch of result.children) for (const w of ch.action) t.true(w >= 0 && w <= 1);
});

test('a large discrete space is sampled with progressive widening, never enumerated', (t) => {
  // Ten assets with units 1..10 and a rebalance flag: 2 · 10^10 joint actions.
  const c = finance('asset_allocation_discrete', 3);
  const o = options({ lookahead: 20 });
  const search = new TreeSearch(c, o, 0, 0);
  const result = search.search(request(c.initialState, 0, iterations(200)));
  const root = search.currentRoot!;
  t.is(result.iterations, 200);
  t.true(root.children.length <= Math.ceil(o.actionWideningK * root.visits ** o.actionWideningAlpha));
  t.deepEqual(Array.from(root.children[0]!.action), Array.from(c.defaultAction), 'noop is the first action tried');
});

test('options: bad values are refused with the option named', (t) => {
  t.throws(() => resolveOptions({ rollout: 'greedy' as 'random' }), { message: /'rollout' takes random or noop/ });
  t.throws(() => resolveOptions({ gridStep: 0 }), { message: /'gridStep' takes a number > 0/ });
  t.throws(() => resolveOptions({ lookahead: 1.5 }), { message: /'lookahead'/ });
  t.throws(() => resolveOptions({ nonsense: 1 } as Partial<MctsOptions>), { message: /no option 'nonsense'/ });
  t.deepEqual(resolveOptions({}), defaultMctsOptions);
});
