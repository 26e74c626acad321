import { createDiagnostic, type Diagnostic, type Span } from '@rddl/core';
import type { BoundVariable, FiniteType, FluentExpr, Model, TypedExpr, ValueType } from '@rddl/model';
import { groundingIndex } from '@rddl/model';
import { binary, constant, ifThenElse, nary, select, unary } from './fold.js';
import type { IrKind, IrNode, MatrixGroup, Site, Space, VectorSampleGroup } from './ir.js';
import type { Layout } from './layout.js';

/** Thrown when grounding would exceed the node budget (reported as RDDL4001). */
export class GroundingLimitError extends Error {
  constructor(readonly span: Span) {
    super('grounding limit');
  }
}

export function irKind(t: ValueType): IrKind {
  return t.kind === 'finite' ? 'finite' : t.kind;
}

/**
 * Grounds typed expressions into IR for given object bindings. `env[slot]` is
 * the value index bound to a variable; `key` numbers the grounding (CPF
 * grounding, then aggregation tuples) for random-draw sites.
 */
export class Grounder {
  private nodes = 0;
  private readonly siteOf = new Map<TypedExpr, number>();
  private readonly vectorGroups = new Map<string, VectorSampleGroup>();
  /** Groups made so far per vector-distribution site: the group's grounding ordinal. */
  private readonly groupsPerSite = new Map<number, number>();
  private readonly matrixGroups = new Map<string, MatrixGroup>();
  private groupIds = 0;

  constructor(
    private readonly model: Model,
    private readonly layout: Layout,
    private readonly maxNodes: number,
    readonly diagnostics: Diagnostic[],
  ) {
    this.numberSites();
  }

  /** Give each random expression of the lifted model a stable site number. */
  private numberSites(): void {
    const visit = (e: TypedExpr): void => {
      if (e.kind === 'sample' || e.kind === 'discrete' || e.kind === 'discrete-aggregate' || e.kind === 'vector-sample') {
        if (e.kind !== 'sample' || (e.dist !== 'KronDelta' && e.dist !== 'DiracDelta')) this.siteOf.set(e, this.siteOf.size);
      }
      forEachChild(e, visit);
    };
    for (const c of this.model.cpfs) visit(c.expression);
    visit(this.model.reward.expression);
    for (const c of [...this.model.stateInvariants, ...this.model.actionPreconditions, ...this.model.termination]) visit(c.expression);
    if (this.siteOf.size > 65536) {
      this.diagnostics.push(createDiagnostic('RDDL4001', this.model.instanceSpan, `the domain has ${this.siteOf.size} random expressions; at most 65536 are supported`));
    }
  }

  private site(e: TypedExpr, key: number): Site {
    return { site: this.siteOf.get(e) ?? 0, grounding: key >>> 0 };
  }

  private count(span: Span): void {
    if (++this.nodes > this.maxNodes) throw new GroundingLimitError(span);
  }

  get nodeCount(): number {
    return this.nodes;
  }

  ground(e: TypedExpr, env: Int32Array, key: number): IrNode {
    this.count(e.span);
    const kind = irKind(e.type);
    switch (e.kind) {
      case 'const':
        return constant(e.value, kind, e.span);
      case 'param':
        return constant(env[e.slot]!, 'finite', e.span);
      case 'fluent':
        return this.fluent(e, env, key);
      case 'unary':
        if (e.op === 'pos') return this.ground(e.arg, env, key);
        return unary(e.op, this.ground(e.arg, env, key), kind, e.span);
      case 'binary':
        return this.binaryOp(e.op, this.ground(e.left, env, key), this.ground(e.right, env, key), kind, e.span, e.left.type, e.right.type);
      case 'if':
        return ifThenElse(this.ground(e.condition, env, key), this.groundAs(e.then, e.type, env, key), this.groundAs(e.else, e.type, env, key), kind, e.span);
      case 'switch': {
        const subject = this.ground(e.subject, env, key);
        const type = (e.subject.type as Extract<ValueType, { kind: 'finite' }>).type;
        const byValue = new Map(e.cases.map((c) => [c.value, c.body]));
        const options = type.values.map((_, i) => {
          const body = byValue.get(i) ?? e.defaultCase;
          return body ? this.groundAs(body, e.type, env, key) : constant(0, kind, e.span);
        });
        return select(subject, options, kind, e.span);
      }
      case 'aggregate':
        return this.aggregate(e, env, key, kind);
      case 'call':
        return { op: 'call', fn: e.fn, args: e.args.map((a) => this.ground(a, env, key)), kind, span: e.span };
      case 'sample': {
        const args = e.args.map((a) => this.ground(a, env, key));
        // Point masses are their argument: nothing is drawn.
        if (e.dist === 'KronDelta' || e.dist === 'DiracDelta') return args[0]!;
        return { op: 'sample', dist: e.dist, args, site: this.site(e, key), kind, span: e.span };
      }
      case 'discrete': {
        const given = e.probabilities.map((p) => (p ? this.ground(p, env, key) : undefined));
        let probabilities: IrNode[] = given.map((p) => p ?? constant(0, 'real', e.span));
        if (e.otherwise !== undefined) {
          const others = given.filter((p, i): p is IrNode => p !== undefined && i !== e.otherwise);
          const rest = binary('sub', constant(1, 'real', e.span), nary('sum', others, 'real', e.span), 'real', e.span);
          probabilities = probabilities.map((p, i) => (i === e.otherwise ? rest : p));
        }
        return { op: 'discrete', probabilities, normalized: e.normalized, site: this.site(e, key), kind, span: e.span };
      }
      case 'discrete-aggregate': {
        const probabilities = this.overValues([e.variable], env, key, (k) => this.ground(e.body, env, k));
        return { op: 'discrete', probabilities, normalized: e.normalized, site: this.site(e, key), kind, span: e.span };
      }
      case 'vector-sample':
        return this.vectorComponent(e, env, key, kind);
      case 'det': {
        const entries = this.overValues([e.row, e.column], env, key, (k) => this.ground(e.body, env, k));
        return { op: 'det', size: e.row.type.values.length, entries, kind, span: e.span };
      }
      case 'matrix':
        return this.matrixEntry(e, env, key, kind);
    }
  }

  /** Ground `e` as a value of `type`: a value of a subtype is re-indexed to the parent type's values. */
  groundAs(e: TypedExpr, type: ValueType, env: Int32Array, key: number): IrNode {
    const n = this.ground(e, env, key);
    return e.type.kind === 'finite' && type.kind === 'finite' ? this.convert(n, e.type.type, type.type, e.span) : n;
  }

  private binaryOp(op: Parameters<typeof binary>[0], left: IrNode, right: IrNode, kind: IrKind, span: Span, lt: ValueType, rt: ValueType): IrNode {
    // Comparing values of a type and its subtype: bring both to the same indexing.
    if ((op === 'eq' || op === 'neq') && lt.kind === 'finite' && rt.kind === 'finite' && lt.type !== rt.type) {
      right = this.convert(right, rt.type, lt.type, span);
    }
    return binary(op, left, right, kind, span);
  }

  /** Re-index a finite value from `from`'s value list to `to`'s (subtype ↔ supertype). */
  private convert(n: IrNode, from: FiniteType, to: FiniteType, span: Span): IrNode {
    if (from === to) return n;
    const index = new Map(to.values.map((v, i) => [v, i]));
    const options = from.values.map((v) => constant(index.get(v) ?? -1, 'finite', span));
    return select(n, options, 'finite', span);
  }

  /** Evaluate `body` for every tuple of values of `vars` (binding their slots), with grounding keys. */
  private overValues<T>(vars: readonly BoundVariable[], env: Int32Array, key: number, body: (key: number) => T): T[] {
    const sizes = vars.map((v) => v.type.values.length);
    const total = sizes.reduce((a, b) => a * b, 1);
    const out: T[] = [];
    const saved = vars.map((v) => env[v.slot]!);
    for (let t = 0; t < total; t++) {
      let rest = t;
      for (let i = vars.length - 1; i >= 0; i--) {
        env[vars[i]!.slot] = rest % sizes[i]!;
        rest = Math.floor(rest / sizes[i]!);
      }
      out.push(body(Math.imul(key, total) + t));
    }
    vars.forEach((v, i) => (env[v.slot] = saved[i]!));
    return out;
  }

  private aggregate(e: Extract<TypedExpr, { kind: 'aggregate' }>, env: Int32Array, key: number, kind: IrKind): IrNode {
    const terms = this.overValues(e.variables, env, key, (k) => this.ground(e.body, env, k));
    switch (e.op) {
      case 'sum':
        return nary('sum', terms, kind, e.span);
      case 'prod':
        return nary('prod', terms, kind, e.span);
      case 'avg':
        return terms.length === 0
          ? constant(Number.NaN, 'real', e.span)
          : binary('div', nary('sum', terms, 'real', e.span), constant(terms.length, 'int', e.span), 'real', e.span);
      case 'minimum':
        return nary('min', terms, kind, e.span);
      case 'maximum':
        return nary('max', terms, kind, e.span);
      case 'forall':
        return nary('all', terms, 'bool', e.span);
      case 'exists':
        return nary('any', terms, 'bool', e.span);
      case 'argmin':
      case 'argmax':
        if (terms.length === 0) {
          this.diagnostics.push(createDiagnostic('RDDL4002', e.span, `${e.op} over the empty type '${e.variables[0]!.type.name}'`));
          return constant(0, 'finite', e.span);
        }
        return { op: e.op, args: terms, kind, span: e.span };
    }
  }

  private fluent(e: FluentExpr, env: Int32Array, key: number): IrNode {
    const p = e.pvariable;
    const kind = irKind(p.range);
    // Arguments that are known now pick the grounding directly; the others select at run time.
    const args = e.args.map((a, i) => {
      const n = this.ground(a, env, key);
      const argType = a.type.kind === 'finite' ? a.type.type : p.parameters[i]!;
      return this.convert(n, argType, p.parameters[i]!, a.span);
    });
    const build = (indices: number[]): IrNode => {
      const g = groundingIndex(p.parameters, indices);
      return this.leaf(e, g, kind);
    };
    const expand = (i: number, indices: number[]): IrNode => {
      if (i === args.length) return build(indices);
      const a = args[i]!;
      if (a.op === 'const') return expand(i + 1, [...indices, a.value]);
      const options = p.parameters[i]!.values.map((_, v) => expand(i + 1, [...indices, v]));
      return select(a, options, kind, e.span);
    };
    return expand(0, []);
  }

  private leaf(e: FluentExpr, grounding: number, kind: IrKind): IrNode {
    const p = e.pvariable;
    if (grounding < 0 || !Number.isFinite(grounding)) return constant(Number.NaN, kind, e.span);
    if (p.kind === 'non-fluent') return constant(this.model.nonFluentValues.get(p.name)![grounding]!, kind, e.span);
    const space: Space =
      p.kind === 'state-fluent' ? (e.primed ? 'next' : 'state') : p.kind === 'action-fluent' ? 'action' : p.kind === 'observ-fluent' ? 'observ' : 'interm';
    const layoutSpace = space === 'next' ? this.layout.state : this.layout[space];
    return { op: 'ref', space, index: layoutSpace.offsets.get(p.name)! + grounding, kind, span: e.span };
  }

  private vectorComponent(e: Extract<TypedExpr, { kind: 'vector-sample' }>, env: Int32Array, key: number, kind: IrKind): IrNode {
    const component = env[e.output.slot]!;
    // One group per binding of the CPF's other parameters: every slot but the output's.
    const size = e.output.type.values.length;
    const site = this.siteOf.get(e) ?? 0;
    const groupKey = `${site}:${[...env].map((v, i) => (i === e.output.slot ? -1 : v)).join(',')}`;
    let group = this.vectorGroups.get(groupKey);
    if (!group) {
      let slotIndex = 0;
      const params = e.args.map((arg) => {
        const count = countParams(arg, e.placeholderSlots);
        const slots = e.placeholderSlots.slice(slotIndex, slotIndex + count);
        slotIndex += count;
        const vars = slots.map((slot) => ({ name: '_', slot, type: e.placeholderType }));
        return this.overValues(vars, env, key, () => this.ground(arg, env, key));
      });
      const ordinal = this.groupsPerSite.get(site) ?? 0;
      this.groupsPerSite.set(site, ordinal + 1);
      group = { id: this.groupIds++, dist: e.dist, size, params, site: { site, grounding: ordinal }, span: e.span };
      this.vectorGroups.set(groupKey, group);
    }
    return { op: 'vector-component', group, component, kind, span: e.span };
  }

  private matrixEntry(e: Extract<TypedExpr, { kind: 'matrix' }>, env: Int32Array, key: number, kind: IrKind): IrNode {
    const row = env[e.rowSlot]!;
    const column = env[e.columnSlot]!;
    const size = e.row.type.values.length;
    const outer = [...env].map((v, i) => (i === e.rowSlot || i === e.columnSlot ? -1 : v)).join(',');
    const groupKey = `${e.span.start}:${outer}`;
    let group = this.matrixGroups.get(groupKey);
    if (!group) {
      const entries = this.overValues([e.row, e.column], env, key, (k) => this.ground(e.body, env, k));
      group = { id: this.groupIds++, fn: e.op, size, entries, span: e.span };
      this.matrixGroups.set(groupKey, group);
    }
    return { op: 'matrix-entry', group, row, column, kind, span: e.span };
  }
}

/** How many placeholder slots a vector-distribution parameter uses. */
function countParams(arg: TypedExpr, placeholderSlots: readonly number[]): number {
  const slots = new Set(placeholderSlots);
  let n = 0;
  const visit = (x: TypedExpr): void => {
    if (x.kind === 'param' && slots.has(x.slot)) n++;
    forEachChild(x, visit);
  };
  visit(arg);
  return n;
}

export function forEachChild(e: TypedExpr, fn: (child: TypedExpr) => void): void {
  switch (e.kind) {
    case 'const':
    case 'param':
      return;
    case 'fluent':
      return e.args.forEach(fn);
    case 'unary':
      return fn(e.arg);
    case 'binary':
      fn(e.left);
      return fn(e.right);
    case 'if':
      fn(e.condition);
      fn(e.then);
      return fn(e.else);
    case 'switch':
      fn(e.subject);
      e.cases.forEach((c) => fn(c.body));
      if (e.defaultCase) fn(e.defaultCase);
      return;
    case 'aggregate':
    case 'discrete-aggregate':
    case 'det':
    case 'matrix':
      return fn(e.body);
    case 'call':
    case 'sample':
    case 'vector-sample':
      return e.args.forEach(fn);
    case 'discrete':
      return e.probabilities.forEach((p) => p && fn(p));
  }
}
