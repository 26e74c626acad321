import test from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rddl, scratchCopy } from '../support/cli.js';

const fixtures = 'test/fixtures/cli';
const tidy = `domain untidy {
    pvariables {
        x : { state-fluent, real, default = 0.0 };
    };

    cpfs {
        x' = x + 1;
    };

    reward = x;
}
`;

test('fmt prints the canonical text on stdout', async (t) => {
  const run = await rddl(['fmt', `${fixtures}/unformatted.rddl`]);
  t.is(run.code, 0);
  t.is(run.stdout, tidy);
  t.is(run.stderr, '');
});

test('fmt leaves formatted text unchanged, comments included', async (t) => {
  const run = await rddl(['fmt', `${fixtures}/clean.rddl`]);
  t.is(run.code, 0);
  t.is(run.stdout, readFileSync(`${fixtures}/clean.rddl`, 'utf8'));
});

test('fmt --write rewrites files in place and leaves files with errors untouched', async (t) => {
  const { dir, cleanup } = scratchCopy();
  t.teardown(cleanup);
  const broken = readFileSync(join(dir, 'syntax-error.rddl'), 'utf8');
  const run = await rddl(['fmt', '--write', 'unformatted.rddl', 'syntax-error.rddl'], dir);
  t.is(run.code, 1);
  t.is(run.stdout, '');
  t.regex(run.stderr, /syntax-error\.rddl:6:18 - error RDDL1013/);
  t.regex(run.stderr, /syntax-error\.rddl: not formatted because of the errors above/);
  t.is(readFileSync(join(dir, 'unformatted.rddl'), 'utf8'), tidy);
  t.is(readFileSync(join(dir, 'syntax-error.rddl'), 'utf8'), broken);
});

test('fmt --check reports unformatted files and exits 1, printing no text', async (t) => {
  const { dir, cleanup } = scratchCopy();
  t.teardown(cleanup);
  const dirty = await rddl(['fmt', '--check', 'unformatted.rddl', 'clean.rddl'], dir);
  t.is(dirty.code, 1);
  t.is(dirty.stdout, '');
  t.is(dirty.stderr, 'unformatted.rddl: not formatted\n');
  writeFileSync(join(dir, 'unformatted.rddl'), tidy);
  const clean = await rddl(['fmt', '--check', 'unformatted.rddl', 'clean.rddl'], dir);
  t.is(clean.code, 0);
  t.is(clean.stderr, '');
});

test('fmt --explicit shows how each expression groups', async (t) => {
  const { dir, cleanup } = scratchCopy();
  t.teardown(cleanup);
  writeFileSync(join(dir, 'groups.rddl'), "domain g {\n    cpfs {\n        x' = ~a == b + c * d;\n    };\n}\n");
  const run = await rddl(['fmt', '--explicit', 'groups.rddl'], dir);
  t.is(run.code, 0);
  t.regex(run.stdout, /x' = \(~a\) == \(b \+ \(c \* d\)\);/);
});

test('fmt --explicit cannot be combined with --write (exit 2)', async (t) => {
  const run = await rddl(['fmt', '--explicit', '--write', `${fixtures}/clean.rddl`]);
  t.is(run.code, 2);
  t.regex(run.stderr, /--explicit output is for reading/);
});

test('fmt --width must be a sensible number (exit 2)', async (t) => {
  const run = await rddl(['fmt', '--width', 'wide', `${fixtures}/clean.rddl`]);
  t.is(run.code, 2);
  t.regex(run.stderr, /--width must be a whole number from 20 to 1000/);
});

test('fmt --width changes where lines break', async (t) => {
  const narrow = await rddl(['fmt', '--width', '40', `${fixtures}/clean.rddl`]);
  t.is(narrow.code, 0);
  const wide = readFileSync(`${fixtures}/clean.rddl`, 'utf8');
  t.true(wide.split('\n').some((line) => line.includes("balance'(?a) =") && line.includes('else 0);')));
  t.false(narrow.stdout.split('\n').some((line) => line.includes("balance'(?a) =") && line.includes('else 0);')));
});

test('fmt on several files prefixes each with its path', async (t) => {
  const run = await rddl(['fmt', `${fixtures}/unformatted.rddl`, `${fixtures}/clean.rddl`]);
  t.is(run.code, 0);
  t.true(run.stdout.startsWith(`// ${fixtures}/unformatted.rddl\n${tidy}// ${fixtures}/clean.rddl\n`));
});

test('fmt without files is a usage error (exit 2)', async (t) => {
  const run = await rddl(['fmt']);
  t.is(run.code, 2);
});

test('fmt --help describes the command and exits 0', async (t) => {
  const run = await rddl(['fmt', '--help']);
  t.is(run.code, 0);
  t.regex(run.stdout, /^Usage: rddl fmt \[options\] <files\.\.\.>/);
  for (const option of ['--write', '--check', '--explicit', '--width']) t.true(run.stdout.includes(option), option);
});

test('rddl --help and rddl without arguments list the commands', async (t) => {
  for (const argv of [['--help'], []]) {
    const run = await rddl(argv);
    t.is(run.code, 0);
    t.regex(run.stdout, /Usage: rddl/);
    t.regex(run.stdout, /check \[options\] <files\.\.\.>/);
    t.regex(run.stdout, /fmt \[options\] <files\.\.\.>/);
  }
});

test('an unknown command is a usage error (exit 2)', async (t) => {
  const run = await rddl(['lint', `${fixtures}/clean.rddl`]);
  t.is(run.code, 2);
  t.regex(run.stderr, /unknown command 'lint'/);
});
