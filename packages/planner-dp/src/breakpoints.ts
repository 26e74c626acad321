import { irChildren, type CompiledModel, type IrNode } from '@rddl/compiler';

/**
 * Thresholds the model compares a state fluent with: `wealth' >= 200` in a
 * reward, `wealth >= 100` in a purchase rule. A value function jumps there,
 * so the grid puts them midway between points (Denault and Simonato 2022),
 * where the interpolation error of a jump cancels.
 */
export function thresholdsOf(compiled: CompiledModel, stateIndex: number): number[] {
  const found = new Set<number>();
  const isFluent = (n: IrNode) => n.op === 'ref' && (n.space === 'state' || n.space === 'next') && n.index === stateIndex;
  const visit = (n: IrNode): void => {
    if (n.op === 'lt' || n.op === 'le' || n.op === 'gt' || n.op === 'ge') {
      if (isFluent(n.left) && n.right.op === 'const') found.add(n.right.value);
      if (isFluent(n.right) && n.left.op === 'const') found.add(n.left.value);
    }
    for (const c of irChildren(n)) visit(c);
  };
  for (const c of compiled.cpfs) visit(c.expr);
  visit(compiled.reward);
  for (const t of compiled.terminations) visit(t.expr);
  return [...found].sort((a, b) => a - b);
}

/** Constant bounds a state invariant puts on a state fluent (`inventory <= CAPACITY`). */
export function invariantBounds(compiled: CompiledModel, stateIndex: number): { lower: number; upper: number } {
  let lower = -Infinity;
  let upper = Infinity;
  const isFluent = (n: IrNode) => n.op === 'ref' && n.space === 'state' && n.index === stateIndex;
  const visit = (n: IrNode): void => {
    if (n.op === 'and' || n.op === 'all') {
      irChildren(n).forEach(visit);
      return;
    }
    if (n.op !== 'lt' && n.op !== 'le' && n.op !== 'gt' && n.op !== 'ge') return;
    const below = n.op === 'lt' || n.op === 'le';
    if (isFluent(n.left) && n.right.op === 'const') {
      if (below) upper = Math.min(upper, n.right.value);
      else lower = Math.max(lower, n.right.value);
    } else if (isFluent(n.right) && n.left.op === 'const') {
      if (below) lower = Math.max(lower, n.left.value);
      else upper = Math.min(upper, n.left.value);
    }
  };
  for (const inv of compiled.invariants) visit(inv.expr);
  return { lower, upper };
}
