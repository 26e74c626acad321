import { createDiagnostic, sortDiagnostics, spanOf, type Diagnostic, type SourceFile } from '@rddl/core';
import type { Expression, RddlFile } from './ast.js';
import { lexRddl } from './lexer.js';
import { NestingLimitError, RddlParser } from './parser.js';
import { recognitionErrorToDiagnostic } from './parser-errors.js';
import { defaultParseLimits, type ParseLimits } from './limits.js';
import { expressionDepth } from './walk.js';
import { mapFileExpressions } from './roots.js';
import { resolveHyphens } from './hyphens.js';
import { attachComments } from './comments.js';

export interface ParseOptions {
  readonly limits?: Partial<ParseLimits>;
  /** Attach comments to the tree (needed by the printer). Default true. */
  readonly keepComments?: boolean;
}

export interface ParseResult {
  /** The tree; blocks that could not be read are missing, bad expressions are `ErrorExpression`s. */
  readonly file: RddlFile;
  /** Errors and warnings, sorted by position. */
  readonly diagnostics: Diagnostic[];
}

let sharedParser: RddlParser | undefined;

/** Parse one RDDL source file. Never throws on bad input: every problem is a diagnostic. */
export function parseRddl(source: SourceFile, options: ParseOptions = {}): ParseResult {
  const limits: ParseLimits = { ...defaultParseLimits, ...options.limits };
  const empty: RddlFile = { kind: 'File', blocks: [], span: spanOf(source, 0, source.text.length) };
  const lexed = lexRddl(source, limits);
  const diagnostics = [...lexed.diagnostics];
  if (lexed.refused) return { file: empty, diagnostics };

  sharedParser ??= new RddlParser();
  const parser = sharedParser;
  let file: RddlFile;
  try {
    file = parser.parseFile(source, lexed.tokens, limits);
  } catch (err) {
    if (!(err instanceof NestingLimitError) && !(err instanceof RangeError)) throw err;
    const offset = err instanceof NestingLimitError ? err.offset : 0;
    diagnostics.push(
      createDiagnostic(
        'RDDL1020',
        spanOf(source, offset, offset + 1),
        `expression nested more than ${limits.maxNesting} levels deep`,
        { hint: 'split the expression with interm-fluents' },
      ),
    );
    return { file: empty, diagnostics: finish(diagnostics, limits, source) };
  }
  for (const e of parser.errors) diagnostics.push(recognitionErrorToDiagnostic(source, e));
  diagnostics.push(...parser.semanticDiagnostics);

  file = mapFileExpressions(file, (expr) => limitDepth(expr, limits, diagnostics));
  file = { ...file, blocks: file.blocks.map((b) => (b.kind === 'Domain' ? resolveHyphens(b, diagnostics) : b)) };
  if (options.keepComments !== false) file = attachComments(file, lexed.comments, lexed.tokens);
  return { file, diagnostics: finish(diagnostics, limits, source) };
}

/** Replace an expression whose tree is too deep for later (recursive) passes. */
function limitDepth(expr: Expression, limits: ParseLimits, diagnostics: Diagnostic[]): Expression {
  const depth = expressionDepth(expr, limits.maxExpressionDepth);
  if (depth <= limits.maxExpressionDepth) return expr;
  diagnostics.push(
    createDiagnostic('RDDL1020', expr.span, `expression is more than ${limits.maxExpressionDepth} levels deep`, {
      hint: 'split long chains of operators with interm-fluents or aggregations',
    }),
  );
  return { kind: 'ErrorExpression', span: expr.span };
}

/** Sort, and stop after the error limit with one RDDL1022. */
function finish(diagnostics: Diagnostic[], limits: ParseLimits, source: SourceFile): Diagnostic[] {
  const sorted = sortDiagnostics(diagnostics);
  const errors = sorted.filter((d) => d.severity === 'error');
  if (errors.length <= limits.maxErrors) return sorted;
  const lastKept = errors[limits.maxErrors - 1]!;
  const kept = sorted.filter((d) => d.severity !== 'error' || errors.indexOf(d) < limits.maxErrors);
  const cut = lastKept.span?.end ?? 0;
  kept.push(
    createDiagnostic(
      'RDDL1022',
      spanOf(source, cut, cut),
      `stopped after ${limits.maxErrors} errors (${errors.length - limits.maxErrors} more not shown)`,
    ),
  );
  return kept;
}
