/**
 * Writes docs/diagnostics.md from the diagnostic catalogue (`diagnosticCatalogue`
 * in @rddl/core). Run after adding or changing a code:
 *
 *   node --import ./scripts/register-ts.mjs scripts/gen-diagnostics-doc.ts
 *
 * test/docs/diagnostics-doc.test.ts fails while the committed file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diagnosticCatalogue, type CatalogueEntry } from '@rddl/core';

export const diagnosticsDocPath = fileURLToPath(new URL('../docs/diagnostics.md', import.meta.url));

/** What each thousand of codes is about (see packages/core/src/diagnostic-codes.ts). */
const ranges: Record<string, string> = {
  '1': 'Syntax: characters, tokens, grammar and file limits',
  '2': 'Names and types',
  '3': 'Model structure',
  '4': 'Compilation and planner limits',
  '5': 'Runtime',
};

export function renderDiagnosticsDoc(): string {
  const entries = (Object.entries(diagnosticCatalogue) as [string, CatalogueEntry][]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: string[] = [
    '# Diagnostics',
    '',
    '<!-- Generated from diagnosticCatalogue by scripts/gen-diagnostics-doc.ts; do not edit by hand. -->',
    '',
    'Every problem the toolkit reports has a numbered code, a severity and a',
    'location (`file:line:column`), and is shown with the source lines around it:',
    '',
    '```text',
    "model.rddl:6:18 - error RDDL1013: expected an expression but found ';'",
    '  5 |     cpfs {',
    "> 6 |         x' = x + ;",
    '    |                  ^',
    '  7 |     };',
    '```',
    '',
    '`rddl check --json` prints the same diagnostics as JSON objects with the fields',
    '`code`, `severity`, `message`, `file`, `line`, `column`, `endLine`,',
    '`endColumn` and, when there is one, `hint`.',
    '',
    'Errors make `rddl check` exit with status 1; warnings do not.',
    '',
    '| code | severity | title |',
    '| --- | --- | --- |',
    ...entries.map(([code, e]) => `| [${code}](#${code.toLowerCase()}) | ${e.severity} | ${e.title} |`),
  ];
  let range = '';
  for (const [code, entry] of entries) {
    const thousand = code.slice('RDDL'.length, 'RDDL'.length + 1);
    if (thousand !== range) {
      range = thousand;
      out.push('', `## ${thousand}xxx: ${ranges[thousand] ?? 'Other'}`);
    }
    out.push('', `### ${code}`, '', `**${entry.title}** (${entry.severity})`, '', entry.description);
  }
  return `${out.join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(diagnosticsDocPath, renderDiagnosticsDoc());
  console.log(`wrote ${diagnosticsDocPath} (${Object.keys(diagnosticCatalogue).length} codes)`);
}
