import { conjuncts, dependsOnActions, extractActionBounds, irChildren, type ActionBounds, type CompiledModel, type GroundCpf, type IrNode } from '@rddl/compiler';
import type { PVariable } from '@rddl/model';
import { BOOL, EVERYTHING, interval, meet, type Interval } from './interval.js';

/**
 * What the MILP builder needs to know about a compiled model, computed once:
 * the CPF of every fluent, the action bounds of the preconditions, the state
 * boxes the invariants give, and which actions may be clipped (see
 * `clipOnly`).
 */
export interface ModelAnalysis {
  readonly compiled: CompiledModel;
  readonly nextCpf: readonly (GroundCpf | undefined)[];
  readonly intermCpf: readonly (GroundCpf | undefined)[];
  readonly observCpf: readonly (GroundCpf | undefined)[];
  readonly actionBounds: ActionBounds;
  /** Box of each state fluent from its range and the invariants `s <= c`, `s >= c`. */
  readonly invariantBoxes: readonly Interval[];
  readonly stateBoxes: readonly Interval[];
  readonly actionRangeBoxes: readonly Interval[];
  /**
   * Per action: true when the action occurs exactly once outside its bound
   * preconditions. Such an action inside min/max (a clip, `min[sell, stock]`)
   * can be constrained to the clip's range instead of encoding the clip.
   */
  readonly clipOnly: readonly boolean[];
  /** Whether evaluating the node draws a random number (through interm fluents too). */
  random(n: IrNode): boolean;
}

export function rangeBox(p: PVariable): Interval {
  const r = p.range;
  if (r.kind === 'bool') return BOOL;
  if (r.kind === 'finite') return interval(0, r.type.values.length - 1);
  return EVERYTHING;
}

export function analyseModel(compiled: CompiledModel): ModelAnalysis {
  const { layout } = compiled;
  const nextCpf: (GroundCpf | undefined)[] = Array.from({ length: layout.state.size }, () => undefined);
  const intermCpf: (GroundCpf | undefined)[] = Array.from({ length: layout.interm.size }, () => undefined);
  const observCpf: (GroundCpf | undefined)[] = Array.from({ length: layout.observ.size }, () => undefined);
  for (const c of compiled.cpfs) (c.space === 'next' ? nextCpf : c.space === 'interm' ? intermCpf : observCpf)[c.index] = c;

  const stateRange = layout.state.fluents.map((f) => rangeBox(f.pvariable));
  const invariantBoxes = stateRange.map((b) => b);
  for (const inv of compiled.invariants) {
    for (const c of conjuncts(inv.expr)) {
      const bound = constantBound(c, 'state');
      if (bound) invariantBoxes[bound.index] = meet(invariantBoxes[bound.index]!, bound.box);
    }
  }

  const counts = new Int32Array(layout.action.size);
  const count = (n: IrNode) => {
    if (n.op === 'ref' && n.space === 'action') counts[n.index]!++;
    for (const c of irChildren(n)) count(c);
  };
  for (const c of compiled.cpfs) count(c.expr);
  count(compiled.reward);
  for (const g of [...compiled.invariants, ...compiled.terminations]) count(g.expr);
  for (const p of compiled.preconditions) for (const c of conjuncts(p.expr)) if (!isActionBound(c)) count(c);

  const randomMemo = new Map<IrNode, boolean>();
  const random = (n: IrNode): boolean => {
    const hit = randomMemo.get(n);
    if (hit !== undefined) return hit;
    let r: boolean;
    if (n.op === 'sample' || n.op === 'discrete' || n.op === 'vector-component') r = true;
    else if (n.op === 'ref' && n.space === 'interm') r = random(intermCpf[n.index]!.expr);
    else if (n.op === 'ref' && n.space === 'observ') r = random(observCpf[n.index]!.expr);
    else r = irChildren(n).some(random);
    randomMemo.set(n, r);
    return r;
  };

  return {
    compiled,
    nextCpf,
    intermCpf,
    observCpf,
    actionBounds: extractActionBounds(compiled),
    invariantBoxes,
    stateBoxes: stateRange,
    actionRangeBoxes: layout.action.fluents.map((f) => rangeBox(f.pvariable)),
    clipOnly: Array.from(counts, (n) => n === 1),
    random,
  };
}

/** A conjunct `x op c` (or mirrored) with x a fluent of `space` and c a constant: x's box. */
function constantBound(c: IrNode, space: 'state' | 'action'): { index: number; box: Interval } | undefined {
  if (c.op !== 'le' && c.op !== 'lt' && c.op !== 'ge' && c.op !== 'gt') return undefined;
  const isRef = (n: IrNode) => n.op === 'ref' && n.space === space;
  let ref: IrNode;
  let value: number;
  let upper: boolean;
  if (isRef(c.left) && c.right.op === 'const') {
    ref = c.left;
    value = c.right.value;
    upper = c.op === 'le' || c.op === 'lt';
  } else if (isRef(c.right) && c.left.op === 'const') {
    ref = c.right;
    value = c.left.value;
    upper = c.op === 'ge' || c.op === 'gt';
  } else return undefined;
  // Strict bounds stay closed: a box is an enclosure, and the closure encloses the open set.
  return { index: (ref as Extract<IrNode, { op: 'ref' }>).index, box: upper ? interval(-Infinity, value) : interval(value, Infinity) };
}

/** A precondition conjunct that is a bound `action op expr` with expr free of actions. */
export function isActionBound(c: IrNode): boolean {
  if (c.op !== 'le' && c.op !== 'lt' && c.op !== 'ge' && c.op !== 'gt') return false;
  const isAction = (n: IrNode) => n.op === 'ref' && n.space === 'action';
  return (isAction(c.left) && !dependsOnActions(c.right)) || (isAction(c.right) && !dependsOnActions(c.left));
}
