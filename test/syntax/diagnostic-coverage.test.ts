import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import { diagnosticCatalogue } from '@rddl/core';
import { codesInGolden, listGoldenFixtures } from '../support/goldens.js';

// Every code of a stage that has golden tests must appear in at least one
// golden file (test/fixtures/diagnostics/*/*.golden). Today that is the
// parser's 1xxx codes. When a later stage gets goldens (its fixtures run
// through diagnoseFixture in test/support/goldens.ts), add its prefix here:
// 'RDDL2' for names and types, 'RDDL3' for model structure, and so on.
const stagesWithGoldens = ['RDDL1'];

const goldenCodes = new Set(
  listGoldenFixtures()
    .filter((f) => existsSync(f.golden))
    .flatMap((f) => codesInGolden(readFileSync(f.golden, 'utf8'))),
);

test('every code of the stages with goldens has a golden case', (t) => {
  const required = Object.keys(diagnosticCatalogue).filter((code) => stagesWithGoldens.some((prefix) => code.startsWith(prefix)));
  t.true(required.length > 0);
  const missing = required.filter((code) => !goldenCodes.has(code));
  t.deepEqual(missing, [], `codes without a golden: ${missing.join(', ')}`);
  t.log(`${required.length} codes covered by ${listGoldenFixtures().length} golden cases`);
});

test('every code in a golden is in the catalogue', (t) => {
  const unknown = [...goldenCodes].filter((code) => !Object.hasOwn(diagnosticCatalogue, code));
  t.deepEqual(unknown, []);
});
