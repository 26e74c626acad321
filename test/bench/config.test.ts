import test from 'ava';
import { expandRuns, summarizeResults, validateConfig, type RunRecord } from '@rddl/bench';

test('a valid config expands to instances × planners × seeds runs with stable ids', (t) => {
  const result = validateConfig({
    name: 'x',
    episodes: 3,
    seeds: [0, 'a'],
    instances: [{ domain: 'd.rddl', instance: 'i.rddl' }],
    planners: [{ planner: 'noop' }, { planner: 'myopic', label: 'greedy', budget: '10it', overrides: ['ALPHA=0'] }],
  });
  if (!('config' in result)) return t.fail(result.errors.join('\n'));
  const runs = expandRuns(result.config);
  t.deepEqual(
    runs.map((r) => r.id),
    ['i|noop|0', 'i|noop|a', 'i|greedy|0', 'i|greedy|a'],
  );
  t.is(runs[2]!.planner.overrides![0], 'ALPHA=0');
});

test('every problem in a config is reported with its path', (t) => {
  const result = validateConfig({
    episodes: 0,
    seeds: [],
    instances: [{ domian: 'x' }],
    planners: [{ planner: 'noop', budget: 'lots' }, { planner: 'noop' }],
    baselines: ['nope'],
    colour: 'blue',
  });
  if (!('errors' in result)) return t.fail('expected errors');
  const text = result.errors.join('\n');
  for (const fragment of [
    "unknown key 'colour'",
    'episodes must be a whole number',
    'seeds must be a non-empty list',
    "instances[0]: unknown key 'domian'",
    'instances[0].domain must be a file path',
    'planners[0].budget',
    "two planners are labelled 'noop'",
    "baselines: no planner is labelled 'nope'",
  ]) {
    t.true(text.includes(fragment), `missing: ${fragment}\n${text}`);
  }
});

function record(planner: string, seed: number, returns: number[]): RunRecord {
  return { id: `i|${planner}|${seed}`, instance: 'i', planner, plannerKind: planner, seed, episodes: returns.length, status: 'ok', returns, planSeconds: 1, wallSeconds: 1, finishedAt: '' };
}

test('summaries pool seeds, pair episodes and score best = 1, best baseline = 0', (t) => {
  const records = [
    record('noop', 0, [0, 0]),
    record('noop', 1, [0, 0]),
    record('random', 0, [1, 1]),
    record('random', 1, [1, 1]),
    record('good', 0, [3, 3]),
    record('good', 1, [3, 5]),
    record('ok', 0, [2, 2]),
    record('ok', 1, [2, 2]),
  ];
  const [s] = summarizeResults(records, undefined);
  t.is(s!.best, 'good');
  t.is(s!.baseline, 1);
  const by = Object.fromEntries(s!.planners.map((p) => [p.planner, p]));
  t.is(by['good']!.returns.n, 4);
  t.is(by['good']!.returns.mean, 3.5);
  t.is(by['good']!.score, 1);
  t.is(by['noop']!.score, 0);
  t.is(by['random']!.score, 0);
  t.is(by['ok']!.score, (2 - 1) / (3.5 - 1));
  // ok − good paired by (seed, episode): (−1, −1, −1, −3) → mean −1.5.
  t.is(by['ok']!.versusBest!.mean, -1.5);
  t.is(by['good']!.versusBest, undefined);
});

test('failed runs are counted and left out of the means', (t) => {
  const failed: RunRecord = { id: 'i|x|1', instance: 'i', planner: 'x', plannerKind: 'x', seed: 1, episodes: 2, status: 'timeout', wallSeconds: 9, finishedAt: '' };
  const [s] = summarizeResults([record('x', 0, [1, 3]), failed], ['x']);
  const x = s!.planners[0]!;
  t.is(x.runs, 2);
  t.is(x.failed, 1);
  t.is(x.returns.mean, 2);
});
