import type { IToken } from 'chevrotain';
import type { Span } from '@rddl/core';
import type * as A from './ast.js';
import { childExpressions } from './walk.js';

/**
 * Attaches every comment to a node so that `rddl fmt` can print it again.
 * Each comment goes to the innermost node whose span contains it; inside that
 * node it becomes a trailing comment of the child that ends just before it on
 * the same line, else a leading comment of the next child, else a trailing
 * comment of the last child, else a dangling comment of the container.
 */
export function attachComments(file: A.RddlFile, comments: A.Comment[], _tokens: IToken[]): A.RddlFile {
  if (comments.length === 0) return file;
  const root = anchorOfFile(file);
  for (const comment of comments) place(root, comment);
  return file;
}

interface Anchor {
  readonly span: Span;
  readonly target: A.Commentable;
  /** Where dangling comments go (containers with a closing brace); else they become trailing. */
  readonly dangling?: { danglingComments?: A.Comment[] };
  readonly children: () => Anchor[];
}

function place(root: Anchor, comment: A.Comment): void {
  let container = root;
  for (;;) {
    const inner = container.children().find((c) => c.span.start <= comment.span.start && comment.span.end <= c.span.end);
    if (!inner) break;
    container = inner;
  }
  const children = container.children();
  let before: Anchor | undefined;
  let after: Anchor | undefined;
  for (const child of children) {
    if (child.span.end <= comment.span.start) before = child;
    else if (child.span.start >= comment.span.end) {
      after = child;
      break;
    }
  }
  const text = comment.span.source.text;
  if (before && !comment.ownLine && !/[\r\n]/.test(text.slice(before.span.end, comment.span.start))) {
    push(before.target, 'trailingComments', comment);
  } else if (after) {
    push(after.target, 'leadingComments', comment);
  } else if (container.dangling) {
    (container.dangling.danglingComments ??= []).push(comment);
  } else if (before) {
    push(before.target, 'trailingComments', comment);
  } else {
    push(container.target, 'leadingComments', comment);
  }
}

function push(target: A.Commentable, key: 'leadingComments' | 'trailingComments', comment: A.Comment): void {
  (target[key] ??= []).push(comment);
}

function anchorOfFile(file: A.RddlFile): Anchor {
  return { span: file.span, target: file, dangling: file, children: () => file.blocks.map(anchorOfBlock) };
}

function defined<T>(items: (T | undefined)[]): T[] {
  return items.filter((x): x is T => x !== undefined);
}

function bySpan(anchors: Anchor[]): Anchor[] {
  return anchors.sort((a, b) => a.span.start - b.span.start);
}

function leaf(node: A.Commentable & { span: Span }): Anchor {
  return { span: node.span, target: node, children: () => [] };
}

function listAnchor<T>(section: A.ListSection<T>, item: (x: T) => Anchor): Anchor {
  return { span: section.span, target: section, dangling: section, children: () => section.list.map(item) };
}

function anchorOfBlock(block: A.Block): Anchor {
  const children = (): Anchor[] => {
    switch (block.kind) {
      case 'Domain':
        return bySpan(
          defined([
            block.requirements && listAnchor(block.requirements, leaf),
            block.types && listAnchor(block.types, leaf),
            block.pvariables && listAnchor(block.pvariables, leaf),
            block.cpfs && listAnchor(block.cpfs, (d) => ({ span: d.span, target: d, children: () => [anchorOfExpression(d.expression)] })),
            block.reward && { span: block.reward.span, target: block.reward, children: () => [anchorOfExpression(block.reward!.expression)] },
            ...[block.stateInvariants, block.actionPreconditions, block.stateActionConstraints, block.termination].map(
              (c) => c && listAnchor(c, anchorOfExpression),
            ),
          ]),
        );
      case 'NonFluents':
        return bySpan(
          defined([
            block.domain && leaf(block.domain),
            block.objects && listAnchor(block.objects, leaf),
            block.nonFluents && listAnchor(block.nonFluents, leaf),
          ]),
        );
      case 'Instance':
        return bySpan(
          defined<Anchor>([
            block.domain && leaf(block.domain),
            block.nonFluentsRef && leaf(block.nonFluentsRef),
            block.objects && listAnchor(block.objects, leaf),
            block.nonFluents && listAnchor(block.nonFluents, leaf),
            block.initState && listAnchor(block.initState, leaf),
            block.maxNondefActions && leaf(block.maxNondefActions),
            block.horizon && leaf(block.horizon),
            block.discount && leaf(block.discount),
          ]),
        );
    }
  };
  return { span: block.span, target: block, dangling: block, children };
}

function anchorOfExpression(e: A.Expression): Anchor {
  const children = (): Anchor[] => {
    switch (e.kind) {
      case 'Switch':
        return [
          anchorOfExpression(e.subject),
          ...e.cases.map((c) => ({ span: c.span, target: c, children: () => [anchorOfExpression(c.value), anchorOfExpression(c.body)] })),
          ...(e.defaultCase ? [anchorOfExpression(e.defaultCase)] : []),
        ];
      case 'Discrete':
        return e.cases.map((c) => ({
          span: c.span,
          target: c,
          children: () => [anchorOfExpression(c.value), ...(c.probability ? [anchorOfExpression(c.probability)] : [])],
        }));
      default:
        return bySpan(childExpressions(e).map(anchorOfExpression));
    }
  };
  return { span: e.span, target: e, ...(e.kind === 'Switch' ? { dangling: e } : {}), children };
}
