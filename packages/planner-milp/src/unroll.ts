import type { Span } from '@rddl/core';
import { interpret, irChildren, referencesOf, type IrNode } from '@rddl/compiler';
import * as D from '@rddl/distributions';
import { evaluateSym, isConst, isLin, isQuad, minus, plus, scale, singleVariable, times, variable, type Lin, type Sym } from './affine.js';
import type { ModelAnalysis } from './analysis.js';
import { EncodingError } from './encode-error.js';
import { Encoder, type Comparison } from './encoder.js';
import * as I from './interval.js';
import { Program, type VarType } from './program.js';
import { encodePiecewise, encodeSquare, univariate } from './pwl.js';
import type { Draws } from './scenarios.js';

export interface UnrollSettings {
  /** Steps unrolled from the current state. */
  readonly lookahead: number;
  /** Scenarios (1 for mean-value determinisation). */
  readonly scenarios: number;
  /** Leading steps whose actions all scenarios share (non-anticipativity). */
  readonly sharedSteps: number;
  /** Segments of each piecewise-linear approximation. */
  readonly pieces: number;
  /** Margin of strict real comparisons. */
  readonly epsilon: number;
  /** State invariants as constraints on the predicted states. */
  readonly invariants: boolean;
}

interface At {
  readonly k: number;
  readonly j: number;
}

type Ref = Extract<IrNode, { op: 'ref' }>;
const INTEGRAL = new Set(['int', 'bool', 'finite']);

/**
 * The unrolled model: the IR of `lookahead` steps from a known state, for
 * every scenario, turned into a mixed-integer program. Fluents are evaluated
 * symbolically (constants fold, affine expressions stay affine, everything
 * else goes through `Encoder`), lazily, so fluents the reward and the
 * constraints never read cost nothing. Values that no draw can reach (a
 * precondition on the shared first action, say) are built once for all
 * scenarios.
 */
export class Unroller {
  readonly program = new Program();
  readonly enc: Encoder;
  private readonly memo = new Map<string, Sym>();
  private readonly indepMemo = new Map<string, boolean>();
  private readonly actionVars = new Map<string, Sym>();
  /** While set, actions read as their defaults (to check that the default action is valid). */
  private useDefaults = false;
  /** True once a termination condition that depends on the decisions was left out. */
  terminationIgnored = false;

  constructor(
    readonly analysis: ModelAnalysis,
    readonly state0: ArrayLike<number>,
    readonly t0: number,
    readonly draws: Draws,
    readonly settings: UnrollSettings,
  ) {
    this.enc = new Encoder(this.program, settings.epsilon);
  }

  private get compiled() {
    return this.analysis.compiled;
  }

  /**
   * Build constraints and objective: Σ_k Σ_j discount^j reward_{k,j} / K.
   * Action variables come into being when the dynamics read them; a step
   * whose actions nothing reads (an action ignored that day) gets neither
   * variables nor precondition rows, provided the default action satisfies
   * its preconditions there: then the default is what it plays.
   */
  build(): void {
    const { lookahead: L, scenarios: K } = this.settings;
    const alive = Array.from({ length: K }, () => true);
    for (let j = 0; j < L; j++) {
      const weight = Math.pow(this.compiled.discount, j) / K;
      for (let k = 0; k < K; k++) {
        if (!alive[k]) continue;
        const at = { k, j };
        this.program.addObjective(scale(this.reward(at), weight), k);
        // Every effect of this step's actions on the future goes through the next state.
        for (let i = 0; i < this.compiled.layout.state.size; i++) this.next(at, i);
        if (this.settings.invariants) this.invariants({ k, j: j + 1 });
        if (this.stepHasActions(at) || !this.defaultsHold(at)) {
          this.preconditions(at);
          this.maxNondef(at);
        }
        if (j + 1 < L && this.terminates({ k, j: j + 1 })) alive[k] = false;
      }
    }
  }

  private stepHasActions(at: At): boolean {
    const s = this.slot(at, at.j < this.settings.sharedSteps);
    for (let i = 0; i < this.compiled.layout.action.size; i++) if (this.actionVars.has(`${s.k}:${s.j}:${i}`)) return true;
    return false;
  }

  /** Whether every precondition folds to true with the default action at this step. */
  private defaultsHold(at: At): boolean {
    this.useDefaults = true;
    try {
      return this.compiled.preconditions.every((p) => {
        const v = this.ev(p.expr, at, 0);
        return isConst(v) && v !== 0;
      });
    } catch (err) {
      if (err instanceof EncodingError) return false;
      throw err;
    } finally {
      this.useDefaults = false;
    }
  }

  /**
   * True when the first action changes neither the reward nor the next
   * state (a day on which actions are ignored): then it needs no solve.
   */
  firstActionIsIdle(): boolean {
    try {
      const at = { k: 0, j: 0 };
      if (!isConst(this.reward(at))) return false;
      for (let i = 0; i < this.compiled.layout.state.size; i++) if (!isConst(this.next(at, i))) return false;
      return true;
    } catch (err) {
      if (err instanceof EncodingError) return false;
      throw err;
    }
  }

  /** The actions of scenario 0 at step j from a solution (defaults where no variable exists). */
  actionsAt(j: number, x: ArrayLike<number>): Float64Array {
    const out = Float64Array.from(this.compiled.defaultAction);
    this.compiled.layout.action.fluents.forEach((f, i) => {
      const v = this.actionVars.get(`${0}:${j}:${i}`);
      if (v === undefined) return;
      let value = evaluateSym(v, x);
      const index = singleVariable(v);
      if (index !== undefined) {
        const box = this.program.vars[index]!;
        // Solvers return values within their tolerances: snap to the box and to integers.
        value = Math.min(box.ub, Math.max(box.lb, value));
      }
      if (f.pvariable.range.kind !== 'real') value = Math.round(value);
      out[i] = value;
    });
    return out;
  }

  /** The variable of action i at step j of scenario 0, if the program has one. */
  actionVariable(j: number, i: number): number | undefined {
    const v = this.actionVars.get(`0:${j}:${i}`);
    return v === undefined ? undefined : singleVariable(v);
  }

  /**
   * First-step real actions that lie within a relative 1e-5 of a cleaner
   * value (their default, 0, a bound of their box) but not on
   * it: the value and variable to try instead (see polishing in planner.ts).
   */
  snapCandidates(x: ArrayLike<number>): { index: number; value: number }[] {
    const out: { index: number; value: number }[] = [];
    this.compiled.layout.action.fluents.forEach((f, i) => {
      const v = this.actionVars.get(`0:0:${i}`);
      const index = v === undefined ? undefined : singleVariable(v);
      if (index === undefined || f.pvariable.range.kind !== 'real') return;
      const box = this.program.vars[index]!;
      const value = x[index]!;
      const range = Number.isFinite(box.ub - box.lb) ? box.ub - box.lb : Math.abs(value);
      const tolerance = 1e-5 * Math.max(1, range);
      const candidates = [this.compiled.defaultAction[i]!, 0, box.lb, box.ub].filter((c) => c >= box.lb && c <= box.ub);
      let best: number | undefined;
      for (const c of candidates) if (Math.abs(c - value) <= tolerance && (best === undefined || Math.abs(c - value) < Math.abs(best - value))) best = c;
      if (best !== undefined && best !== value) out.push({ index, value: best });
    });
    return out;
  }

  // ------------------------------------------------------------------ fluents

  private key(space: string, at: At, i: number): string {
    return `${this.useDefaults ? 'default-' : ''}${space}:${at.k}:${at.j}:${i}`;
  }

  private remember(space: string, at: At, i: number, make: () => Sym): Sym {
    const key = this.key(space, at, i);
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    const v = make();
    this.memo.set(key, v);
    return v;
  }

  /** Scenario slot of a value: 0 when no draw can reach it (shared by all scenarios). */
  private slot(at: At, indep: boolean): At {
    return indep || this.settings.scenarios === 1 ? { k: 0, j: at.j } : at;
  }

  private state(at: At, i: number): Sym {
    if (at.j === 0) return this.state0[i]!;
    return this.next({ k: at.k, j: at.j - 1 }, i);
  }

  private next(at: At, i: number): Sym {
    const s = this.slot(at, this.nextIndep(at.j, i));
    return this.remember('next', s, i, () => {
      const cpf = this.analysis.nextCpf[i]!;
      const v = this.ev(cpf.expr, s, 0);
      // A state that is an affine expression becomes a variable: rows stay short over long horizons,
      // and its box can take the invariants' bounds, which the big-M constants then use.
      if (!isLin(v) || singleVariable(v) !== undefined) return v;
      const box = I.meet(I.meet(this.program.bounds(v), this.analysis.stateBoxes[i]!), this.settings.invariants ? this.analysis.invariantBoxes[i]! : I.EVERYTHING);
      const name = `${cpf.fluent.name}@${this.t0 + s.j + 1}${this.suffix(s, this.nextIndep(at.j, i))}`;
      const index = this.program.addVar(name, box.lo, box.hi, 'continuous');
      this.program.addRow(minus(variable(index), v), 0, 0, `next state of ${cpf.fluent.name}`);
      this.program.define(index, v);
      return variable(index);
    });
  }

  private interm(at: At, i: number): Sym {
    const cpf = this.analysis.intermCpf[i]!;
    const s = this.slot(at, this.nodeIndep(cpf.expr, at.j));
    return this.remember('interm', s, i, () => this.ev(cpf.expr, s, 0));
  }

  private observ(at: At, i: number): Sym {
    const cpf = this.analysis.observCpf[i]!;
    const s = this.slot(at, this.nodeIndep(cpf.expr, at.j));
    return this.remember('observ', s, i, () => this.ev(cpf.expr, s, 0));
  }

  private suffix(at: At, shared: boolean): string {
    return shared || this.settings.scenarios === 1 ? '' : `.k${at.k}`;
  }

  /** The decision variable of action i at a step (shared by the scenarios in the first steps). */
  private action(at: At, i: number): Sym {
    const shared = at.j < this.settings.sharedSteps;
    const s = this.slot(at, shared);
    const key = `${s.k}:${s.j}:${i}`;
    const hit = this.actionVars.get(key);
    if (hit !== undefined) return hit;
    const f = this.compiled.layout.action.fluents[i]!;
    let box = this.analysis.actionRangeBoxes[i]!;
    const lower = this.analysis.actionBounds.lower[i]!;
    const upper = this.analysis.actionBounds.upper[i]!;
    // Box from the bound preconditions at this step (state-dependent bounds evaluate to their range).
    for (const b of lower) box = I.meet(box, { lo: this.program.bounds(this.lin(this.ev(b, s, 0), 'action bound', b.span)).lo, hi: Infinity });
    for (const b of upper) box = I.meet(box, { lo: -Infinity, hi: this.program.bounds(this.lin(this.ev(b, s, 0), 'action bound', b.span)).hi });
    const kind = f.pvariable.range.kind;
    const type: VarType = kind === 'bool' ? 'binary' : kind === 'real' ? 'continuous' : 'integer';
    const index = this.program.addVar(`${f.name}@${this.t0 + s.j}${this.suffix(s, shared)}`, box.lo, box.hi, type);
    const d = this.compiled.defaultAction[i]!;
    // The default action as a MIP start (noop is often feasible; the solver checks and completes it).
    if (d >= box.lo && d <= box.hi) {
      this.program.start.index.push(index);
      this.program.start.value.push(d);
    }
    const v = variable(index);
    this.actionVars.set(key, v);
    return v;
  }

  private reward(at: At): Sym {
    const s = this.slot(at, this.nodeIndep(this.compiled.reward, at.j));
    return this.remember('reward', s, 0, () => this.ev(this.compiled.reward, s, 1));
  }

  // ------------------------------------------------------------------ constraints

  private preconditions(at: At): void {
    this.compiled.preconditions.forEach((p) => {
      if (at.k > 0 && this.nodeIndep(p.expr, at.j)) return;
      this.imply(1, p.expr, at, `precondition (${location(p.condition.span)}) at step ${this.t0 + at.j}`);
    });
  }

  private invariants(at: At): void {
    this.compiled.invariants.forEach((p) => {
      if (at.k > 0 && this.nodeIndep(p.expr, at.j)) return;
      this.imply(1, p.expr, at, `state invariant (${location(p.condition.span)}) at step ${this.t0 + at.j}`);
    });
  }

  /** max-nondef-actions: at most N actions away from their defaults. */
  private maxNondef(at: At): void {
    const actions = this.compiled.layout.action.fluents;
    const limit = this.compiled.maxNondefActions;
    if (!(limit < actions.length)) return;
    if (at.k > 0 && at.j < this.settings.sharedSteps) return;
    let count: Sym = 0;
    actions.forEach((f, i) => {
      const x = this.action(at, i);
      const d = this.compiled.defaultAction[i]!;
      const index = singleVariable(x)!;
      const v = this.program.vars[index]!;
      if (v.type === 'binary') {
        count = plus(count, d >= 0.5 ? minus(1, x) : x);
        return;
      }
      if (f.pvariable.range.kind === 'finite') {
        count = plus(count, minus(1, this.enc.indicatorOf(index, d)));
        return;
      }
      // ν = 0 forces the action to its default: (lb − d) ν <= x − d <= (ub − d) ν.
      if (!Number.isFinite(v.lb) || !Number.isFinite(v.ub)) {
        throw new EncodingError('max-nondef-actions', undefined, `action ${f.name} has no finite bounds, so whether it differs from its default cannot be encoded; add bound preconditions`);
      }
      const nu = this.enc.binary('nondef');
      this.program.addRow(minus(minus(x, d), scale(nu, v.ub - d)), -Infinity, 0, 'max-nondef-actions');
      this.program.addRow(minus(minus(x, d), scale(nu, v.lb - d)), 0, Infinity, 'max-nondef-actions');
      count = plus(count, nu);
    });
    this.program.addRow(count, -Infinity, limit, `max-nondef-actions = ${limit} at step ${this.t0 + at.j}`);
  }

  /**
   * Whether the episode has certainly ended in the state of step at.j: a
   * termination condition that folds to true. One that depends on the
   * decisions is left out (the plan then assumes the episode goes on, which
   * is exact when terminal states are absorbing with zero reward).
   */
  private terminates(at: At): boolean {
    for (const t of this.compiled.terminations) {
      const refs = [...referencesOf(t.expr).values()];
      if (!refs.every((r) => r.space === 'state' && isConst(this.state(at, r.index)))) {
        this.terminationIgnored = true;
        continue;
      }
      const v = this.ev(t.expr, at, 0);
      if (isConst(v) && v !== 0) return true;
    }
    return false;
  }

  /**
   * Make δ = 1 imply that the boolean expression holds (δ = 1: a
   * constraint). Conjunctions pass δ down; disjunctions get one binary per
   * disjunct; comparisons become (big-M) rows, so a required constraint
   * never needs a binary of its own.
   */
  private imply(delta: Sym, n: IrNode, at: At, origin: string): void {
    if (isConst(delta) && delta <= 0) return;
    switch (n.op) {
      case 'const':
        if (n.value !== 0) return;
        if (isConst(delta)) this.program.infeasible ??= `${origin}: always false`;
        else this.program.addRow(delta, -Infinity, 0, origin);
        return;
      case 'and':
        this.imply(delta, n.left, at, origin);
        this.imply(delta, n.right, at, origin);
        return;
      case 'all':
        for (const a of n.args) this.imply(delta, a, at, origin);
        return;
      case 'or':
      case 'any': {
        const parts = 'args' in n ? n.args : [n.left, n.right];
        let sum: Sym = 0;
        for (const p of parts) {
          const v = p.kind === 'bool' && this.isDecided(p, at);
          if (v === 1) return;
          if (v === 0) continue;
          const d = this.enc.binary('or');
          this.imply(d, p, at, origin);
          sum = plus(sum, d);
        }
        this.program.addRow(minus(sum, delta), 0, Infinity, origin);
        return;
      }
      case 'lt':
      case 'le':
      case 'gt':
      case 'ge':
      case 'eq':
      case 'neq': {
        if (n.left.kind === 'bool' && n.right.kind === 'bool' && (n.op === 'eq' || n.op === 'neq')) break;
        const e = minus(this.lin(this.ev(n.left, at, 0), 'comparison', n.span), this.lin(this.ev(n.right, at, 0), 'comparison', n.span));
        this.enc.imply(delta, e, n.op, this.integral(n.left, n.right), comparisonName(n.op), n.span, origin);
        return;
      }
      default:
        break;
    }
    const t = this.truth(n, at);
    if (isConst(t) && t === 0 && isConst(delta)) this.program.infeasible ??= `${origin}: always false`;
    else this.program.addRow(minus(t, delta), 0, Infinity, origin);
  }

  /**
   * 1 or 0 when a boolean expression reads nothing but constants and known
   * states (so evaluating it creates no encoding), else false.
   */
  private isDecided(n: IrNode, at: At): 0 | 1 | false {
    if (n.op === 'const') return n.value !== 0 ? 1 : 0;
    if (dependsOnDecisions(n)) return false;
    for (const r of referencesOf(n).values()) if (!isConst(this.state(at, r.index))) return false;
    const v = this.ev(n, at, 0);
    return isConst(v) ? (v !== 0 ? 1 : 0) : false;
  }

  // ------------------------------------------------------------------ scenario independence

  /** Whether a node's value at step j is the same in every scenario (no draw reaches it). */
  private nodeIndep(n: IrNode, j: number): boolean {
    if (this.settings.scenarios === 1) return true;
    switch (n.op) {
      case 'sample':
      case 'discrete':
      case 'vector-component':
        return false;
      case 'ref':
        switch (n.space) {
          case 'state':
            return j === 0 || this.nextIndep(j - 1, n.index);
          case 'action':
            return j < this.settings.sharedSteps;
          case 'next':
            return this.nextIndep(j, n.index);
          case 'interm':
            return this.cachedIndep(`i:${j}:${n.index}`, () => this.nodeIndep(this.analysis.intermCpf[n.index]!.expr, j));
          case 'observ':
            return this.cachedIndep(`o:${j}:${n.index}`, () => this.nodeIndep(this.analysis.observCpf[n.index]!.expr, j));
        }
        return false;
      default:
        return irChildren(n).every((c) => this.nodeIndep(c, j));
    }
  }

  private nextIndep(j: number, i: number): boolean {
    if (this.settings.scenarios === 1) return true;
    return this.cachedIndep(`n:${j}:${i}`, () => this.nodeIndep(this.analysis.nextCpf[i]!.expr, j));
  }

  private cachedIndep(key: string, compute: () => boolean): boolean {
    const hit = this.indepMemo.get(key);
    if (hit !== undefined) return hit;
    const v = compute();
    this.indepMemo.set(key, v);
    return v;
  }

  // ------------------------------------------------------------------ expressions

  private integral(...nodes: IrNode[]): boolean {
    return nodes.every((n) => INTEGRAL.has(n.kind));
  }

  /** A boolean expression as a 0/1 value (non-boolean values: their truth, x != 0). */
  private truth(n: IrNode, at: At): Sym {
    const v = this.ev(n, at, 0);
    if (n.kind === 'bool') return v;
    if (isConst(v)) return v !== 0 ? 1 : 0;
    return this.enc.reify(this.lin(v, 'truth value', n.span), 'neq', INTEGRAL.has(n.kind), 'truth value', n.span);
  }

  /**
   * An affine value: quadratic ones (products of decisions) are linearised
   * here, where something other than the objective needs them: x² by a
   * piecewise-linear square, x·y by ((x + y)² − (x − y)²) / 4, exactly when
   * one factor is binary.
   */
  private lin(s: Sym, construct: string, span: Span | undefined): Sym {
    if (!isQuad(s)) return s;
    let out: Sym = s.rest;
    for (const { a, b, k } of s.products) out = plus(out, scale(this.linearProduct(a, b, construct, span), k));
    return out;
  }

  /**
   * a·b as an affine value: exact when a factor is a combination of binaries
   * (Σ c_i (x_i ? b : 0)), else ((x + y)² − (x − y)²) / 4 with x, y
   * variables standing for a and b and piecewise-linear squares.
   */
  private linearProduct(a: Lin, b: Lin, construct: string, span: Span | undefined): Sym {
    const binaryOnly = (l: Lin) => l.terms.size <= 64 && [...l.terms.keys()].every((i) => this.program.vars[i]!.type === 'binary');
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      if (!binaryOnly(x)) continue;
      let out: Sym = scale(y, x.c);
      for (const [i, c] of x.terms) out = plus(out, scale(this.enc.ifThenElse(variable(i), y, 0, construct, span), c));
      return out;
    }
    const name = (l: Lin): Sym => {
      if (singleVariable(l) !== undefined) return l;
      const box = this.enc.finiteBounds(l, construct, span);
      const v = this.enc.continuous(box, 'factor');
      this.program.addRow(minus(v, l), 0, 0, `factor of ${construct}`);
      return v;
    };
    const x = name(a);
    if (a === b) return encodeSquare(this.enc, x, this.settings.pieces, `${construct} (square)`, span);
    const y = name(b);
    const sum = encodeSquare(this.enc, plus(x, y), this.settings.pieces, `${construct} (product)`, span);
    const diff = encodeSquare(this.enc, minus(x, y), this.settings.pieces, `${construct} (product)`, span);
    // The product of the factors' boxes bounds it far better than the difference of two squares'
    // (which would compound over the horizon): name it with that box, widened by the squares'
    // interpolation errors (at most h²/4 each, h a segment's width).
    const bx = this.program.bounds(x);
    const by = this.program.bounds(y);
    const n = Math.max(1, Math.round(this.settings.pieces));
    const error = ((bx.hi - bx.lo + by.hi - by.lo) / n) ** 2 / 8;
    const exact = I.mul(bx, by);
    const z = this.enc.continuous({ lo: exact.lo - error, hi: exact.hi + error }, 'product');
    this.program.addRow(minus(z, scale(minus(sum, diff), 0.25)), 0, 0, `product in ${construct}`);
    return z;
  }

  private ref(n: Ref, at: At): Sym {
    switch (n.space) {
      case 'state':
        return this.state(at, n.index);
      case 'action':
        return this.useDefaults ? this.compiled.defaultAction[n.index]! : this.action(at, n.index);
      case 'interm':
        return this.interm(at, n.index);
      case 'next':
        return this.next(at, n.index);
      case 'observ':
        return this.observ(at, n.index);
    }
  }

  /**
   * The symbolic value of an IR node at (scenario, step). `polarity` > 0:
   * the value only ever feeds the maximised objective with a positive sign
   * (< 0: negative sign), which lets min, max, abs and convex or concave
   * functions drop their binaries; 0: no such knowledge.
   */
  private ev(n: IrNode, at: At, polarity: number): Sym {
    switch (n.op) {
      case 'const':
        return n.value;
      case 'ref':
        return this.ref(n, at);
      case 'neg':
        return scale(this.ev(n.arg, at, -polarity), -1);
      case 'not': {
        const t = this.truth(n.arg, at);
        return minus(1, t);
      }
      case 'add':
        return plus(this.ev(n.left, at, polarity), this.ev(n.right, at, polarity));
      case 'sub':
        return minus(this.ev(n.left, at, polarity), this.ev(n.right, at, -polarity));
      case 'mul':
        return this.product(n.left, n.right, at, polarity, n.span);
      case 'div': {
        const b = this.ev(n.right, at, 0);
        if (isConst(b)) {
          if (b === 0) throw new EncodingError('division', n.span, 'divides by zero');
          return scale(this.ev(n.left, at, polarity * Math.sign(b)), 1 / b);
        }
        const a = this.ev(n.left, at, 0);
        const inverse = this.nonlinear((v) => 1 / v, this.lin(b, 'division', n.span), this.reciprocalDomain(b, n.span), 0, 'division by a decision-dependent value', n.span);
        return this.multiply(a, inverse, false, false, n.span);
      }
      case 'and':
        return this.conjunction([n.left, n.right], at);
      case 'or':
        return this.disjunction([n.left, n.right], at, false);
      case 'implies':
        return this.disjunction([n.left, n.right], at, true);
      case 'equiv':
        return this.enc.equiv(this.truth(n.left, at), this.truth(n.right, at));
      case 'eq':
      case 'neq':
        if (n.left.kind === 'bool' && n.right.kind === 'bool') {
          const e = this.enc.equiv(this.truth(n.left, at), this.truth(n.right, at));
          return n.op === 'eq' ? e : minus(1, e);
        }
        return this.compare(n.op, n.left, n.right, at, n.span);
      case 'lt':
      case 'le':
      case 'gt':
      case 'ge':
        return this.compare(n.op, n.left, n.right, at, n.span);
      case 'sum':
        return n.args.reduce<Sym>((s, a) => plus(s, this.ev(a, at, polarity)), 0);
      case 'prod':
        return n.args.slice(1).reduce<Sym>((s, a) => this.multiply(s, this.ev(a, at, 0), false, a.kind === 'bool', n.span), this.ev(n.args[0]!, at, 0));
      case 'min':
      case 'max': {
        const op = n.op;
        if (n.args.length === 1) return this.ev(n.args[0]!, at, polarity);
        let acc = this.extreme(op, n.args[0]!, n.args[1]!, at, polarity, n.span);
        for (const a of n.args.slice(2)) acc = this.extremeOf(op, acc, this.ev(a, at, polarity), polarity, n.span);
        return acc;
      }
      case 'all':
        return this.conjunction(n.args, at);
      case 'any':
        return this.disjunction(n.args, at, false);
      case 'argmin':
      case 'argmax': {
        const values = n.args.map((a) => this.ev(a, at, 0));
        if (!values.every(isConst)) throw new EncodingError(n.op, n.span, 'its arguments depend on the decisions; only constant arguments are supported');
        let best = 0;
        values.forEach((v, i) => {
          if (n.op === 'argmax' ? v > (values[best] as number) : v < (values[best] as number)) best = i;
        });
        return best;
      }
      case 'if': {
        const c = this.truth(n.condition, at);
        if (isConst(c)) return this.ev(c !== 0 ? n.then : n.else, at, polarity);
        const a = this.lin(this.ev(n.then, at, 0), 'if-then-else', n.span);
        const b = this.lin(this.ev(n.else, at, 0), 'if-then-else', n.span);
        return this.enc.ifThenElse(c, a, b, 'if-then-else', n.span);
      }
      case 'select':
        return this.select(n, at);
      case 'call':
        return this.call(n, at, polarity);
      case 'sample':
        return this.sample(n, at);
      case 'discrete': {
        const p = n.probabilities.map((x) => this.ev(x, at, 0));
        if (!p.every(isConst)) throw new EncodingError('Discrete', n.span, 'its probabilities depend on the decisions, which a scenario cannot fix');
        const problem = D.checkDiscrete(p, n.normalized);
        if (problem !== undefined) throw new EncodingError('Discrete', n.span, problem);
        return this.draws.discrete(at.k, at.j, n, p);
      }
      case 'vector-component':
        throw new EncodingError(n.group.dist, n.span, 'multivariate distributions are not supported by the milp planner');
      case 'matrix-entry':
        throw new EncodingError(n.group.fn, n.span, 'matrix functions are not supported by the milp planner');
      case 'det':
        throw new EncodingError('det', n.span, 'matrix functions are not supported by the milp planner');
    }
  }

  /** Short-circuits: an operand that folds to false ends it before the rest is encoded. */
  private conjunction(args: readonly IrNode[], at: At): Sym {
    const values: Sym[] = [];
    for (const a of args) {
      const v = this.truth(a, at);
      if (isConst(v) && v === 0) return 0;
      values.push(v);
    }
    return this.enc.and(values);
  }

  /** `implies`: the first operand negated. Short-circuits on an operand that folds to true. */
  private disjunction(args: readonly IrNode[], at: At, negateFirst: boolean): Sym {
    const values: Sym[] = [];
    for (const [i, a] of args.entries()) {
      const t = this.truth(a, at);
      const v = i === 0 && negateFirst ? minus(1, t) : t;
      if (isConst(v) && v === 1) return 1;
      values.push(v);
    }
    return this.enc.or(values);
  }

  private product(left: IrNode, right: IrNode, at: At, polarity: number, span: Span): Sym {
    // A constant factor passes the polarity (with its sign) to the other one.
    if (left.op === 'const') return scale(this.ev(right, at, polarity * Math.sign(left.value)), left.value);
    if (right.op === 'const') return scale(this.ev(left, at, polarity * Math.sign(right.value)), right.value);
    const a = this.ev(left, at, 0);
    if (isConst(a) && a === 0 && left.kind === 'bool') return 0;
    const b = this.ev(right, at, isConst(a) ? polarity * Math.sign(a) : 0);
    return this.multiply(a, b, left.kind === 'bool', right.kind === 'bool', span);
  }

  /** a·b: scaling, a 0/1 factor as if-then-else, else a quadratic value. */
  private multiply(a: Sym, b: Sym, aIsBool: boolean, bIsBool: boolean, span: Span): Sym {
    if (isConst(a)) return scale(b, a);
    if (isConst(b)) return scale(a, b);
    if (aIsBool) return this.enc.ifThenElse(a, this.lin(b, 'product', span), 0, 'product with a boolean', span);
    if (bIsBool) return this.enc.ifThenElse(b, this.lin(a, 'product', span), 0, 'product with a boolean', span);
    const la = this.lin(a, 'product', span);
    const lb = this.lin(b, 'product', span);
    return times(la, lb, this.program.expand(la), this.program.expand(lb))!;
  }

  private compare(op: Comparison, left: IrNode, right: IrNode, at: At, span: Span): Sym {
    const e = minus(this.lin(this.ev(left, at, 0), 'comparison', span), this.lin(this.ev(right, at, 0), 'comparison', span));
    if (isConst(e)) return I.compare(op, I.point(e), I.point(0)).lo;
    return this.enc.reify(e, op, this.integral(left, right), comparisonName(op), span);
  }

  /**
   * min/max of two IR operands. A clip of an action used nowhere else,
   * min[a, y] (max[a, y]), is a constraint a <= y (a >= y) instead: every
   * value the clip can produce is an action value that satisfies it, so the
   * optimum is the same and no binary is needed. It applies when y's lower
   * (upper) bound respects the action's box and, for an action the
   * scenarios share, y is the same in every scenario.
   */
  private extreme(op: 'min' | 'max', x: IrNode, y: IrNode, at: At, polarity: number, span: Span): Sym {
    for (const [a, other] of [
      [x, y],
      [y, x],
    ] as const) {
      if (a.op !== 'ref' || a.space !== 'action' || !this.analysis.clipOnly[a.index] || this.useDefaults) continue;
      const shared = at.j < this.settings.sharedSteps && this.settings.scenarios > 1;
      if (shared && !this.nodeIndep(other, at.j)) continue;
      const v = this.action(at, a.index);
      const box = this.program.vars[singleVariable(v)!]!;
      const ov = this.lin(this.ev(other, at, 0), op, span);
      const ob = this.program.bounds(ov);
      if (op === 'min' ? ob.lo >= box.lb : ob.hi <= box.ub) {
        if (op === 'min') this.program.addRow(minus(v, ov), -Infinity, 0, `clip of ${this.compiled.layout.action.fluents[a.index]!.name}`);
        else this.program.addRow(minus(v, ov), 0, Infinity, `clip of ${this.compiled.layout.action.fluents[a.index]!.name}`);
        return v;
      }
      return this.extremeOf(op, v, ov, polarity, span);
    }
    return this.extremeOf(op, this.ev(x, at, polarity), this.ev(y, at, polarity), polarity, span);
  }

  private extremeOf(op: 'min' | 'max', a: Sym, b: Sym, polarity: number, span: Span): Sym {
    const la = this.lin(a, op, span);
    const lb = this.lin(b, op, span);
    return op === 'min' ? this.enc.min(la, lb, polarity, 'min', span) : this.enc.max(la, lb, polarity, 'max', span);
  }

  private select(n: Extract<IrNode, { op: 'select' }>, at: At): Sym {
    const index = this.ev(n.index, at, 0);
    if (isConst(index)) {
      const option = n.options[index];
      if (!option) throw new EncodingError('select', n.span, `index ${index} is out of range`);
      return this.ev(option, at, 0);
    }
    let v = singleVariable(index);
    if (v === undefined || this.program.vars[v]!.type === 'continuous') {
      const b = this.enc.finiteBounds(index, 'select', n.span);
      v = this.program.addVar('index', b.lo, b.hi, 'integer');
      this.program.addRow(minus(variable(v), index), 0, 0, 'select index');
    }
    const box = this.program.vars[v]!;
    let out: Sym = 0;
    for (let i = Math.max(0, box.lb); i <= Math.min(n.options.length - 1, box.ub); i++) {
      const indicator = this.enc.indicatorOf(v, i);
      const option = this.lin(this.ev(n.options[i]!, at, 0), 'select', n.span);
      out = plus(out, this.enc.ifThenElse(indicator, option, 0, 'select', n.span));
    }
    return out;
  }

  private call(n: Extract<IrNode, { op: 'call' }>, at: At, polarity: number): Sym {
    if (n.fn === 'min' || n.fn === 'max') return this.extreme(n.fn, n.args[0]!, n.args[1]!, at, polarity, n.span);
    const args = n.args.map((a) => this.ev(a, at, 0));
    if (args.every(isConst)) return constantCall(n, args as number[]);
    const [a = 0, b = 0] = args;
    const la = () => this.lin(a, n.fn, n.span);
    const integral = INTEGRAL.has(n.args[0]!.kind);
    switch (n.fn) {
      case 'abs':
        return this.enc.abs(la(), polarity, 'abs', n.span);
      case 'sgn':
        return minus(this.enc.reify(la(), 'gt', integral, 'sgn', n.span), this.enc.reify(la(), 'lt', integral, 'sgn', n.span));
      case 'floor':
        return this.enc.floor(la(), integral, 'floor', n.span);
      case 'ceil':
        return scale(this.enc.floor(scale(la(), -1), integral, 'ceil', n.span), -1);
      case 'round':
        // floor(x + 1/2): rounds halves up where RDDL rounds them to even (a measure-zero difference).
        return this.enc.floor(plus(la(), 0.5), false, 'round', n.span);
      case 'div':
      case 'mod': {
        if (!isConst(b)) throw new EncodingError(n.fn, n.span, 'only a constant divisor can be encoded');
        if (n.fn === 'mod') return this.enc.mod(la(), b, integral && INTEGRAL.has(n.args[1]!.kind), 'mod', n.span);
        if (b <= 0) throw new EncodingError('div', n.span, 'only a positive constant divisor can be encoded');
        return this.enc.floor(scale(la(), 1 / b), false, 'div', n.span);
      }
      case 'pow': {
        if (isConst(b)) {
          if (b === 1) return a;
          if (b === 2) return this.multiply(a, a, false, false, n.span);
          const domain = Number.isInteger(b) ? (b > 0 ? I.EVERYTHING : this.reciprocalDomain(a, n.span)) : { lo: b > 0 ? 0 : Number.MIN_VALUE, hi: Infinity };
          return this.nonlinear((v) => Math.pow(v, b), la(), domain, polarity, 'pow', n.span);
        }
        if (isConst(a) && a > 0) return this.nonlinear((v) => Math.pow(a, v), this.lin(b, 'pow', n.span), I.EVERYTHING, polarity, 'pow', n.span);
        throw new EncodingError('pow', n.span, 'both the base and the exponent depend on the decisions');
      }
      case 'log':
        if (isConst(b) && b > 0 && b !== 1) return this.nonlinear((v) => Math.log(v) / Math.log(b), la(), { lo: Number.MIN_VALUE, hi: Infinity }, polarity, 'log', n.span);
        throw new EncodingError('log', n.span, 'only a constant base can be encoded');
      case 'gamma':
      case 'lngamma':
        return this.nonlinear((v) => constantCall(n, [v]) as number, la(), { lo: Number.MIN_VALUE, hi: Infinity }, polarity, n.fn, n.span);
      default: {
        const u = univariate(n.fn);
        if (!u || args.length !== 1) throw new EncodingError(n.fn, n.span, 'this function of decision-dependent arguments has no encoding');
        return this.nonlinear(u.f, la(), u.domain, polarity, n.fn, n.span);
      }
    }
  }

  private nonlinear(f: (v: number) => number, x: Sym, domain: I.Interval, polarity: number, construct: string, span: Span): Sym {
    return encodePiecewise(this.enc, x, f, domain, this.settings.pieces, polarity, construct, span);
  }

  /** 1/x is encodable on an interval that excludes 0: the side of 0 the bounds allow. */
  private reciprocalDomain(x: Sym, span: Span): I.Interval {
    const b = this.program.bounds(this.lin(x, 'division', span));
    if (b.lo > 0) return { lo: b.lo, hi: Infinity };
    if (b.hi < 0) return { lo: -Infinity, hi: b.hi };
    throw new EncodingError('division', span, `the divisor can be 0 (it lies in [${b.lo}, ${b.hi}])`);
  }

  /**
   * A random draw: its scenario value when the parameters are constants;
   * location-scale forms when only the location depends on the decisions
   * (Normal(m, v) = m + a draw of Normal(0, v); Uniform(a, b) = a + (b − a) u);
   * Bernoulli(p) = [u < p] for a scenario uniform u.
   */
  private sample(n: Extract<IrNode, { op: 'sample' }>, at: At): Sym {
    const args = n.args.map((a) => this.lin(this.ev(a, at, 0), n.dist, n.span));
    const dist = D.scalarDistributions.get(n.dist);
    if (!dist) throw new EncodingError(n.dist, n.span, 'unknown distribution');
    if (args.every(isConst)) {
      const problem = dist.check(args);
      if (problem !== undefined) throw new EncodingError(n.dist, n.span, problem);
      const v = this.draws.scalar(at.k, at.j, n, args);
      if (v === undefined) throw new EncodingError(n.dist, n.span, 'it has no finite mean to substitute; use scenarios (uncertainty=saa)');
      return v;
    }
    const [p0, p1] = args;
    switch (n.dist) {
      case 'KronDelta':
      case 'DiracDelta':
        return p0!;
      case 'Normal':
        if (isConst(p1!) && p1 >= 0) return plus(p0!, this.draws.scalar(at.k, at.j, n, [0, p1]) ?? 0);
        break;
      case 'Uniform': {
        const u = this.draws.kind === 'mean' ? 0.5 : this.draws.uniform(at.k, at.j, n);
        return plus(p0!, scale(minus(p1!, p0!), u));
      }
      case 'Bernoulli': {
        const u = this.draws.uniform(at.k, at.j, n);
        return this.enc.reify(minus(p0!, u), 'gt', false, 'Bernoulli', n.span);
      }
      default:
        break;
    }
    throw new EncodingError(n.dist, n.span, 'its parameters depend on the decisions, which a scenario cannot fix (only the mean of a Normal, the bounds of a Uniform and the probability of a Bernoulli may)');
  }
}

function comparisonName(op: string): string {
  return { lt: 'comparison <', le: 'comparison <=', gt: 'comparison >', ge: 'comparison >=', eq: 'comparison ==', neq: 'comparison ~=' }[op] ?? op;
}

function location(span: Span): string {
  const { line } = span.source.positionAt(span.start);
  return `${span.source.path}:${line}`;
}

/** Whether the expression reads anything but states and constants (static, conservative). */
function dependsOnDecisions(n: IrNode): boolean {
  if (n.op === 'ref') return n.space !== 'state';
  if (n.op === 'sample' || n.op === 'discrete') return true;
  return irChildren(n).some(dependsOnDecisions);
}

const NO_STREAM = { reset: () => NO_STREAM, next: () => Number.NaN, nextOpen: () => Number.NaN };

/** A call on constants, with the reference interpreter's semantics (mod rounds down, ...). */
function constantCall(n: Extract<IrNode, { op: 'call' }>, args: readonly number[]): number {
  const node: IrNode = { ...n, args: args.map((value) => ({ op: 'const', value, kind: 'real', span: n.span })) };
  const empty: number[] = [];
  return interpret(node, {
    state: empty,
    action: empty,
    next: empty,
    interm: empty,
    observ: empty,
    stream: NO_STREAM as unknown as Parameters<typeof interpret>[1]['stream'],
    episode: 0,
    step: 0,
  });
}

