import test from 'ava';
import { readdirSync } from 'node:fs';
import { rddl } from '../support/cli.js';

const domains = readdirSync('domains').filter((f) => f.endsWith('.rddl'));

for (const file of domains) {
  test(`rddl solve --planner mcts runs on domains/${file}`, async (t) => {
    const run = await rddl(['solve', `domains/${file}`, '--planner', 'mcts', '--budget', '4it', '--episodes', '1', '--workers', '1', '--no-baselines', '--json']);
    t.is(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { planner: string; meanReturn: number; stats: Record<string, number | string> };
    t.is(report.planner, 'mcts');
    t.true(Number.isFinite(report.meanReturn));
    t.true(typeof report.stats['rollouts/s'] === 'number');
    t.true(typeof report.stats['tree nodes per decision'] === 'number');
  });
}

test('rddl solve --planner mcts takes its options with --option and refuses unknown ones', async (t) => {
  const ok = await rddl(['solve', 'test/mcts/fixtures/chain.rddl', '--planner', 'mcts', '--budget', '100it', '--episodes', '1', '--workers', '1', '--no-baselines', '--json', '--option', 'recommend=mean', '--option', 'chance=open-loop']);
  t.is(ok.code, 0, ok.stderr);
  t.is((JSON.parse(ok.stdout) as { meanReturn: number }).meanReturn, 6);
  const bad = await rddl(['solve', 'test/mcts/fixtures/chain.rddl', '--planner', 'mcts', '--episodes', '1', '--option', 'explore=2']);
  t.not(bad.code, 0);
  t.regex(bad.stderr, /no option 'explore'/);
});
