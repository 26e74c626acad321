import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/corpus.js';
import { rddl } from '../support/cli.js';

/** Every `$ pnpm rddl ...` line of docs/cli.md, without its trailing comment. */
function examples(): string[][] {
  const text = readFileSync(join(repoRoot, 'docs/cli.md'), 'utf8');
  return [...text.matchAll(/^\$ pnpm rddl (.+)$/gm)].map((m) => {
    const line = m[1]!.replace(/\s+#.*$/, '').trim();
    // Split on spaces, keeping quoted arguments together.
    return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((a) => a[1] ?? a[2] ?? a[3]!);
  });
}

const expectedFailures = new Set(['check broken.rddl']);
// Examples that write files are run on copies or into temporary directories (their paths say so).
const skipWriting = (args: string[]) => args.includes('--write');

test('docs/cli.md has examples for every command', (t) => {
  const commands = new Set(examples().map((a) => a[0]));
  for (const c of ['check', 'fmt', 'simulate', 'types', 'solve', 'bench']) t.true(commands.has(c), `no example of rddl ${c}`);
});

for (const args of examples()) {
  const line = args.join(' ');
  if (expectedFailures.has(line) || skipWriting(args)) continue;
  test(`rddl ${line}`, async (t) => {
    const run = await rddl(args);
    t.is(run.code, 0, `${run.stderr}\n${run.stdout}`);
    t.false(/\n\s+at .+\(.+:\d+:\d+\)/.test(run.stderr), 'no stack trace');
  });
}
