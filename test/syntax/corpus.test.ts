import test from 'ava';
import { renderDiagnostic } from '@rddl/core';
import { parseRddl } from '@rddl/syntax';
import { readCorpus } from '../support/corpus.js';

// Every .rddl file of the shared corpus (../shared/corpus) must parse with
// zero errors. readCorpus() throws when the corpus is missing, so this test
// fails instead of passing on nothing.
test('every corpus file parses with zero errors', (t) => {
  const files = readCorpus();
  const failures: string[] = [];
  let lines = 0;
  let warnings = 0;
  for (const source of files) {
    lines += source.lineCount;
    const { diagnostics } = parseRddl(source);
    warnings += diagnostics.filter((d) => d.severity !== 'error').length;
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) failures.push(errors.map((d) => renderDiagnostic(d)).join('\n\n'));
  }
  t.log(`${files.length} corpus files parsed (${lines} lines): ${failures.length} with errors, ${warnings} warnings`);
  t.true(files.length > 0);
  t.deepEqual(failures, []);
});
