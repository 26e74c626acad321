import test from 'ava';
import { compareReturns, evaluatePlanner, noopPlanner, randomPlanner, type PlannerEvaluation, type PlannerFactory } from '@rddl/planning';
import { defaultMctsOptions, mctsPlanner, type MctsOptions } from '@rddl/planner-mcts';
import type { CompiledModel } from '@rddl/compiler';
import { corpus } from './support/load.js';
import { iterations } from './support/search.js';

async function evaluate<O>(compiled: CompiledModel, factory: PlannerFactory<O>, options: O, workers: number, budget: number, episodes: number): Promise<PlannerEvaluation> {
  const planner = await factory.create({ compiled, seed: 11, budget: iterations(budget), workers }, options);
  try {
    return await evaluatePlanner(compiled, planner, { episodes, seed: 3 });
  } finally {
    await planner.dispose?.();
  }
}

const mcts = (o: Partial<MctsOptions> = {}): MctsOptions => ({ ...defaultMctsOptions, ...o });

for (const workers of [1, 2]) {
  test(`the same seed and worker count give the same returns and statistics (${workers} worker${workers > 1 ? 's' : ''})`, async (t) => {
    const c = corpus('IPPC2011/SysAdmin');
    const a = await evaluate(c, mctsPlanner, mcts(), workers, 30, 1);
    const b = await evaluate(c, mctsPlanner, mcts(), workers, 30, 1);
    t.deepEqual(Array.from(a.result.returns), Array.from(b.result.returns));
    t.is(a.stats['iterations'], 30 * 40);
    t.is(a.stats['tree nodes per decision'], b.stats['tree nodes per decision']);
    t.is(a.stats['reused roots'], b.stats['reused roots']);
    t.is(a.stats['workers'], workers);
  });
}

test('SysAdmin: MCTS beats noop and random on the same episodes', async (t) => {
  const c = corpus('IPPC2011/SysAdmin');
  const m = await evaluate(c, mctsPlanner, mcts(), 1, 150, 4);
  const noop = await evaluate(c, noopPlanner, {}, 1, 1, 4);
  const random = await evaluate(c, randomPlanner, randomPlanner.defaults, 1, 1, 4);
  t.true(compareReturns(m, noop).mean > 50, `vs noop ${compareReturns(m, noop).mean}`);
  t.true(compareReturns(m, random).mean > 30, `vs random ${compareReturns(m, random).mean}`);
  t.true((m.stats['rollouts/s'] as number) > 0);
  t.true((m.stats['tree nodes per decision'] as number) > 150);
});

test('the factory: documented defaults, an iteration budget by default, every FinRDDL and corpus model supported', (t) => {
  t.is(mctsPlanner.name, 'mcts');
  t.deepEqual(mctsPlanner.defaults, defaultMctsOptions);
  t.deepEqual(mctsPlanner.defaultBudget, { kind: 'iterations', iterations: 500 });
  t.is(mctsPlanner.supports?.(corpus('IPPC2014/Wildfire')), undefined);
});
