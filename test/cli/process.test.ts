import test from 'ava';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../support/corpus.js';

// The real command in a child process, to prove the exit status the shell
// sees (the in-process tests cover the behaviour in detail).
function rddlProcess(args: string[], entry = ['--import', './scripts/register-ts.mjs', 'packages/cli/src/main.ts']) {
  const run = spawnSync(process.execPath, [...entry, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('exit 0 for a clean file', (t) => {
  const run = rddlProcess(['check', 'test/fixtures/cli/clean.rddl']);
  t.is(run.code, 0, run.stderr);
  t.is(run.stderr, '1 file checked: 0 errors, 0 warnings\n');
});

test('exit 1 for a file with errors', (t) => {
  const run = rddlProcess(['check', 'test/fixtures/cli/syntax-error.rddl']);
  t.is(run.code, 1);
  t.regex(run.stderr, /test\/fixtures\/cli\/syntax-error\.rddl:6:18 - error RDDL1013/);
  t.false(run.stderr.includes('\u001b['), 'no colours when stderr is not a terminal');
});

test('exit 2 for an unknown option', (t) => {
  const run = rddlProcess(['check', '--frobnicate', 'test/fixtures/cli/clean.rddl']);
  t.is(run.code, 2);
  t.regex(run.stderr, /unknown option '--frobnicate'/);
});

test('exit 2 when no files are given', (t) => {
  t.is(rddlProcess(['fmt']).code, 2);
});

test('the package bin runs the same CLI', (t) => {
  const run = rddlProcess(['fmt', '--check', 'test/fixtures/cli/clean.rddl'], ['packages/cli/bin/rddl.js']);
  t.is(run.code, 0, run.stderr);
  const help = rddlProcess(['--help'], ['packages/cli/bin/rddl.js']);
  t.is(help.code, 0);
  t.regex(help.stdout, /Usage: rddl/);
});
