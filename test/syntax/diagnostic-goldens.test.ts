import test from 'ava';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { diagnoseFixture, listGoldenFixtures, renderGolden } from '../support/goldens.js';
import { repoRoot } from '../support/corpus.js';

// One test per fixture under test/fixtures/diagnostics/. To accept new output
// after an intended change, run `UPDATE_GOLDENS=1 npx ava test/syntax/diagnostic-goldens.test.ts`
// and review the diff of the .golden files.
const update = process.env['UPDATE_GOLDENS'] === '1';
const fixtures = listGoldenFixtures();

test('there are at least 30 golden cases', (t) => {
  t.true(fixtures.length >= 30, `only ${fixtures.length} golden fixtures`);
});

for (const fixture of fixtures) {
  test(`golden ${fixture.folder}/${fixture.name}`, (t) => {
    const diagnostics = diagnoseFixture(fixture);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    if (fixture.folder === '_error_') t.true(errors > 0, 'an _error_ fixture must report an error');
    else {
      t.is(errors, 0, 'a _warning_ fixture must not report errors');
      t.true(diagnostics.length > 0, 'a _warning_ fixture must report a warning');
    }
    const actual = renderGolden(diagnostics);
    const goldenPath = relative(repoRoot, fixture.golden);
    if (update) {
      writeFileSync(fixture.golden, actual);
      t.log(`wrote ${goldenPath}`);
    } else {
      t.true(existsSync(fixture.golden), `${goldenPath} is missing: run with UPDATE_GOLDENS=1 and review it`);
    }
    t.is(actual, readFileSync(fixture.golden, 'utf8'), `${goldenPath} differs (UPDATE_GOLDENS=1 rewrites it)`);
  });
}
