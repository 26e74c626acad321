import { readFileSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { SourceFile, renderDiagnostic } from '@rddl/core';
import { parseRddl, printRddl } from '@rddl/syntax';
import { stripPositions } from './support/ast-compare.js';
const files = execSync("find ../shared/corpus -name '*.rddl'").toString().trim().split('\n');
let bad = 0, lost = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const a = parseRddl(new SourceFile(f, text));
  const out = printRddl(a.file);
  const b = parseRddl(new SourceFile(f + '.fmt', out));
  if (b.diagnostics.length) { console.log(f, 'reparse diags'); for (const d of b.diagnostics.slice(0,3)) console.log(renderDiagnostic(d)); bad++; continue; }
  if (!isDeepStrictEqual(stripPositions(a.file), stripPositions(b.file))) { console.log(f, 'AST differs'); bad++; }
  // comments kept?
  const comments = [...text.matchAll(/\/\/[^\n\r]*/g)].map(m => m[0].trimEnd());
  const outComments = [...out.matchAll(/\/\/[^\n\r]*/g)].map(m => m[0].trimEnd());
  if (comments.length !== outComments.length) { lost++; console.log(f, 'comments', comments.length, outComments.length); }
  const out2 = printRddl(b.file);
  if (out2 !== out) console.log(f, 'not idempotent');
}
console.log(files.length, 'files', bad, 'bad', lost, 'comment loss');
