import { builders, type builders as B } from 'prettier/doc';
import type { Comment, Commentable } from '../ast.js';

type Doc = B.Doc;
const { hardline, lineSuffix, breakParent } = builders;

/** The comments standing before a node, each on its own line (or inline for a block comment written inline). */
export function leadingDoc(node: Commentable): Doc[] {
  return (node.leadingComments ?? []).map((c) => (c.ownLine || isLineComment(c) ? [c.text, hardline] : [c.text, ' ']));
}

/** The comments after a node on its line. Line comments are deferred to the end of the line. */
export function trailingDoc(node: Commentable): Doc[] {
  return (node.trailingComments ?? []).map((c) => (isLineComment(c) ? [lineSuffix(` ${c.text}`), breakParent] : [' ', c.text]));
}

export function withComments(node: Commentable, doc: Doc): Doc {
  if (!node.leadingComments && !node.trailingComments) return doc;
  return [...leadingDoc(node), doc, ...trailingDoc(node)];
}

/** Comments before a closing brace, each on its own line. */
export function danglingDoc(comments: readonly Comment[] | undefined): Doc[] {
  return (comments ?? []).map((c, i) => (i === 0 ? c.text : [hardline, c.text]));
}

export function isLineComment(c: Comment): boolean {
  return c.text.startsWith('//');
}

/** Comments each followed by a line break (for comments moved onto lines of their own). */
export function ownLines(comments: readonly Comment[]): Doc[] {
  return comments.map((c) => [c.text, hardline]);
}
