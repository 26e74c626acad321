import type { Diagnostic } from './diagnostic.js';
import type { Span } from './span.js';
import { formatLocation } from './span.js';

export interface RenderOptions {
  /** ANSI colours (for terminals). Default false, so goldens are plain text. */
  readonly color?: boolean;
  /** Lines of context shown above and below the first line of the span. Default 1. */
  readonly contextLines?: number;
  /** Base for relative paths in the header (paths are printed as stored when absent). */
  readonly displayPath?: (path: string) => string;
}

const TAB_WIDTH = 4;
const MAX_FRAME_WIDTH = 160;

const ansi = {
  red: (s: string) => `\u001b[31m${s}\u001b[39m`,
  yellow: (s: string) => `\u001b[33m${s}\u001b[39m`,
  cyan: (s: string) => `\u001b[36m${s}\u001b[39m`,
  gray: (s: string) => `\u001b[90m${s}\u001b[39m`,
  bold: (s: string) => `\u001b[1m${s}\u001b[22m`,
};
const plain = { red: id, yellow: id, cyan: id, gray: id, bold: id };
function id(s: string): string {
  return s;
}

/**
 * `file:line:col - error RDDL2003: message`, then the source lines around the
 * span with a caret line under it, then related locations and the hint.
 */
export function renderDiagnostic(diagnostic: Diagnostic, options: RenderOptions = {}): string {
  const c = options.color ? ansi : plain;
  const sev =
    diagnostic.severity === 'error'
      ? c.red('error')
      : diagnostic.severity === 'warning'
        ? c.yellow('warning')
        : c.cyan('info');
  const where = diagnostic.span ? `${c.cyan(location(diagnostic.span, options))} - ` : '';
  const lines = [`${where}${sev} ${c.gray(diagnostic.code)}: ${diagnostic.message}`];
  if (diagnostic.span) lines.push(...renderFrame(diagnostic.span, options));
  for (const rel of diagnostic.related ?? []) {
    lines.push(rel.span ? `  ${location(rel.span, options)}: ${rel.message}` : `  ${rel.message}`);
  }
  if (diagnostic.hint) lines.push(`  hint: ${diagnostic.hint}`);
  return lines.join('\n');
}

function location(span: Span, options: RenderOptions): string {
  if (!options.displayPath) return formatLocation(span);
  const { line, column } = span.source.positionAt(span.start);
  return `${options.displayPath(span.source.path)}:${line}:${column}`;
}

/**
 * Source lines with a gutter and a `^^^` marker under the first line of the
 * span. Long lines are shown through a window around the marked column, so a
 * megabyte-long line costs no more than a short one.
 */
export function renderFrame(span: Span, options: RenderOptions = {}): string[] {
  const c = options.color ? ansi : plain;
  const context = options.contextLines ?? 1;
  const source = span.source;
  const start = source.positionAt(span.start);
  const end = source.positionAt(Math.max(span.start, span.end));
  const first = Math.max(1, start.line - context);
  const last = Math.min(source.lineCount, start.line + context);
  const gutterWidth = String(last).length;
  // The window: from a little before the marked column, at most MAX_FRAME_WIDTH wide.
  const from = start.column - 1 > MAX_FRAME_WIDTH - 40 ? start.column - 1 - 40 : 0;
  const out: string[] = [];
  for (let line = first; line <= last; line++) {
    const full = source.lineText(line);
    const raw = full.slice(from, from + MAX_FRAME_WIDTH * 2);
    const shown = expandTabs(raw);
    const text = (from > 0 && full.length > from ? '…' : '') + (shown.length > MAX_FRAME_WIDTH ? `${shown.slice(0, MAX_FRAME_WIDTH)}…` : shown);
    const marker = line === start.line ? c.red('>') : ' ';
    out.push(`${marker} ${c.gray(String(line).padStart(gutterWidth))} | ${text}`.trimEnd());
    if (line === start.line) {
      const col = visualColumn(raw, start.column - 1 - from) + (from > 0 ? 1 : 0);
      const endCol = end.line === start.line ? visualColumn(raw, end.column - 1 - from) + (from > 0 ? 1 : 0) : shown.length + (from > 0 ? 1 : 0);
      const width = Math.max(1, Math.min(endCol, MAX_FRAME_WIDTH + 1) - col);
      out.push(`  ${' '.repeat(gutterWidth)} | ${' '.repeat(col)}${c.red('^'.repeat(width))}`);
    }
  }
  return out;
}

function expandTabs(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\t') out += ' '.repeat(TAB_WIDTH - (out.length % TAB_WIDTH));
    else out += ch < ' ' ? ' ' : ch;
  }
  return out;
}

function visualColumn(raw: string, index: number): number {
  return expandTabs(raw.slice(0, Math.max(0, index))).length;
}

/** Render several diagnostics separated by blank lines, plus a count line. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], options: RenderOptions = {}): string {
  return diagnostics.map((d) => renderDiagnostic(d, options)).join('\n\n');
}

export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
