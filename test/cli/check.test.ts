import test from 'ava';
import { mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { rddl, scratchCopy } from '../support/cli.js';

const fixtures = 'test/fixtures/cli';

test('check: a clean file exits 0 with a summary on stderr', async (t) => {
  const run = await rddl(['check', `${fixtures}/clean.rddl`]);
  t.is(run.code, 0);
  t.is(run.stdout, '');
  t.is(run.stderr, '1 file checked: 0 errors, 0 warnings\n');
});

test('check: a syntax error exits 1 with file:line:col, code and frame', async (t) => {
  const run = await rddl(['check', `${fixtures}/syntax-error.rddl`]);
  t.is(run.code, 1);
  t.true(run.stderr.startsWith(`${fixtures}/syntax-error.rddl:6:18 - error RDDL1013: expected an expression but found ';'\n`));
  t.true(run.stderr.includes("> 6 |         x' = x + ;\n    |                  ^\n"));
  t.regex(run.stderr, /1 file checked: 1 error, 0 warnings/);
});

test('check: a missing file is reported by name', async (t) => {
  const run = await rddl(['check', 'no/such/file.rddl']);
  t.is(run.code, 1);
  t.is(run.stderr, "rddl: cannot read 'no/such/file.rddl': no such file or directory\n");
});

test('check: a directory is searched for .rddl files, recursively', async (t) => {
  const { dir, cleanup } = scratchCopy();
  t.teardown(cleanup);
  mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
  copyFileSync(join(dir, 'clean.rddl'), join(dir, 'nested', 'deeper', 'copy.rddl'));
  const run = await rddl(['check', 'nested'], dir);
  t.is(run.code, 0);
  t.is(run.stderr, '1 file checked: 0 errors, 0 warnings\n');
  const all = await rddl(['check', '.'], dir);
  t.is(all.code, 1, 'the directory holds syntax-error.rddl');
  t.regex(all.stderr, /5 files checked: 1 error, 1 warning/);
});

test('check: a directory without .rddl files is an error', async (t) => {
  const { dir, cleanup } = scratchCopy();
  t.teardown(cleanup);
  mkdirSync(join(dir, 'empty'));
  const run = await rddl(['check', 'empty'], dir);
  t.is(run.code, 1);
  t.is(run.stderr, "rddl: no .rddl files under 'empty'\n");
});

test('check --json prints a JSON array of diagnostics on stdout', async (t) => {
  const run = await rddl(['check', '--json', `${fixtures}/syntax-error.rddl`, `${fixtures}/clean.rddl`]);
  t.is(run.code, 1);
  t.is(run.stderr, '');
  const diagnostics = JSON.parse(run.stdout) as Record<string, unknown>[];
  t.true(Array.isArray(diagnostics));
  t.is(diagnostics.length, 1);
  t.like(diagnostics[0], {
    code: 'RDDL1013',
    severity: 'error',
    message: "expected an expression but found ';'",
    file: `${fixtures}/syntax-error.rddl`,
    line: 6,
    column: 18,
  });
});

test('check --json on clean input prints an empty array and exits 0', async (t) => {
  const run = await rddl(['check', '--json', `${fixtures}/clean.rddl`]);
  t.is(run.code, 0);
  t.deepEqual(JSON.parse(run.stdout), []);
});

test('check --no-warnings hides warnings but keeps the exit status', async (t) => {
  const file = `${fixtures}/warning.rddl`;
  const shown = await rddl(['check', file]);
  t.is(shown.code, 0);
  t.regex(shown.stderr, /warning RDDL1033/);
  const hidden = await rddl(['check', '--no-warnings', file]);
  t.is(hidden.code, 0);
  t.notRegex(hidden.stderr, /RDDL1033/);
});

test('check without files is a usage error (exit 2)', async (t) => {
  const run = await rddl(['check']);
  t.is(run.code, 2);
  t.regex(run.stderr, /missing required argument 'files'/);
});

test('check with an unknown option is a usage error (exit 2)', async (t) => {
  const run = await rddl(['check', '--colour', `${fixtures}/clean.rddl`]);
  t.is(run.code, 2);
  t.regex(run.stderr, /unknown option '--colour'/);
});

test('check --help describes the command and exits 0', async (t) => {
  const run = await rddl(['check', '--help']);
  t.is(run.code, 0);
  t.regex(run.stdout, /^Usage: rddl check \[options\] <files\.\.\.>/);
  t.regex(run.stdout, /--json/);
  t.regex(run.stdout, /Exit status: 0 when no file has an error, 1 when any has, 2 for bad usage\./);
});
