import type { CompiledModel } from '../compile-model.js';
import type { IrNode } from '../ir.js';
import { conjuncts } from './action-bounds.js';

/**
 * A precondition that fixes the sum of a group of actions, such as portfolio
 * weights: `sum_{?a} w(?a) == 1`, a tolerance band `1 - tol <= sum <= 1 + tol`,
 * or a choice of sums `(sum == 0) | (sum == 1)`. Sampling uniformly in the box
 * almost never meets such a constraint, so the random policy samples these
 * groups on the scaled simplex instead.
 */
export interface SumConstraint {
  /** Ground action indices whose sum is constrained (each with coefficient 1). */
  readonly actions: readonly number[];
  /** The allowed sums (one is chosen at random). */
  readonly targets: readonly number[];
}

export function extractSumConstraints(compiled: CompiledModel): SumConstraint[] {
  const out: SumConstraint[] = [];
  for (const p of compiled.preconditions) {
    for (const c of conjuncts(p.expr)) {
      const alternatives = c.op === 'or' ? [c.left, c.right] : c.op === 'any' ? [...c.args] : [c];
      let group: number[] | undefined;
      const targets: number[] = [];
      let ok = true;
      for (const alt of alternatives) {
        const found = sumTarget(alt);
        if (!found || (group && !sameSet(group, found.actions))) {
          ok = false;
          break;
        }
        group = found.actions;
        targets.push(found.target);
      }
      if (ok && group && group.length > 1) out.push({ actions: group, targets });
    }
  }
  return out;
}

function sumActions(n: IrNode): number[] | undefined {
  const terms = n.op === 'sum' ? n.args : n.op === 'add' ? [n.left, n.right] : undefined;
  if (!terms) return undefined;
  const out: number[] = [];
  for (const t of terms) {
    if (t.op === 'ref' && t.space === 'action') out.push(t.index);
    else {
      const inner = sumActions(t);
      if (!inner) return undefined;
      out.push(...inner);
    }
  }
  return out;
}

const constantOf = (n: IrNode): number | undefined => (n.op === 'const' ? n.value : undefined);

/** `sum == c`, or `sum >= lo ^ sum <= hi` (read as its midpoint). */
function sumTarget(n: IrNode): { actions: number[]; target: number } | undefined {
  if (n.op === 'eq') {
    const actions = sumActions(n.left) ?? sumActions(n.right);
    const c = constantOf(n.right) ?? constantOf(n.left);
    return actions && c !== undefined ? { actions, target: c } : undefined;
  }
  const parts = conjuncts(n);
  if (parts.length !== 2) return undefined;
  let lo: number | undefined;
  let hi: number | undefined;
  let actions: number[] | undefined;
  for (const part of parts) {
    if (part.op !== 'ge' && part.op !== 'le' && part.op !== 'gt' && part.op !== 'lt') return undefined;
    const leftSum = sumActions(part.left);
    const sum = leftSum ?? sumActions(part.right);
    const c = leftSum ? constantOf(part.right) : constantOf(part.left);
    if (!sum || c === undefined || (actions && !sameSet(actions, sum))) return undefined;
    actions = sum;
    const isLower = leftSum ? part.op === 'ge' || part.op === 'gt' : part.op === 'le' || part.op === 'lt';
    if (isLower) lo = c;
    else hi = c;
  }
  return actions && lo !== undefined && hi !== undefined ? { actions, target: (lo + hi) / 2 } : undefined;
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}
