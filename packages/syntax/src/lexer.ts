import { Lexer, type IToken } from 'chevrotain';
import { createDiagnostic, spanOf, type Diagnostic, type SourceFile } from '@rddl/core';
import type { Comment } from './ast.js';
import { BlockComment, Identifier, lexerTokens, MalformedNumber, reservedWords, UnterminatedComment } from './tokens.js';
import type { ParseLimits } from './limits.js';

let sharedLexer: Lexer | undefined;
function lexer(): Lexer {
  sharedLexer ??= new Lexer(lexerTokens, { positionTracking: 'onlyOffset', ensureOptimizations: false });
  return sharedLexer;
}

export interface LexResult {
  readonly tokens: IToken[];
  readonly comments: Comment[];
  readonly diagnostics: Diagnostic[];
  /** Lexing was refused (input too large); `tokens` is empty. */
  readonly refused: boolean;
}

/** Tokenize, re-type reserved words, and turn lexing problems into diagnostics. */
export function lexRddl(source: SourceFile, limits: ParseLimits): LexResult {
  const diagnostics: Diagnostic[] = [];
  if (source.text.length > limits.maxFileChars) {
    diagnostics.push(
      createDiagnostic(
        'RDDL1021',
        spanOf(source, 0, 0),
        `file is ${source.text.length} characters long; the limit is ${limits.maxFileChars}`,
      ),
    );
    return { tokens: [], comments: [], diagnostics, refused: true };
  }
  const result = lexer().tokenize(source.text);
  if (result.tokens.length > limits.maxTokens) {
    diagnostics.push(
      createDiagnostic(
        'RDDL1021',
        spanOf(source, 0, 0),
        `file has ${result.tokens.length} tokens; the limit is ${limits.maxTokens}`,
      ),
    );
    return { tokens: [], comments: [], diagnostics, refused: true };
  }

  for (const err of result.errors) {
    const text = source.text.substr(err.offset, err.length);
    const shown = [...text].map(describeChar).join('');
    const what = [...text].length === 1 ? 'unknown character' : 'unknown characters';
    diagnostics.push(createDiagnostic('RDDL1001', spanOf(source, err.offset, err.offset + err.length), `${what} '${shown}'`));
  }
  for (const tok of result.groups['errors'] ?? []) {
    if (tok.tokenType === UnterminatedComment) {
      diagnostics.push(
        createDiagnostic('RDDL1002', spanOf(source, tok.startOffset, tok.startOffset + 2), 'block comment is never closed with */'),
      );
    }
  }

  for (const tok of result.tokens) {
    if (tok.tokenType === MalformedNumber) {
      diagnostics.push(
        createDiagnostic(
          'RDDL1003',
          spanOf(source, tok.startOffset, tok.startOffset + tok.image.length),
          `malformed number '${tok.image}': the exponent has no digits`,
        ),
      );
    } else if (tok.tokenType === Identifier) {
      const kw = reservedWords.get(tok.image);
      if (kw) {
        tok.tokenType = kw;
        tok.tokenTypeIdx = kw.tokenTypeIdx!;
      }
    }
  }

  const comments: Comment[] = (result.groups['comments'] ?? []).map((tok) => ({
    text: tok.tokenType === BlockComment ? tok.image : tok.image.trimEnd(),
    span: spanOf(source, tok.startOffset, tok.startOffset + tok.image.length),
    ownLine: isFirstOnLine(source.text, tok.startOffset),
  }));
  return { tokens: result.tokens, comments, diagnostics, refused: false };
}

function isFirstOnLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') return true;
    if (ch !== ' ' && ch !== '\t') return false;
  }
  return true;
}

/** Printable form of a character for messages: control and invisible characters as \u escapes. */
function describeChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0xfeff || code === 0xa0) {
    return `\\u${code.toString(16).padStart(4, '0')}`;
  }
  if (ch === "'") return "\\'";
  return ch;
}
