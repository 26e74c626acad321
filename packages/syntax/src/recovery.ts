import type { IToken, TokenType } from 'chevrotain';
import * as T from './tokens.js';

/**
 * Where the parser resumes after a syntax error.
 *
 * chevrotain's own re-synchronisation skips to the nearest token that may
 * follow *any* rule on the rule stack. In RDDL that set always contains
 * `Identifier` (the next statement of a list starts with a name), so an error
 * in `x : { bogus-fluent, real };` resumed at `real` and cascaded into
 * spurious errors, sometimes ending the whole block. Instead the parser
 * (see `RddlParser.findReSyncTokenType`) resumes at the end of the statement
 * or section that contains the error, found by these rules:
 *
 * - statement (`name : {...};`, `name' = expr;`, `reward = expr;`, ...): the
 *   next `;` outside braces opened inside the statement (or the token after
 *   it, when the error is in the statement's own `;`), or the `}` that
 *   closes the list the statement is in;
 * - section (`pvariables { ... };`): the next word that starts a section or
 *   a block;
 * - in both cases, at the latest, the next word that starts a section or a
 *   block (so one missing `}` cannot swallow the following sections), or the
 *   end of the file.
 */
export type RecoveryLevel = 'statement' | 'section';

/** Words that only ever start a section or a block. */
export const sectionStartTokens: ReadonlySet<TokenType> = new Set([
  T.Kw.domain,
  T.Kw.instance,
  T.Kw.nonFluents,
  T.Kw.policy,
  T.Kw.requirements,
  T.Kw.types,
  T.Kw.pvariables,
  T.Kw.cpfs,
  T.Kw.cdfs,
  T.Kw.reward,
  T.Kw.stateInvariants,
  T.Kw.actionPreconditions,
  T.Kw.stateActionConstraints,
  T.Kw.termination,
  T.Kw.objects,
  T.Kw.initState,
  T.Kw.maxNondefActions,
  T.Kw.horizon,
  T.Kw.discount,
]);

/**
 * Candidate positions to resume at, nearest first, for an error at token
 * index `from` inside a statement or section that began at index `start`.
 * Yields `tokens.length` (the end of the input) last. The caller takes the
 * first candidate that some rule on the stack can continue from.
 */
export function* resyncCandidates(tokens: readonly IToken[], start: number, from: number, level: RecoveryLevel): Generator<number> {
  let depth = 0;
  for (let i = Math.max(0, start); i < from && i < tokens.length; i++) {
    const type = tokens[i]!.tokenType;
    if (type === T.LCurly) depth++;
    else if (type === T.RCurly && depth > 0) depth--;
  }
  for (let i = from; i < tokens.length; i++) {
    const type = tokens[i]!.tokenType;
    if (sectionStartTokens.has(type)) {
      yield i;
    } else if (type === T.LCurly) {
      depth++;
    } else if (type === T.RCurly) {
      if (depth === 0) {
        if (level === 'statement') yield i;
      } else depth--;
    } else if (type === T.Semicolon && depth === 0 && level === 'statement') {
      // At the `;` itself when a rule can consume it, else just after it.
      yield i;
      if (i + 1 < tokens.length) yield i + 1;
    }
  }
  yield tokens.length;
}
