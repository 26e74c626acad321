import { builders, type builders as B } from 'prettier/doc';
import type * as A from '../ast.js';
import { binaryPrecedence, unaryPrecedence } from '../operators.js';
import { ownLines, withComments } from './comments-doc.js';

type Doc = B.Doc;
const { group, indent, line, softline, hardline, join } = builders;

export interface ExpressionPrintOptions {
  /** Parenthesise every compound sub-expression (`rddl fmt --explicit`). */
  readonly explicit: boolean;
}

const ATOMIC = 10;
/** If, aggregations and Discrete_ bodies run to the end of the expression. */
const OPEN = 0;

function precedence(e: A.Expression): number {
  switch (e.kind) {
    case 'Binary':
      return binaryPrecedence[e.operator];
    case 'Unary':
      return unaryPrecedence;
    case 'If':
    case 'Aggregation':
    case 'DiscreteAggregation':
    case 'Determinant':
      return OPEN;
    default:
      return ATOMIC;
  }
}

function isOpen(e: A.Expression): boolean {
  return precedence(e) === OPEN;
}

/** Whether the printed text ends in a construct whose body would swallow a following operator. */
function endsOpen(e: A.Expression, explicit: boolean): boolean {
  if (e.parens) return false;
  if (explicit && precedence(e) !== ATOMIC) return false;
  if (isOpen(e)) return true;
  if (e.kind === 'Unary') return endsOpen(e.operand, explicit);
  if (e.kind === 'Binary') return !rightNeedsParens(e, explicit) && endsOpen(e.right, explicit);
  return false;
}

function rightNeedsParens(b: A.Binary, explicit: boolean): boolean {
  const r = b.right;
  if (explicit) return precedence(r) !== ATOMIC;
  return precedence(r) <= binaryPrecedence[b.operator] && !isOpen(r);
}

function leftNeedsParens(b: A.Binary, explicit: boolean): boolean {
  const l = b.left;
  if (explicit) return precedence(l) !== ATOMIC;
  return precedence(l) < binaryPrecedence[b.operator] || endsOpen(l, explicit);
}

export function printExpression(e: A.Expression, options: ExpressionPrintOptions): Doc {
  return new ExpressionPrinter(options).print(e, false);
}

class ExpressionPrinter {
  constructor(private readonly options: ExpressionPrintOptions) {}

  /** Print `e` without its leading comments, which the caller places on lines of their own. */
  printDetached(e: A.Expression, needParens: boolean): { comments: Doc[]; doc: Doc } {
    if (!e.leadingComments) return { comments: [], doc: this.print(e, needParens) };
    const comments = ownLines(e.leadingComments);
    return { comments, doc: this.print({ ...e, leadingComments: undefined } as A.Expression, needParens) };
  }

  /** Print `e`, in brackets when the author wrote them or the context needs them. */
  print(e: A.Expression, needParens: boolean): Doc {
    const bracket = e.parens ?? (needParens ? '(' : undefined);
    const body = this.bare(e);
    const doc = bracket ? group([bracket, indent([softline, body]), softline, bracket === '(' ? ')' : ']']) : body;
    return withComments(e, doc);
  }

  /** A branch delimited by keywords: bracketed only in explicit mode, to show where it ends. */
  private branch(e: A.Expression): Doc {
    return this.print(e, this.options.explicit && precedence(e) !== ATOMIC);
  }

  private list(items: A.Expression[], open: string, close: string): Doc {
    if (items.length === 0) return `${open}${close}`;
    return group([open, indent([softline, join([',', line], items.map((x) => this.print(x, false)))]), softline, close]);
  }

  private typedVariables(vars: A.TypedVariable[]): string {
    return vars.map((v) => `${v.name} : ${v.type.name}`).join(', ');
  }

  /** An aggregation-like body: bracketed so where it ends is visible. */
  private body(b: A.Expression): Doc {
    if (b.parens) return this.print(b, false);
    return group(['[', indent([softline, this.print(b, false)]), softline, ']']);
  }

  private bare(e: A.Expression): Doc {
    switch (e.kind) {
      case 'Number':
        return e.text;
      case 'Boolean':
        return e.value ? 'true' : 'false';
      case 'Infinity':
        return e.negative ? 'neg-inf' : 'pos-inf';
      case 'Variable':
      case 'EnumLiteral':
        return e.name;
      case 'ObjectLiteral':
        return `$${e.name}`;
      case 'Placeholder':
        return '_';
      case 'ErrorExpression':
        return '<error>';
      case 'PVariable':
        return [e.name.name, e.primed ? "'" : '', e.args ? this.list(e.args, '(', ')') : ''];
      case 'Unary':
        return [e.operator, this.print(e.operand, precedence(e.operand) < unaryPrecedence || (this.options.explicit && precedence(e.operand) !== ATOMIC))];
      case 'Binary':
        return this.binary(e);
      case 'If':
        return this.ifChain(e);
      case 'Switch':
        return this.switch(e);
      case 'Aggregation':
        return group([`${e.operator}_{${this.typedVariables(e.variables)}} `, this.body(e.body)]);
      case 'Determinant':
        return group([`det_{${this.typedVariables(e.variables)}} `, this.body(e.body)]);
      case 'DiscreteAggregation':
        return group([`${e.unnormalized ? 'UnnormDiscrete' : 'Discrete'}_{${this.typedVariables(e.variables)}}`, this.body(e.body)]);
      case 'MatrixFunction':
        return group([`${e.operator}[row=${e.row.name}, col=${e.column.name}]`, this.body({ ...e.body, parens: undefined } as A.Expression)]);
      case 'FunctionCall':
        return [e.name.name, this.list(e.args, '[', ']')];
      case 'Distribution':
        return [e.name.name, this.list(e.args, '(', ')')];
      case 'VectorDistribution':
        return [e.name.name, this.list(e.outputs, '[', ']'), this.list(e.args, '(', ')')];
      case 'Discrete': {
        const cases = e.cases.map((c) =>
          withComments(c, [this.print(c.value, false), ' : ', c.probability ? this.print(c.probability, false) : 'otherwise']),
        );
        return group([`${e.unnormalized ? 'UnnormDiscrete' : 'Discrete'}(`, indent([softline, e.type.name, ',', line, join([',', line], cases)]), softline, ')']);
      }
    }
  }

  /** A left-nested chain of one precedence level, broken before operators when too long. */
  private binary(e: A.Binary): Doc {
    const explicit = this.options.explicit;
    const prec = binaryPrecedence[e.operator];
    const rest: Doc[] = [];
    let node: A.Binary = e;
    for (;;) {
      // A comment before an operand goes on its own line, before the operator.
      const right = this.printDetached(node.right, rightNeedsParens(node, explicit));
      rest.unshift([right.comments.length > 0 ? [hardline, ...right.comments] : line, node.operator, ' ', right.doc]);
      const left = node.left;
      const flatten =
        left.kind === 'Binary' &&
        binaryPrecedence[left.operator] === prec &&
        !left.parens &&
        !left.leadingComments &&
        !left.trailingComments &&
        !leftNeedsParens(node, explicit);
      if (!flatten) return group([this.print(left, leftNeedsParens(node, explicit)), indent(rest)]);
      node = left;
    }
  }

  private ifChain(e: A.If): Doc {
    const parts: Doc[] = [];
    let node: A.Expression = e;
    let first = true;
    // Comments written between `else` and the next branch are printed on their own line before `else`.
    const elseLine = (branch: A.Expression): Doc[] => (branch.leadingComments ? [hardline, ...ownLines(branch.leadingComments)] : [line]);
    while (node.kind === 'If' && (first || (!node.parens && !node.trailingComments))) {
      // The condition is always printed in parentheses (`[c]` becomes `(c)`, never `([c])`).
      const cond = this.print({ ...node.condition, parens: '(' } as A.Expression, false);
      parts.push(first ? 'if ' : [...elseLine(node), 'else if '], cond, indent([line, 'then ', this.branch(node.then)]));
      first = false;
      node = node.else;
    }
    parts.push(...elseLine(node), 'else ', this.branch({ ...node, leadingComments: undefined } as A.Expression));
    return group(parts);
  }

  private switch(e: A.Switch): Doc {
    // A case value is a primary: anything else needs brackets.
    const cases: Doc[] = e.cases.map((c) =>
      withComments(c, ['case ', this.print(c.value, precedence(c.value) !== ATOMIC), ' : ', this.branch(c.body)]),
    );
    if (e.defaultCase) cases.push(['default : ', this.branch(e.defaultCase)]);
    const dangling = (e.danglingComments ?? []).map((c) => [hardline, c.text]);
    return ['switch (', this.print(e.subject, false), ') {', indent([hardline, join([',', hardline], cases), ...dangling]), hardline, '}'];
  }
}
