import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rddl } from '../support/cli.js';

// `rddl solve --planner milp` through the CLI's planner registry (the
// package is imported lazily by name): options, the LP dump, artifacts,
// the JSON report, and the message for a model outside the fragment.

const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rddl-milp-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};

test('rddl solve --planner milp --dump-lp writes the first program and reports the solver', async (t) => {
  const { dir, cleanup } = scratch();
  try {
    const lp = join(dir, 'model.lp');
    const run = await rddl([
      'solve', 'domains/trade_execution.rddl', 'instances/trade_execution_1.rddl', '--planner', 'milp', '--episodes', '3', '--seed', '1',
      '--option', 'uncertainty=mean', '--dump-lp', lp, '--out', dir, '--json', '--no-baselines',
    ]);
    t.is(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { planner: string; meanReturn: number; stats: Record<string, string | number>; firstActions: Record<string, number>[] };
    t.is(report.planner, 'milp');
    t.is(report.stats['method'], 'qp');
    t.regex(String(report.stats['solver']), /^auto \(highs \d+\)$/);
    // The first trade of the Almgren-Chriss optimum (REFERENCE.md section 3).
    t.true(Math.abs(report.firstActions[0]!['sell___s0']! - 5709294.85) <= 1, JSON.stringify(report.firstActions[0]));
    const text = readFileSync(lp, 'utf8');
    t.regex(text, /^Maximize$/m);
    t.regex(text, /sell___s0@0/);
    t.true(existsSync(join(dir, 'milp-model.lp')) && existsSync(join(dir, 'milp-solves.csv')));
    t.regex(readFileSync(join(dir, 'milp-solves.csv'), 'utf8'), /^episode,t,status,method,objective,bound,gap,seconds,note\n0,0,optimal,qp,/);
  } finally {
    cleanup();
  }
});

test('a model outside the fragment is refused with the construct and its line', async (t) => {
  const { dir, cleanup } = scratch();
  try {
    const file = join(dir, 'bad.rddl');
    writeFileSync(
      file,
      `domain bad {
  requirements = { continuous };
  pvariables {
    a : { action-fluent, real, default = 1.0 };
  };
  cpfs { };
  reward = Exponential(a);
  action-preconditions { a >= 0.1; a <= 2; };
}
instance bad1 { domain = bad; max-nondef-actions = pos-inf; horizon = 2; discount = 1.0; }
`,
    );
    const run = await rddl(['solve', file, '--planner', 'milp', '--episodes', '1'], dir);
    t.is(run.code, 1);
    t.regex(run.stderr, /planner 'milp' cannot handle this model: Exponential at .*bad\.rddl:7:\d+: its parameters depend on the decisions/);
  } finally {
    cleanup();
  }
});

test('an unknown planner option lists the milp options', async (t) => {
  const run = await rddl(['solve', 'domains/trade_execution.rddl', 'instances/trade_execution_1.rddl', '--planner', 'milp', '--option', 'lookahead=3', '--episodes', '1']);
  t.is(run.code, 2);
  t.regex(run.stderr, /planner 'milp' has no option 'lookahead' \(options: horizon, uncertainty, scenarios/);
});
