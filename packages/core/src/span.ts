import type { SourceFile } from './source-file.js';

/** A half-open range [start, end) of character offsets in one source file. */
export interface Span {
  readonly source: SourceFile;
  readonly start: number;
  readonly end: number;
}

export function spanOf(source: SourceFile, start: number, end: number): Span {
  return { source, start, end };
}

/** The smallest span covering both (they must be in the same file). */
export function joinSpans(a: Span, b: Span): Span {
  return { source: a.source, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** `file:line:col` of the start of a span. */
export function formatLocation(span: Span): string {
  const { line, column } = span.source.positionAt(span.start);
  return `${span.source.path}:${line}:${column}`;
}
