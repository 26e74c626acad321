import type { Span } from '@rddl/core';
import type { BinaryOp } from '@rddl/model';
import { irChildren, type IrKind, type IrNode } from './ir.js';

/**
 * Smart constructors: build IR nodes, folding constants as they go, so that
 * non-fluents (already constants) prune whole sub-trees: a sum over
 * CONNECTED(?x, ?y) * running(?y) keeps only the connected terms.
 * Folding never removes a random draw or a run-time domain check.
 */

export function constant(value: number, kind: IrKind, span: Span): IrNode {
  return { op: 'const', value, kind, span };
}

const isConst = (n: IrNode): n is Extract<IrNode, { op: 'const' }> => n.op === 'const';

/** Whether evaluating the node could draw a random number or fail a domain check. */
export function hasEffects(n: IrNode): boolean {
  switch (n.op) {
    case 'const':
    case 'ref':
      return false;
    case 'sample':
    case 'discrete':
    case 'vector-component':
    case 'matrix-entry':
    case 'det':
    case 'call':
    case 'div':
      return true;
    default:
      return irChildren(n).some(hasEffects);
  }
}

function evalBinary(op: BinaryOp, a: number, b: number): number | undefined {
  switch (op) {
    case 'add':
      return a + b;
    case 'sub':
      return a - b;
    case 'mul':
      return a * b;
    case 'div':
      return b === 0 ? undefined : a / b;
    case 'and':
      return a !== 0 && b !== 0 ? 1 : 0;
    case 'or':
      return a !== 0 || b !== 0 ? 1 : 0;
    case 'implies':
      return a === 0 || b !== 0 ? 1 : 0;
    case 'equiv':
      return (a !== 0) === (b !== 0) ? 1 : 0;
    case 'eq':
      return a === b ? 1 : 0;
    case 'neq':
      return a !== b ? 1 : 0;
    case 'lt':
      return a < b ? 1 : 0;
    case 'le':
      return a <= b ? 1 : 0;
    case 'gt':
      return a > b ? 1 : 0;
    case 'ge':
      return a >= b ? 1 : 0;
  }
}

export function binary(op: BinaryOp, left: IrNode, right: IrNode, kind: IrKind, span: Span): IrNode {
  if (isConst(left) && isConst(right)) {
    const v = evalBinary(op, left.value, right.value);
    if (v !== undefined && (Number.isFinite(v) || !Number.isFinite(left.value) || !Number.isFinite(right.value))) return constant(v, kind, span);
  }
  // Logical short-circuits with a constant side (the other side has no effects to keep).
  if (op === 'and') {
    if ((isConst(left) && left.value === 0) || (isConst(right) && right.value === 0 && !hasEffects(left))) return constant(0, 'bool', span);
    if (isConst(left) && left.value !== 0) return asBool(right, span);
    if (isConst(right) && right.value !== 0) return asBool(left, span);
  }
  if (op === 'or') {
    if ((isConst(left) && left.value !== 0) || (isConst(right) && right.value !== 0 && !hasEffects(left))) return constant(1, 'bool', span);
    if (isConst(left) && left.value === 0) return asBool(right, span);
    if (isConst(right) && right.value === 0) return asBool(left, span);
  }
  if (op === 'implies' && isConst(left)) return left.value === 0 ? constant(1, 'bool', span) : asBool(right, span);
  if (op === 'add') {
    if (isConst(left) && left.value === 0) return retype(right, kind);
    if (isConst(right) && right.value === 0) return retype(left, kind);
  }
  if (op === 'sub' && isConst(right) && right.value === 0) return retype(left, kind);
  if (op === 'mul') {
    if (isConst(left) && left.value === 1) return retype(right, kind);
    if (isConst(right) && right.value === 1) return retype(left, kind);
    if (isConst(left) && left.value === 0 && !hasEffects(right)) return constant(0, kind, span);
    if (isConst(right) && right.value === 0 && !hasEffects(left)) return constant(0, kind, span);
  }
  return { op, left, right, kind, span };
}

/** A boolean-valued node (non-zero → 1) for use where a logical result is required. */
function asBool(n: IrNode, span: Span): IrNode {
  if (n.kind === 'bool') return n;
  if (isConst(n)) return constant(n.value !== 0 ? 1 : 0, 'bool', span);
  return { op: 'neq', left: n, right: constant(0, n.kind, span), kind: 'bool', span };
}

function retype(n: IrNode, kind: IrKind): IrNode {
  return n.kind === kind ? n : ({ ...n, kind } as IrNode);
}

export function unary(op: 'neg' | 'not', arg: IrNode, kind: IrKind, span: Span): IrNode {
  if (isConst(arg)) return constant(op === 'neg' ? -arg.value : arg.value === 0 ? 1 : 0, kind, span);
  // --x is x; ~~x is x only for a boolean x (~~3.5 is 1, not 3.5).
  if (arg.op === op && (op === 'neg' || arg.arg.kind === 'bool')) return retype(arg.arg, kind);
  return { op, arg, kind, span };
}

export function ifThenElse(condition: IrNode, then: IrNode, otherwise: IrNode, kind: IrKind, span: Span): IrNode {
  if (isConst(condition)) return retype(condition.value !== 0 ? then : otherwise, kind);
  return { op: 'if', condition, then, else: otherwise, kind, span };
}

const identity: Record<'sum' | 'prod' | 'all' | 'any' | 'min' | 'max', number> = { sum: 0, prod: 1, all: 1, any: 0, min: Infinity, max: -Infinity };

/** An n-ary operation; constant terms are combined, and absorbing constants short-circuit. */
export function nary(op: 'sum' | 'prod' | 'min' | 'max' | 'all' | 'any', args: readonly IrNode[], kind: IrKind, span: Span): IrNode {
  let acc = identity[op];
  const rest: IrNode[] = [];
  for (const a of args) {
    if (isConst(a)) {
      const v = a.value;
      if (op === 'sum') acc += v;
      else if (op === 'prod') acc *= v;
      else if (op === 'min') acc = Math.min(acc, v);
      else if (op === 'max') acc = Math.max(acc, v);
      else if (op === 'all') acc = acc !== 0 && v !== 0 ? 1 : 0;
      else acc = acc !== 0 || v !== 0 ? 1 : 0;
    } else if (a.op === op) rest.push(...a.args);
    else rest.push(a);
  }
  const effects = rest.some(hasEffects);
  if (op === 'all' && acc === 0 && !effects) return constant(0, 'bool', span);
  if (op === 'any' && acc !== 0 && !effects) return constant(1, 'bool', span);
  if (op === 'prod' && acc === 0 && !effects) return constant(0, kind, span);
  if (rest.length === 0) return constant(acc, kind, span);
  const keepAcc = acc !== identity[op];
  if (!keepAcc && rest.length === 1) {
    const only = rest[0]!;
    return op === 'all' || op === 'any' ? asBool(only, span) : retype(only, kind);
  }
  return { op, args: keepAcc ? [...rest, constant(acc, kind, span)] : rest, kind, span };
}

export function select(index: IrNode, options: readonly IrNode[], kind: IrKind, span: Span): IrNode {
  if (isConst(index)) {
    const chosen = options[index.value];
    if (chosen) return retype(chosen, kind);
  }
  const first = options[0];
  if (first && isConst(first) && options.every((o) => isConst(o) && o.value === first.value) && !hasEffects(index)) return retype(first, kind);
  return { op: 'select', index, options, kind, span };
}
