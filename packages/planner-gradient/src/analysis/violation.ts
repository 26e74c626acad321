import type { IrNode } from '@rddl/compiler';

/**
 * An expression for how far a boolean condition is from holding: 0 when it
 * holds, positive otherwise (`a <= b` gives max(0, a - b)). Conjunctions add,
 * disjunctions take the smallest, negations are pushed down. The penalty
 * on preconditions and invariants is the sum of these amounts.
 */
export function violation(n: IrNode, negated = false): IrNode {
  const span = n.span;
  const num = (value: number): IrNode => ({ op: 'const', value, kind: 'real', span });
  const sub = (left: IrNode, right: IrNode): IrNode => ({ op: 'sub', left, right, kind: 'real', span });
  const relu = (x: IrNode): IrNode => ({ op: 'max', args: [num(0), x], kind: 'real', span });
  const sum = (args: IrNode[]): IrNode => (args.length === 1 ? args[0]! : { op: 'sum', args, kind: 'real', span });
  const least = (args: IrNode[]): IrNode => (args.length === 1 ? args[0]! : { op: 'min', args, kind: 'real', span });
  const not = (x: IrNode): IrNode => ({ op: 'not', arg: x, kind: 'bool', span });
  switch (n.op) {
    case 'const':
      return num((n.value !== 0) !== negated ? 0 : 1);
    case 'not':
      return violation(n.arg, !negated);
    case 'and':
      return negated ? least([violation(n.left, true), violation(n.right, true)]) : sum([violation(n.left), violation(n.right)]);
    case 'or':
      return negated ? sum([violation(n.left, true), violation(n.right, true)]) : least([violation(n.left), violation(n.right)]);
    case 'all':
      return negated ? least(n.args.map((a) => violation(a, true))) : sum(n.args.map((a) => violation(a)));
    case 'any':
      return negated ? sum(n.args.map((a) => violation(a, true))) : least(n.args.map((a) => violation(a)));
    case 'implies':
      // a => b is ~a | b.
      return violation({ op: 'or', left: not(n.left), right: n.right, kind: 'bool', span }, negated);
    case 'equiv':
      return violation(
        { op: 'or', left: { op: 'and', left: n.left, right: n.right, kind: 'bool', span }, right: { op: 'and', left: not(n.left), right: not(n.right), kind: 'bool', span }, kind: 'bool', span },
        negated,
      );
    case 'le':
    case 'lt':
      return negated ? relu(sub(n.right, n.left)) : relu(sub(n.left, n.right));
    case 'ge':
    case 'gt':
      return negated ? relu(sub(n.left, n.right)) : relu(sub(n.right, n.left));
    case 'eq':
      return negated ? sub(num(1), n) : { op: 'call', fn: 'abs', args: [sub(n.left, n.right)], kind: 'real', span };
    case 'neq':
      return negated ? { op: 'call', fn: 'abs', args: [sub(n.left, n.right)], kind: 'real', span } : sub(num(1), n);
    case 'if':
      return { op: 'if', condition: n.condition, then: violation(n.then, negated), else: violation(n.else, negated), kind: 'real', span };
    default:
      // Any other boolean value: 1 - x when it should hold, x when it should not.
      return negated ? n : sub(num(1), n);
  }
}
