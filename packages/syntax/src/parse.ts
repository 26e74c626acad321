import { createDiagnostic, sortDiagnostics, spanOf, type Diagnostic, type SourceFile } from '@rddl/core';
import type { Expression, RddlFile } from './ast.js';
import { lexRddl } from './lexer.js';
import { EOF, type IToken } from 'chevrotain';
import { blockStartTokens, NestingLimitError, RddlParser } from './parser.js';
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
    file = parseBlocks(parser, source, lexed.tokens, limits, diagnostics);
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

  file = mapFileExpressions(file, (expr) => limitDepth(expr, limits, diagnostics));
  file = { ...file, blocks: file.blocks.map((b) => (b.kind === 'Domain' ? resolveHyphens(b, diagnostics) : b)) };
  if (options.keepComments !== false) file = attachComments(file, lexed.comments, lexed.tokens);
  return { file, diagnostics: finish(diagnostics, limits, source) };
}

/**
 * Parse the blocks of a file. Stray input between blocks ends chevrotain's
 * parse ("expected the end of the file"); it is reported once (RDDL1014) and
 * parsing resumes at the next `domain`, `non-fluents` or `instance`.
 */
function parseBlocks(parser: RddlParser, source: SourceFile, tokens: IToken[], limits: ParseLimits, diagnostics: Diagnostic[]): RddlFile {
  const blocks: RddlFile['blocks'] = [];
  let rest = tokens;
  for (;;) {
    const file = parser.parseFile(source, rest, limits);
    blocks.push(...file.blocks);
    diagnostics.push(...parser.semanticDiagnostics);
    // Errors at the level of the file rule itself are input left over between blocks.
    const leftovers = parser.errors.filter((e) => (e.context?.ruleStack.length ?? 0) <= 1 && e.token.tokenType !== EOF);
    for (const e of parser.errors) if (!leftovers.includes(e)) diagnostics.push(recognitionErrorToDiagnostic(source, e));
    for (const e of leftovers) {
      const tok = e.token;
      diagnostics.push(
        createDiagnostic(
          'RDDL1014',
          spanOf(source, tok.startOffset, tok.startOffset + tok.image.length),
          `expected a domain, non-fluents or instance block but found '${tok.image}'`,
        ),
      );
    }
    if (leftovers.length === 0) break;
    // Resume at the first block keyword after everything this round consumed.
    const consumedUpTo = Math.max(
      ...leftovers.map((e) => e.token.startOffset),
      ...file.blocks.map((b) => b.span.end),
    );
    const next = rest.findIndex((t) => t.startOffset > consumedUpTo && blockStartTokens.has(t.tokenType));
    if (next < 0) break;
    rest = rest.slice(next);
  }
  return { kind: 'File', blocks, span: spanOf(source, 0, source.text.length) };
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

/**
 * Sort, and keep at most `maxErrors` errors and as many warnings: each
 * overflow is replaced by one RDDL1022 (a warning when warnings overflowed),
 * so output stays bounded however many problems a hostile file has.
 */
function finish(diagnostics: Diagnostic[], limits: ParseLimits, source: SourceFile): Diagnostic[] {
  const sorted = sortDiagnostics(diagnostics);
  const errors = sorted.filter((d) => d.severity === 'error');
  const others = sorted.filter((d) => d.severity !== 'error');
  if (errors.length <= limits.maxErrors && others.length <= limits.maxErrors) return sorted;
  const kept = new Set([...errors.slice(0, limits.maxErrors), ...others.slice(0, limits.maxErrors)]);
  const out = sorted.filter((d) => kept.has(d));
  const cut = (list: Diagnostic[], what: string, severity: 'error' | 'warning') => {
    if (list.length <= limits.maxErrors) return;
    const end = list[limits.maxErrors - 1]?.span?.end ?? 0;
    out.push(
      createDiagnostic('RDDL1022', spanOf(source, end, end), `stopped after ${limits.maxErrors} ${what} (${list.length - limits.maxErrors} more not shown)`, {
        severity,
      }),
    );
  };
  cut(errors, 'errors', 'error');
  cut(others, 'warnings', 'warning');
  return out;
}
