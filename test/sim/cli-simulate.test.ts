import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluatePolicy, noopPolicy, randomPolicy } from '@rddl/sim';
import { rddl } from '../support/cli.js';
import { compileFiles } from '../support/sim-helpers.js';

// `rddl simulate` in-process with a fake io (test/support/cli.ts): the JSON
// report, traces, policies, the instance picked for a domain given alone,
// and clear messages (never a stack trace) for bad input.

const DOMAIN = 'domains/inventory.rddl';
const INSTANCE = 'instances/inventory_1.rddl';

const noStackTrace = (text: string) => !/\n\s+at .+:\d+:\d+/.test(text) && !/Error:/.test(text.replace(/error RDDL\d+/g, ''));

test('--json prints one object with the results, equal to evaluatePolicy with the same seed', async (t) => {
  const run = await rddl(['simulate', DOMAIN, INSTANCE, '--episodes', '12', '--seed', '3', '--json']);
  t.is(run.code, 0, run.stderr);
  t.is(run.stderr, '');
  const report = JSON.parse(run.stdout) as Record<string, unknown>;
  for (const key of ['domain', 'instance', 'policy', 'episodes', 'horizon', 'discount', 'seed', 'meanReturn', 'stdReturn', 'standardError']) t.true(key in report, key);
  t.like(report, { domain: 'inventory', instance: 'inventory_1', policy: 'noop', episodes: 12, horizon: 28, discount: 1, seed: 3, steps: 12 * 28, constraintWarnings: 0 });
  const compiled = compileFiles([DOMAIN, INSTANCE]);
  const direct = evaluatePolicy(compiled, noopPolicy(compiled), { episodes: 12, seed: 3 });
  t.is(report.meanReturn, direct.summary.mean);
  t.is(report.stdReturn, direct.summary.std);
  t.is(report.standardError, direct.summary.standardError);
});

test('--policy random uses the random policy with the same seed', async (t) => {
  const run = await rddl(['simulate', DOMAIN, INSTANCE, '--episodes', '6', '--seed', '9', '--policy', 'random', '--json']);
  t.is(run.code, 0, run.stderr);
  const report = JSON.parse(run.stdout) as { policy: string; meanReturn: number };
  t.is(report.policy, 'random');
  const compiled = compileFiles([DOMAIN, INSTANCE]);
  const direct = evaluatePolicy(compiled, randomPolicy(compiled, { seed: 9 }), { episodes: 6, seed: 9 });
  t.is(report.meanReturn, direct.summary.mean);
  const noop = JSON.parse((await rddl(['simulate', DOMAIN, INSTANCE, '--episodes', '6', '--seed', '9', '--json'])).stdout) as { meanReturn: number };
  t.not(report.meanReturn, noop.meanReturn);
});

test('the text report names the run and its mean return', async (t) => {
  const run = await rddl(['simulate', DOMAIN, INSTANCE, '--episodes', '4', '--seed', '1']);
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /^domain inventory · instance inventory_1 · policy noop · 4 episodes · horizon 28 · discount 1 · seed 1\n/);
  t.regex(run.stdout, /\nmean return +-?\d+\.\d{4} ± \d+\.\d{4} \(95% CI\)\n/);
  t.regex(run.stdout, /\nsteps +112 in /);
});

test('--trace writes one JSON line per step', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rddl-trace-'));
  try {
    const file = join(dir, 'trace.jsonl');
    const run = await rddl(['simulate', DOMAIN, INSTANCE, '--episodes', '3', '--seed', '2', '--trace', file]);
    t.is(run.code, 0, run.stderr);
    t.regex(run.stdout, /trace +.*trace\.jsonl/);
    // The trace is written through a stream that may still be flushing when runCli returns: wait for all lines.
    const expected = 3 * 28;
    let lines: string[] = [];
    for (let k = 0; k < 500 && lines.length < expected; k++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : [];
    }
    t.is(lines.length, expected);
    const records = lines.map((l) => JSON.parse(l) as { episode: number; t: number; state: Record<string, unknown>; action: Record<string, unknown>; reward: number; next: Record<string, unknown>; done: boolean });
    t.deepEqual(
      records.map((r) => [r.episode, r.t]),
      [0, 1, 2].flatMap((e) => Array.from({ length: 28 }, (_, s) => [e, s])),
    );
    t.deepEqual(
      records.map((r) => r.done),
      [0, 1, 2].flatMap(() => Array.from({ length: 28 }, (_, s) => s === 27)),
    );
    t.deepEqual(Object.keys(records[0]!.action).sort(), ['order_up_to', 'schedule_choice']);
    t.like(records[0]!.state, { inventory: 150, day: 0, active___daily: false });
    t.is(records[0]!.next.day, 1);
    for (let i = 1; i < records.length; i++) if (records[i]!.t > 0) t.deepEqual(records[i]!.state, records[i - 1]!.next);
    const compiled = compileFiles([DOMAIN, INSTANCE]);
    const direct = evaluatePolicy(compiled, noopPolicy(compiled), { episodes: 3, seed: 2 });
    t.deepEqual(
      [0, 1, 2].map((e) => records.filter((r) => r.episode === e).reduce((s, r) => s + r.reward, 0)),
      [...direct.returns],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a domain given alone picks the first instance from instances/ and lists the others', async (t) => {
  const run = await rddl(['simulate', 'domains/asset_allocation.rddl', '--episodes', '2']);
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /^domain asset_allocation · instance asset_allocation_1 · /);
  t.regex(
    run.stderr,
    /note: using instance 'asset_allocation_1' \(.*instances\/asset_allocation_1\.rddl\); others: asset_allocation_2, asset_allocation_3, asset_allocation_4 \(choose with --instance NAME or give the instance file\)/,
  );
  const chosen = await rddl(['simulate', 'domains/asset_allocation.rddl', '--instance', 'asset_allocation_3', '--episodes', '2', '--json']);
  t.is(chosen.code, 0, chosen.stderr);
  t.like(JSON.parse(chosen.stdout), { instance: 'asset_allocation_3' });
  const single = await rddl(['simulate', 'domains/gbwm.rddl', '--episodes', '2']);
  t.is(single.code, 0, single.stderr);
  t.regex(single.stdout, /instance gbwm_1/);
  t.false(single.stderr.includes('note:'), 'no note when there is only one instance');
});

const usage: [string, string[], number, RegExp][] = [
  ['--episodes that is not a number', ['--episodes', 'ten'], 2, /^rddl: --episodes takes a whole number, not 'ten'\n$/],
  ['--episodes 0', ['--episodes', '0'], 2, /^rddl: --episodes must be between 1 and 10000000, not 0\n$/],
  ['--episodes negative', ['--episodes', '-5'], 2, /^rddl: --episodes takes a whole number, not '-5'\n$/],
  ['an unknown policy', ['--policy', 'greedy'], 2, /^rddl: --policy must be one of noop, random, not 'greedy'\n$/],
  ['an unknown constraints mode', ['--constraints', 'maybe'], 2, /^rddl: --constraints must be one of error, warn, ignore, not 'maybe'\n$/],
  ['an unknown instance', ['--instance', 'inventory_9'], 1, /error RDDL3007: no instance named 'inventory_9' \(instances: inventory_1\)/],
];

for (const [title, args, code, message] of usage) {
  test(`${title}: a clear message and exit status ${code}`, async (t) => {
    const run = await rddl(['simulate', DOMAIN, INSTANCE, ...args]);
    t.is(run.code, code);
    t.is(run.stdout, '');
    t.regex(run.stderr, message);
    t.true(noStackTrace(run.stderr), run.stderr);
  });
}

test('a missing file: a clear message and exit status 1', async (t) => {
  const run = await rddl(['simulate', 'domains/no-such-domain.rddl', '--json']);
  t.is(run.code, 1);
  t.is(run.stdout, '');
  t.is(run.stderr, "rddl: cannot read 'domains/no-such-domain.rddl': no such file or directory\n");
  const second = await rddl(['simulate', DOMAIN, 'instances/nope.rddl']);
  t.is(second.code, 1);
  t.is(second.stderr, "rddl: cannot read 'instances/nope.rddl': no such file or directory\n");
});

test('a simulation error: the diagnostic, a hint, exit status 1', async (t) => {
  const run = await rddl(['simulate', '../shared/corpus/rddlrepository/or/TSP/instance0.rddl', '--episodes', '2']);
  t.is(run.code, 1);
  t.regex(run.stderr, /error RDDL5003: action precondition 1 is violated at step 0: move___a = false/);
  t.regex(run.stderr, /rddl: the simulation stopped at the error above \(use --constraints warn or ignore to go on past constraint violations\)\n$/);
  t.true(noStackTrace(run.stderr), run.stderr);
  const ignored = await rddl(['simulate', '../shared/corpus/rddlrepository/or/TSP/instance0.rddl', '--episodes', '2', '--constraints', 'ignore', '--json']);
  t.is(ignored.code, 0, ignored.stderr);
  t.like(JSON.parse(ignored.stdout), { domain: 'travelling_salesman', episodes: 2 });
});
