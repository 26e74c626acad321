import test from 'ava';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkProgram } from '@rddl/model';
import { rddl } from '../support/cli.js';
import { parseFile, render, repoRoot } from './helpers.js';

// The FinRDDL library reads clean: `rddl check domains/*.rddl instances/*.rddl`
// reports no error and no warning (issue 4's acceptance). Every file of the
// two folders is checked, including domains added after the FinRDDL seven.

const DOMAINS = ['asset_allocation', 'asset_allocation_discrete', 'asset_allocation_normalised', 'gbwm', 'inventory', 'mgwm', 'trade_execution'];

const files = ['domains', 'instances'].flatMap((dir) =>
  readdirSync(join(repoRoot, dir))
    .filter((name) => name.endsWith('.rddl'))
    .sort()
    .map((name) => `${dir}/${name}`),
);

test('domains/ holds the seven FinRDDL domains and instances/ at least one instance of each', (t) => {
  const domainFiles = files.filter((f) => f.startsWith('domains/'));
  for (const d of DOMAINS) t.true(domainFiles.includes(`domains/${d}.rddl`), `domains/${d}.rddl is missing`);
  const parsed = files.filter((f) => f.startsWith('instances/')).map((f) => parseFile(f).file);
  const instanceDomains = new Set(parsed.flatMap((file) => file.blocks.flatMap((b) => (b.kind === 'Instance' && b.domain ? [b.domain.name.name] : []))));
  for (const d of DOMAINS) t.true(instanceDomains.has(d), `no instance of ${d} in instances/`);
});

test('checkProgram over every file of domains/ and instances/ read together: no syntax error, no error, no warning', (t) => {
  const parsed = files.map(parseFile);
  const syntax = parsed.flatMap((p) => p.diagnostics);
  t.deepEqual(syntax, [], render(syntax));
  const diagnostics = checkProgram(parsed.map((p) => p.file));
  t.deepEqual(
    diagnostics.map((d) => `${d.severity} ${d.code} ${d.span?.source.path ?? ''}: ${d.message}`),
    [],
    render(diagnostics),
  );
});

test('rddl check domains instances exits 0 with no diagnostics', async (t) => {
  const run = await rddl(['check', 'domains', 'instances']);
  t.is(run.code, 0, run.stderr);
  t.is(run.stdout, '');
  t.is(run.stderr, `${files.length} files checked: 0 errors, 0 warnings\n`);
});
