import test from 'ava';
import { readFileSync } from 'node:fs';
import { diagnosticCatalogue } from '@rddl/core';
import { diagnosticsDocPath, renderDiagnosticsDoc } from '../../scripts/gen-diagnostics-doc.js';

test('docs/diagnostics.md is generated from the current catalogue', (t) => {
  const committed = readFileSync(diagnosticsDocPath, 'utf8');
  t.is(
    committed,
    renderDiagnosticsDoc(),
    'docs/diagnostics.md is out of date: run `node --import ./scripts/register-ts.mjs scripts/gen-diagnostics-doc.ts`',
  );
});

test('the generated doc has a section for every code', (t) => {
  const doc = renderDiagnosticsDoc();
  for (const code of Object.keys(diagnosticCatalogue)) t.true(doc.includes(`\n### ${code}\n`), code);
});
