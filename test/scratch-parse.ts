import { readFileSync } from 'node:fs';
import { SourceFile, renderDiagnostic } from '@rddl/core';
import { parseRddl } from '@rddl/syntax';
for (const f of process.argv.slice(2)) {
  const r = parseRddl(new SourceFile(f, readFileSync(f, 'utf8')));
  for (const d of r.diagnostics) console.log(renderDiagnostic(d));
  console.log(f, r.file.blocks.map((b) => `${b.kind} ${b.name.name}`).join(', '));
}
