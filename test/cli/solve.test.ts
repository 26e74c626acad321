import test from 'ava';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rddl } from '../support/cli.js';

const noStack = (text: string) => !/\n\s+at .+:\d+:\d+\)?/.test(text);

test('Table 1: constant (uniform portfolio), noop, random and myopic are compared on the same episodes', async (t) => {
  const run = await rddl([
    'solve',
    'domains/asset_allocation.rddl',
    'instances/asset_allocation_1.rddl',
    '--planner',
    'constant',
    '--action',
    'set_weight=0.5',
    '--baselines',
    'noop,random,myopic',
    '--episodes',
    '12',
    '--seed',
    '3',
    '--json',
  ]);
  t.is(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout);
  for (const key of ['domain', 'instance', 'planner', 'episodes', 'seed', 'meanReturn', 'stdReturn', 'standardError', 'ci95', 'planSeconds']) t.true(key in report, key);
  t.is(report.planner, 'constant');
  t.is(report.episodes, 12);
  t.deepEqual(Object.keys(report.paired).sort(), ['myopic', 'noop', 'random']);
  // The paired difference is the difference of the means (same episodes, same draws).
  for (const b of ['noop', 'random', 'myopic']) {
    t.true(Math.abs(report.paired[b].meanDifference - (report.meanReturn - report.baselines[b].meanReturn)) < 1e-12, b);
  }
  // The uniform portfolio is set on day 0 and held.
  t.is(report.firstActions[0]['set_weight___a1'], 0.5);
});

test('the same seed gives the same results; planners see the same draws', async (t) => {
  const args = ['solve', 'domains/gbwm.rddl', '--planner', 'constant', '--action', 'portfolio_choice=13', '--episodes', '30', '--seed', '7', '--json', '--baselines', 'noop'];
  const a = JSON.parse((await rddl(args)).stdout);
  const b = JSON.parse((await rddl(args)).stdout);
  t.is(a.meanReturn, b.meanReturn);
  t.is(a.paired.noop.meanDifference, b.paired.noop.meanDifference);
});

test('--out writes every episode of every planner and a trace', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rddl-solve-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const run = await rddl(['solve', 'domains/gbwm.rddl', '--planner', 'noop', '--episodes', '5', '--out', dir]);
  t.is(run.code, 0, run.stderr);
  const csv = readFileSync(join(dir, 'returns.csv'), 'utf8').trim().split('\n');
  t.is(csv[0], 'planner,episode,return,undiscounted_return');
  t.is(csv.length, 1 + 5 * 2, 'noop and random, five episodes each');
  const trace = readFileSync(join(dir, 'trace.jsonl'), 'utf8').trim().split('\n');
  t.is(trace.length, 10, 'episode 0 of a 10-year horizon');
  t.true('wealth' in JSON.parse(trace[0]!).state);
});

const errors: [string, string[], number, RegExp][] = [
  ['missing file', ['solve', 'domains/nope.rddl'], 1, /cannot read 'domains\/nope.rddl': no such file/],
  ['no instance', ['solve', 'test/fixtures/solve/domain-only.rddl'], 1, /no instance found/],
  ['unknown planner', ['solve', 'domains/gbwm.rddl', '--planner', 'alphazero'], 2, /unknown planner 'alphazero' \(planners: auto, /],
  ['unreadable budget', ['solve', 'domains/gbwm.rddl', '--planner', 'myopic', '--budget', 'ten'], 2, /cannot read the budget 'ten'/],
  ['constant without an action', ['solve', 'domains/gbwm.rddl', '--planner', 'constant'], 2, /needs --action/],
  ['bad action', ['solve', 'domains/gbwm.rddl', '--planner', 'constant', '--action', 'fly=1'], 2, /--action: unknown action 'fly'/],
  ['bad override', ['solve', 'domains/gbwm.rddl', '--planner', 'myopic', '--override', 'NOPE=1'], 2, /'NOPE' is not a non-fluent/],
  ['unknown planner option', ['solve', 'domains/gbwm.rddl', '--planner', 'myopic', '--option', 'depth=3'], 2, /planner 'myopic' has no option 'depth' \(options: samples, antithetic, randomCandidates, enumerateLimit\)/],
  ['bad episodes', ['solve', 'domains/gbwm.rddl', '--episodes', 'many'], 2, /--episodes takes a whole number, not 'many'/],
];

for (const [name, argv, code, message] of errors) {
  test(`bad input: ${name}`, async (t) => {
    const run = await rddl(argv);
    t.is(run.code, code, run.stderr);
    t.regex(run.stderr, message);
    t.true(noStack(run.stderr), 'no stack trace');
  });
}

test('bad input: a config file with an unknown key', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rddl-solve-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({ planner: 'myopic', budgett: '5it' }));
  const run = await rddl(['solve', 'domains/gbwm.rddl', '--config', file]);
  t.is(run.code, 1);
  t.regex(run.stderr, /unknown key 'budgett'/);
});
