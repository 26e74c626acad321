import { isDeepStrictEqual } from 'node:util';
import { diagnosticCatalogue, renderDiagnostic, SourceFile, type Diagnostic, type Span } from '@rddl/core';
import { parseRddl, printRddl, type ParseOptions } from '@rddl/syntax';
import { stripPositions } from './ast-compare.js';

const severities = new Set(['error', 'warning', 'info']);

/**
 * What must hold for any input, however broken: every diagnostic has a
 * catalogued code, a severity and a span inside the file (and renders); a
 * file without errors prints, and the printed text parses without errors to
 * the same tree. Throws only if the parser or printer throws.
 */
export interface InvariantReport {
  /** What went wrong; empty when every invariant holds. */
  readonly problems: string[];
  readonly errors: number;
  /** The file had no errors, so printing and re-parsing were checked too. */
  readonly printed: boolean;
}

export function checkParseInvariants(source: SourceFile, options: ParseOptions = {}): InvariantReport {
  const result = parseRddl(source, options);
  const problems = result.diagnostics.flatMap((d) => diagnosticProblems(d, source));
  const errorCount = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (errorCount > 0) return { problems, errors: errorCount, printed: false };
  const printed = printRddl(result.file);
  const reparsed = parseRddl(new SourceFile(`${source.path} (printed)`, printed), options);
  const errors = reparsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    problems.push(`printed text does not parse: ${errors.map((d) => renderDiagnostic(d)).join('\n')}\n--- printed:\n${printed}`);
  } else if (!isDeepStrictEqual(stripPositions(reparsed.file), stripPositions(result.file))) {
    problems.push(`printed text parses to a different tree\n--- printed:\n${printed}`);
  }
  return { problems, errors: 0, printed: true };
}

function diagnosticProblems(d: Diagnostic, source: SourceFile): string[] {
  const out: string[] = [];
  const what = `${d.code} '${d.message}'`;
  if (!Object.hasOwn(diagnosticCatalogue, d.code)) out.push(`${what}: code not in the catalogue`);
  if (!severities.has(d.severity)) out.push(`${what}: bad severity ${String(d.severity)}`);
  if (!d.span) out.push(`${what}: no span`);
  for (const span of [d.span, ...(d.related ?? []).map((r) => r.span)]) {
    if (span && !spanInside(span, source)) out.push(`${what}: span ${span.start}..${span.end} outside the file (${source.text.length} chars)`);
  }
  renderDiagnostic(d);
  return out;
}

function spanInside(span: Span, source: SourceFile): boolean {
  return (
    span.source === source &&
    Number.isInteger(span.start) &&
    Number.isInteger(span.end) &&
    span.start >= 0 &&
    span.start <= span.end &&
    span.end <= source.text.length
  );
}
