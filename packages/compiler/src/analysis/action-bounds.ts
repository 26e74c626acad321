import type { CompiledModel } from '../compile-model.js';
import { irOperands, type IrNode } from '../ir.js';

/**
 * Box bounds of the ground actions read from the preconditions: every
 * comparison `a <= e`, `a >= e` (or mirrored, strict or not) between an action
 * and an expression free of actions, found in the conjunctions of the
 * preconditions (forall_ included). Bounds may depend on the state
 * (`release(?r) <= rlevel(?r)`), so they are IR expressions.
 */
export interface ActionBounds {
  /** Per ground action: lower-bound expressions (the largest applies). */
  readonly lower: readonly (readonly IrNode[])[];
  /** Per ground action: upper-bound expressions (the smallest applies). */
  readonly upper: readonly (readonly IrNode[])[];
  /** Per precondition: true when it is nothing but such bounds. */
  readonly boundOnly: readonly boolean[];
}

export function dependsOnActions(n: IrNode): boolean {
  if (n.op === 'ref') return n.space === 'action';
  return irOperands(n).some(dependsOnActions);
}

/** The conjuncts of a boolean expression (through `and` and `all`). */
export function conjuncts(n: IrNode): IrNode[] {
  if (n.op === 'and') return [...conjuncts(n.left), ...conjuncts(n.right)];
  if (n.op === 'all') return n.args.flatMap(conjuncts);
  return [n];
}

export function extractActionBounds(compiled: CompiledModel): ActionBounds {
  const count = compiled.layout.action.size;
  const lower: IrNode[][] = Array.from({ length: count }, () => []);
  const upper: IrNode[][] = Array.from({ length: count }, () => []);
  const boundOnly = compiled.preconditions.map((p) => {
    let all = true;
    for (const c of conjuncts(p.expr)) if (!addBound(c, lower, upper)) all = false;
    return all;
  });
  return { lower, upper, boundOnly };
}

function addBound(c: IrNode, lower: IrNode[][], upper: IrNode[][]): boolean {
  if (c.op !== 'le' && c.op !== 'lt' && c.op !== 'ge' && c.op !== 'gt') return false;
  const { left, right } = c;
  const isAction = (n: IrNode): n is Extract<IrNode, { op: 'ref' }> => n.op === 'ref' && n.space === 'action';
  // Normalise to `action <= bound` or `action >= bound`.
  let action: Extract<IrNode, { op: 'ref' }>;
  let bound: IrNode;
  let isUpper: boolean;
  if (isAction(left) && !dependsOnActions(right)) {
    action = left;
    bound = right;
    isUpper = c.op === 'le' || c.op === 'lt';
  } else if (isAction(right) && !dependsOnActions(left)) {
    action = right;
    bound = left;
    isUpper = c.op === 'ge' || c.op === 'gt';
  } else return false;
  // A strict bound on an integer action moves by one; on a real one it is the same bound.
  const strict = c.op === 'lt' || c.op === 'gt';
  if (strict && action.kind !== 'real') {
    const one = { op: 'const' as const, value: 1, kind: 'int' as const, span: c.span };
    bound = isUpper ? { op: 'sub', left: bound, right: one, kind: bound.kind, span: c.span } : { op: 'add', left: bound, right: one, kind: bound.kind, span: c.span };
  }
  (isUpper ? upper : lower)[action.index]!.push(bound);
  return true;
}
