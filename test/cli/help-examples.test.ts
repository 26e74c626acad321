import test from 'ava';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rddl } from '../support/cli.js';
import { repoRoot } from '../support/corpus.js';

// Every example under "Examples:" in `rddl <command> --help` that names files of
// this repository runs (with few episodes and a small budget), so the help never
// shows a command that fails. Examples with placeholder files (domain.rddl) are
// only checked to parse as words.

function words(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

const QUICK: Record<string, readonly string[]> = {
  solve: ['--episodes', '2', '--budget', '5it'],
  simulate: ['--episodes', '2'],
  check: [],
  fmt: [],
};

for (const command of Object.keys(QUICK)) {
  test(`every runnable example of 'rddl ${command} --help' runs`, async (t) => {
    const help = (await rddl([command, '--help'])).stdout;
    const examples = help.split('Examples:')[1]?.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('rddl ')) ?? [];
    let ran = 0;
    for (const example of examples) {
      const argv = words(example.replace(/\s+#.*$/, '')).slice(1);
      const files = argv.filter((w) => w.endsWith('.rddl') || w.endsWith('/'));
      if (files.length === 0 || !files.every((f) => existsSync(join(repoRoot, f)))) continue;
      if (argv.includes('--write')) continue; // would change the repository
      const run = await rddl([...argv, ...QUICK[command]!]);
      t.is(run.code, 0, `${example}\n${run.stderr}`);
      ran++;
    }
    t.log(`${ran} of ${examples.length} examples run`);
    t.true(ran >= 1, 'no example of this command names files of the repository');
  });
}
