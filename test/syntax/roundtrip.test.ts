import test from 'ava';
import { isDeepStrictEqual } from 'node:util';
import { SourceFile, renderDiagnostic } from '@rddl/core';
import { parseRddl, printRddl } from '@rddl/syntax';
import { readCorpus } from '../support/corpus.js';
import { stripPositions } from '../support/ast-compare.js';

// For every corpus file: parse → print → parse gives no diagnostics and the
// same tree (positions aside), printing is idempotent, and every comment of
// the original is in the output.

/** Comment texts in source order (RDDL has no strings, so `//` and `/*` always start comments). */
function comments(text: string): string[] {
  return (text.match(/\/\/[^\n\r]*|\/\*[\s\S]*?\*\//g) ?? []).map((c) => c.trimEnd());
}

const corpus = readCorpus();

for (const explicit of [false, true]) {
  test(`every corpus file survives print → parse${explicit ? ' (explicit)' : ''}`, (t) => {
    const failures: string[] = [];
    for (const source of corpus) {
      const original = parseRddl(source);
      const printed = printRddl(original.file, { explicit });
      const reparsed = parseRddl(new SourceFile(`${source.path} (printed)`, printed));
      const problems: string[] = [];
      if (reparsed.diagnostics.length > 0) problems.push(reparsed.diagnostics.map((d) => renderDiagnostic(d)).join('\n'));
      else {
        if (!isDeepStrictEqual(stripPositions(reparsed.file), stripPositions(original.file))) problems.push('different tree');
        if (printRddl(reparsed.file, { explicit }) !== printed) problems.push('printing is not idempotent');
        const before = comments(source.text).sort();
        const after = comments(printed).sort();
        if (!isDeepStrictEqual(before, after)) problems.push(`comments differ (${before.length} before, ${after.length} after)`);
      }
      if (problems.length > 0) failures.push(`${source.path}: ${problems.join('; ')}`);
    }
    t.log(`${corpus.length} corpus files round-tripped`);
    t.deepEqual(failures, []);
  });
}
