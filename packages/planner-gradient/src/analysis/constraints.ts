import { extractActionBounds, irChildren, type CompiledModel, type IrNode } from '@rddl/compiler';
import type { ActionDependence } from './dependence.js';

/** How the planner represents one ground action fluent. */
export interface ActionInfo {
  readonly index: number;
  readonly name: string;
  readonly kind: 'real' | 'int' | 'bool';
  readonly defaultValue: number;
  /** Bounds that are constants (from the preconditions; bool: 0, 1). */
  readonly lower: number;
  readonly upper: number;
  /** Bounds that depend on the state: enforced by clipping in the rollouts and when acting. */
  readonly stateLower: readonly IrNode[];
  readonly stateUpper: readonly IrNode[];
  /** The simplex group the action belongs to (softmax parameterisation), or -1. */
  readonly simplex: number;
}

export type PreconditionHandling = 'bounds' | 'simplex' | 'penalty' | 'constant';

export interface ConstraintPlan {
  readonly actions: readonly ActionInfo[];
  /** Groups of actions that must lie on the probability simplex (portfolio weights). */
  readonly simplexGroups: readonly (readonly number[])[];
  /** How each precondition is honoured. */
  readonly preconditions: readonly PreconditionHandling[];
  /** Invariants that depend on the actions (penalised); the others cannot be influenced. */
  readonly invariants: readonly boolean[];
  /** At most this many actions may differ from their defaults (Infinity = no limit). */
  readonly maxNondef: number;
}

const SUM_TOLERANCE = 1e-3;

/**
 * Read how to honour the constraints: box bounds from the preconditions,
 * simplex groups from `sum_a x(a) == 1`-style preconditions (also inside a
 * disjunction, as in "all zero or a portfolio"), penalties for the rest.
 */
export function planConstraints(compiled: CompiledModel, dependence: ActionDependence): ConstraintPlan {
  const bounds = extractActionBounds(compiled);
  const groups = findSimplexGroups(compiled);
  const simplexOf = new Map<number, number>();
  groups.forEach((g, k) => g.forEach((i) => simplexOf.set(i, k)));
  const actions = compiled.layout.action.fluents.map((f, i): ActionInfo => {
    const range = f.pvariable.range.kind;
    const kind = range === 'bool' ? 'bool' : range === 'int' ? 'int' : 'real';
    let lower = kind === 'bool' ? 0 : -Infinity;
    let upper = kind === 'bool' ? 1 : Infinity;
    const stateLower: IrNode[] = [];
    const stateUpper: IrNode[] = [];
    for (const b of bounds.lower[i]!) {
      if (b.op === 'const') lower = Math.max(lower, b.value);
      else stateLower.push(b);
    }
    for (const b of bounds.upper[i]!) {
      if (b.op === 'const') upper = Math.min(upper, b.value);
      else stateUpper.push(b);
    }
    return { index: i, name: f.name, kind, defaultValue: compiled.defaultAction[i]!, lower, upper, stateLower, stateUpper, simplex: simplexOf.get(i) ?? -1 };
  });
  const preconditions = compiled.preconditions.map((p, k): PreconditionHandling => {
    if (bounds.boundOnly[k]) return 'bounds';
    if (groups.length > 0 && mentionsSimplex(p.expr, groups)) return 'simplex';
    return dependence.depends(p.expr) ? 'penalty' : 'constant';
  });
  const invariants = compiled.invariants.map((c) => dependence.depends(c.expr));
  return { actions, simplexGroups: groups, preconditions, invariants, maxNondef: compiled.maxNondefActions };
}

/** The real actions summed by a `sum` node, when it sums nothing else (two or more distinct actions). */
function summedActions(n: IrNode, compiled: CompiledModel): number[] | undefined {
  if (n.op !== 'sum' || n.args.length < 2) return undefined;
  const out: number[] = [];
  for (const a of n.args) {
    if (a.op !== 'ref' || a.space !== 'action') return undefined;
    if (compiled.layout.action.fluents[a.index]!.pvariable.range.kind !== 'real') return undefined;
    out.push(a.index);
  }
  return new Set(out).size === out.length ? out.sort((x, y) => x - y) : undefined;
}

interface SumBounds {
  readonly members: number[];
  low: boolean;
  high: boolean;
}

function visitSums(n: IrNode, compiled: CompiledModel, found: Map<string, SumBounds>): void {
  if (n.op === 'eq' || n.op === 'le' || n.op === 'lt' || n.op === 'ge' || n.op === 'gt') {
    for (const [side, other, flipped] of [
      [n.left, n.right, false],
      [n.right, n.left, true],
    ] as const) {
      const members = summedActions(side, compiled);
      if (!members || other.op !== 'const') continue;
      const key = members.join(',');
      const entry = found.get(key) ?? { members, low: false, high: false };
      const v = other.value;
      const op = flipped ? ({ le: 'ge', lt: 'gt', ge: 'le', gt: 'lt', eq: 'eq' } as const)[n.op] : n.op;
      if (op === 'eq' && v === 1) entry.low = entry.high = true;
      if ((op === 'ge' || op === 'gt') && v <= 1 && v >= 1 - SUM_TOLERANCE) entry.low = true;
      if ((op === 'le' || op === 'lt') && v >= 1 && v <= 1 + SUM_TOLERANCE) entry.high = true;
      found.set(key, entry);
    }
  }
  for (const c of irChildren(n)) visitSums(c, compiled, found);
}

/** Sets of real actions bounded below by 0 whose sum the preconditions pin to 1. */
export function findSimplexGroups(compiled: CompiledModel): number[][] {
  const found = new Map<string, SumBounds>();
  for (const p of compiled.preconditions) visitSums(p.expr, compiled, found);
  const bounds = extractActionBounds(compiled);
  const nonNegative = (i: number) => bounds.lower[i]!.some((b) => b.op === 'const' && b.value >= 0);
  const groups: number[][] = [];
  const used = new Set<number>();
  for (const s of found.values()) {
    if (!s.low || !s.high || !s.members.every(nonNegative) || s.members.some((i) => used.has(i))) continue;
    s.members.forEach((i) => used.add(i));
    groups.push(s.members);
  }
  return groups;
}

function mentionsSimplex(n: IrNode, groups: readonly (readonly number[])[]): boolean {
  const keys = new Set(groups.map((g) => g.join(',')));
  const visit = (x: IrNode): boolean => {
    if (x.op === 'sum' && x.args.every((a) => a.op === 'ref' && a.space === 'action')) {
      const key = x.args
        .map((a) => (a as Extract<IrNode, { op: 'ref' }>).index)
        .sort((p, q) => p - q)
        .join(',');
      if (keys.has(key)) return true;
    }
    return irChildren(x).some(visit);
  };
  return visit(n);
}
