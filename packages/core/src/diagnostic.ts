import type { Span } from './span.js';
import { diagnosticCatalogue, type DiagnosticCode } from './diagnostic-codes.js';

export type Severity = 'error' | 'warning' | 'info';

/** A secondary location that helps explain a diagnostic ("first defined here"). */
export interface RelatedInformation {
  readonly message: string;
  readonly span?: Span;
}

/** One problem found in RDDL input. Libraries return these; only bugs throw. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span?: Span;
  readonly related?: readonly RelatedInformation[];
  /** A hint on how to fix the problem, printed under the frame. */
  readonly hint?: string;
}

export interface DiagnosticOptions {
  readonly related?: readonly RelatedInformation[];
  readonly hint?: string;
  /** Override the catalogue's severity (e.g. `--constraints warn`). */
  readonly severity?: Severity;
}

export function createDiagnostic(
  code: DiagnosticCode,
  span: Span | undefined,
  message: string,
  options: DiagnosticOptions = {},
): Diagnostic {
  const severity = options.severity ?? diagnosticCatalogue[code].severity;
  return {
    code,
    severity,
    message,
    ...(span ? { span } : {}),
    ...(options.related ? { related: options.related } : {}),
    ...(options.hint ? { hint: options.hint } : {}),
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Sort by file, then position, then code, so output is stable. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const fa = a.span?.source.path ?? '';
    const fb = b.span?.source.path ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    const sa = a.span?.start ?? -1;
    const sb = b.span?.start ?? -1;
    if (sa !== sb) return sa - sb;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}

/** Plain-data form of a diagnostic, as `--json` prints it. */
export interface DiagnosticJson {
  code: string;
  severity: Severity;
  message: string;
  file: string | null;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  hint?: string;
}

export function diagnosticToJson(d: Diagnostic): DiagnosticJson {
  const start = d.span ? d.span.source.positionAt(d.span.start) : undefined;
  const end = d.span ? d.span.source.positionAt(d.span.end) : undefined;
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    file: d.span ? d.span.source.path : null,
    line: start ? start.line : null,
    column: start ? start.column : null,
    endLine: end ? end.line : null,
    endColumn: end ? end.column : null,
    ...(d.hint ? { hint: d.hint } : {}),
  };
}
