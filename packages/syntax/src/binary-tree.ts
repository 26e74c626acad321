import type { IToken } from 'chevrotain';
import { createDiagnostic, joinSpans, type Diagnostic, type Span } from '@rddl/core';
import type { BinaryOperator, Expression } from './ast.js';
import { binaryPrecedence, normalizeBinaryOperator } from './operators.js';

/**
 * Turn `e0 op1 e1 op2 e2 ...` into a tree by operator precedence, all
 * operators left-associative (an explicit stack, so long chains cannot
 * overflow the call stack).
 */
export function buildBinaryTree(
  operands: Expression[],
  operatorTokens: IToken[],
  tokenSpan: (t: IToken) => Span,
  diagnostics: Diagnostic[],
): Expression {
  if (operatorTokens.length === 0) return operands[0]!;
  const values: Expression[] = [operands[0]!];
  const ops: { op: BinaryOperator; span: Span }[] = [];
  const reduce = () => {
    const right = values.pop()!;
    const left = values.pop()!;
    const { op, span } = ops.pop()!;
    if (op === '=>' && left.kind === 'Binary' && left.operator === '=>' && !left.parens) {
      diagnostics.push(
        createDiagnostic('RDDL1032', span, "'a => b => c' reads as '(a => b) => c'", {
          hint: 'add parentheses to say which grouping you mean',
        }),
      );
    }
    values.push({ kind: 'Binary', operator: op, left, right, operatorSpan: span, span: joinSpans(left.span, right.span) });
  };
  for (let i = 0; i < operatorTokens.length; i++) {
    const tok = operatorTokens[i]!;
    const op = normalizeBinaryOperator(tok.image);
    const prec = binaryPrecedence[op];
    while (ops.length > 0 && binaryPrecedence[ops[ops.length - 1]!.op] >= prec) reduce();
    ops.push({ op, span: tokenSpan(tok) });
    values.push(operands[i + 1]!);
  }
  while (ops.length > 0) reduce();
  return values[0]!;
}
