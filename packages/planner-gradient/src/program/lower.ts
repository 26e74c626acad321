import type { Span } from '@rddl/core';
import type { CompiledModel, IrNode } from '@rddl/compiler';
import type { ActionDependence } from '../analysis/dependence.js';
import type { ConstraintPlan } from '../analysis/constraints.js';
import { violation } from '../analysis/violation.js';
import type { Construct, RelaxationTable } from '../relaxations.js';
import { neededCpfs } from './needed.js';
import type { BinaryFn, Instr, NoiseKind, NoiseLane, Reg, Relax, Src, StepProgram, UnaryFn } from './types.js';

/** One relaxed expression, for --explain. */
export interface RelaxedExpression {
  readonly construct: Construct;
  readonly method: string;
  readonly weight: number;
  /** e.g. "comparison >=", "Bernoulli". */
  readonly what: string;
  readonly span: Span | undefined;
  /** Groundings it covers. */
  readonly lanes: number;
}

export class UnsupportedError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

const unaryCalls = new Set(['abs', 'sgn', 'round', 'floor', 'ceil', 'cos', 'sin', 'tan', 'acos', 'asin', 'atan', 'cosh', 'sinh', 'tanh', 'exp', 'ln', 'sqrt', 'gamma', 'lngamma']);
const binaryCalls: Record<string, BinaryFn> = { div: 'idiv', mod: 'mod', fmod: 'fmod', min: 'min', max: 'max', pow: 'pow', log: 'log', hypot: 'hypot' };
const integerSamplers = new Set(['Poisson', 'Binomial', 'NegativeBinomial', 'Geometric']);
const deltas = new Set(['KronDelta', 'DiracDelta']);

const binaryConstruct = (fn: BinaryFn): Construct | undefined => {
  switch (fn) {
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
      return 'comparison';
    case 'eq':
    case 'neq':
      return 'equality';
    case 'and':
    case 'or':
    case 'implies':
    case 'equiv':
      return 'logic';
    case 'min':
    case 'max':
      return 'minmax';
    case 'idiv':
    case 'mod':
    case 'fmod':
      return 'rounding';
    default:
      return undefined;
  }
};

const unaryConstruct = (fn: UnaryFn): Construct | undefined =>
  fn === 'sgn' || fn === 'round' || fn === 'floor' || fn === 'ceil' ? 'rounding' : fn === 'not' ? 'logic' : undefined;

const symbol: Partial<Record<string, string>> = { lt: '<', le: '<=', gt: '>', ge: '>=', eq: '==', neq: '~=', and: '^', or: '|', implies: '=>', equiv: '<=>', not: '~', all: 'forall', any: 'exists', idiv: 'div', fmod: 'fmod' };

/**
 * Lowers the IR of one step into a `StepProgram`. Groundings of the same
 * shape are stacked into one instruction (so 50 assets cost one instruction,
 * not 50); values that do not depend on the actions are computed exactly.
 */
export class Lowerer {
  private readonly regs: Reg[] = [];
  private readonly instrs: Instr[] = [];
  private readonly noise: NoiseLane[] = [];
  readonly relaxed: RelaxedExpression[] = [];
  private readonly ids = new Map<IrNode, string>();
  private readonly memo = new Map<string, Reg>();
  private readonly values = new Map<string, Src>();

  constructor(
    private readonly dependence: ActionDependence,
    private readonly relaxations: RelaxationTable,
  ) {}

  reg(width: number, grad: boolean): Reg {
    const r = { id: this.regs.length, width, grad };
    this.regs.push(r);
    return r;
  }

  bind(space: string, index: number, src: Src): void {
    this.values.set(`${space}:${index}`, src);
  }

  private emit(instr: Instr): Reg {
    this.instrs.push(instr);
    return instr.out;
  }

  /** Identity for memoisation: fluent reads and constants by what they are, other nodes by object. */
  private id(n: IrNode): string {
    if (n.op === 'ref') return `${n.space}:${n.index}`;
    if (n.op === 'const') return `c${n.value}`;
    let id = this.ids.get(n);
    if (id === undefined) {
      id = `#${this.ids.size}`;
      this.ids.set(n, id);
    }
    return id;
  }

  /** While set, min/max use this method (the penalties' max(0, violation) wants the exact subgradient). */
  private minmaxMethod: string | undefined;

  /** Lower `nodes` with exact min/max (subgradient): for the constraint penalties. */
  exactMinMax(nodes: readonly IrNode[]): Reg {
    this.minmaxMethod = 'exact';
    try {
      return this.lanes(nodes);
    } finally {
      this.minmaxMethod = undefined;
    }
  }

  private relax(construct: Construct | undefined, grad: boolean, what: string, span: Span | undefined, lanes: number): Relax | undefined {
    if (!construct || !grad) return undefined;
    if (construct === 'minmax' && this.minmaxMethod) return { construct, method: this.minmaxMethod, weight: 1 };
    const { method, weight } = this.relaxations[construct];
    this.relaxed.push({ construct, method, weight, what, span, lanes });
    return { construct, method, weight };
  }

  /** A register of width W (or 1 when every lane is the same) holding the values of `nodes`. */
  lanes(nodes: readonly IrNode[]): Reg {
    const key = nodes.map((n) => this.id(n)).join(',');
    const known = this.memo.get(key);
    if (known) return known;
    let out: Reg;
    if (nodes.length > 1 && nodes.every((n) => this.id(n) === this.id(nodes[0]!))) out = this.lanes([nodes[0]!]);
    else {
      const sigs = nodes.map((n) => this.signature(n));
      if (sigs.every((s) => s === sigs[0])) out = this.homogeneous(nodes);
      else {
        // Lower each shape separately, then put the lanes back in order.
        const groups = new Map<string, number[]>();
        sigs.forEach((s, i) => {
          const g = groups.get(s);
          if (g) g.push(i);
          else groups.set(s, [i]);
        });
        const from: Src[] = new Array<Src>(nodes.length);
        let grad = false;
        for (const members of groups.values()) {
          const r = this.lanes(members.map((i) => nodes[i]!));
          grad ||= r.grad;
          members.forEach((i, j) => (from[i] = { reg: r, lane: r.width === 1 ? 0 : j }));
        }
        out = this.emit({ kind: 'pick', out: this.reg(nodes.length, grad), from, span: nodes[0]!.span });
      }
    }
    this.memo.set(key, out);
    return out;
  }

  /** `r` widened to W lanes (a width-1 register stands for identical lanes). */
  full(r: Reg, width: number): Reg {
    if (r.width === width) return r;
    return this.emit({ kind: 'pick', out: this.reg(width, r.grad), from: Array.from({ length: width }, () => ({ reg: r, lane: 0 })), span: undefined });
  }

  private signature(n: IrNode): string {
    const d = this.dependence.depends(n) ? 'g' : 'x';
    switch (n.op) {
      case 'const':
        return 'const';
      case 'ref':
        return `ref|${d}`;
      case 'sum':
      case 'prod':
      case 'min':
      case 'max':
      case 'all':
      case 'any':
      case 'argmin':
      case 'argmax':
        return `${n.op}|${n.args.length}|${d}`;
      case 'call':
        return `call|${n.fn}|${n.args.length}|${d}`;
      case 'sample':
        return `sample|${n.dist}|${n.args.length}|${d}`;
      case 'discrete':
        return `discrete|${n.probabilities.length}|${d}`;
      case 'select':
        return `select|${n.options.length}|${d}`;
      default:
        return `${n.op}|${d}`;
    }
  }

  private homogeneous(nodes: readonly IrNode[]): Reg {
    const first = nodes[0]!;
    const W = nodes.length;
    const grad = this.dependence.depends(first);
    const span = first.span;
    switch (first.op) {
      case 'const': {
        const values = nodes.map((n) => (n as typeof first).value);
        const same = values.every((v) => Object.is(v, values[0]));
        return this.emit({ kind: 'const', out: this.reg(same ? 1 : W, false), values: same ? [values[0]!] : values, span });
      }
      case 'ref': {
        const from = nodes.map((n) => {
          const r = n as typeof first;
          const src = this.values.get(`${r.space}:${r.index}`);
          if (!src) throw new Error(`internal: ${r.space} fluent ${r.index} read before it is computed`);
          return src;
        });
        // Reading a whole register in order (or its only lane) is that register: no copy.
        const whole = from[0]!.reg;
        if (whole.width === W && from.every((f, i) => f.reg === whole && (W === 1 || f.lane === i))) return whole;
        return this.emit({ kind: 'pick', out: this.reg(W, grad), from, span });
      }
      case 'neg':
      case 'not': {
        const a = this.lanes(nodes.map((n) => (n as typeof first).arg));
        return this.unary(first.op, a, grad, span, W);
      }
      case 'sum':
      case 'prod':
      case 'min':
      case 'max':
      case 'all':
      case 'any': {
        const k = first.args.length;
        if (k === 1) return this.lanes(nodes.map((n) => (n as typeof first).args[0]!));
        if (k === 2) {
          // Two terms: one binary instruction on the two argument lanes (no interleaving copy).
          const pair: Record<typeof first.op, BinaryFn> = { sum: 'add', prod: 'mul', min: 'min', max: 'max', all: 'and', any: 'or' };
          const left = this.lanes(nodes.map((n) => (n as typeof first).args[0]!));
          const right = this.lanes(nodes.map((n) => (n as typeof first).args[1]!));
          return this.binary(pair[first.op], left, right, grad, span);
        }
        const a = this.full(
          this.lanes(nodes.flatMap((n) => (n as typeof first).args)),
          W * k,
        );
        const construct = first.op === 'all' || first.op === 'any' ? 'logic' : first.op === 'min' || first.op === 'max' ? 'minmax' : undefined;
        const relax = this.relax(construct, grad, symbol[first.op] ?? first.op, span, W);
        return this.emit({ kind: 'reduce', fn: first.op, a, group: k, relax, out: this.reg(W, grad), span });
      }
      case 'argmin':
      case 'argmax': {
        const k = first.args.length;
        const a = this.full(this.lanes(nodes.flatMap((n) => (n as typeof first).args)), W * k);
        const relax = this.relax('argmax', grad, first.op, span, W);
        return this.emit({ kind: 'argext', fn: first.op, a, k, relax, out: this.reg(W, grad), span });
      }
      case 'if': {
        const c = this.lanes(nodes.map((n) => (n as typeof first).condition));
        const t = this.lanes(nodes.map((n) => (n as typeof first).then));
        const e = this.lanes(nodes.map((n) => (n as typeof first).else));
        const width = Math.max(c.width, t.width, e.width);
        return this.emit({ kind: 'if', c, t, e, relaxed: grad, out: this.reg(width, grad), span });
      }
      case 'select': {
        const k = first.options.length;
        const index = this.lanes(nodes.map((n) => (n as typeof first).index));
        const options = this.full(this.lanes(nodes.flatMap((n) => (n as typeof first).options)), W * k);
        const relax = this.relax(this.dependence.depends(first.index) ? 'switch' : undefined, grad, 'switch', span, W);
        return this.emit({ kind: 'select', index, options, k, relax, out: this.reg(W, grad), span });
      }
      case 'call': {
        const args = first.args.map((_, j) => this.lanes(nodes.map((n) => (n as typeof first).args[j]!)));
        if (unaryCalls.has(first.fn)) return this.unary(first.fn as UnaryFn, args[0]!, grad, span, W);
        const fn = binaryCalls[first.fn];
        if (!fn || args.length !== 2) throw new UnsupportedError(`function ${first.fn} with ${args.length} arguments`, span);
        return this.binary(fn, args[0]!, args[1]!, grad, span);
      }
      case 'sample': {
        const args = first.args.map((_, j) => this.lanes(nodes.map((n) => (n as typeof first).args[j]!)));
        const dist = first.dist;
        if (deltas.has(dist)) return args[0]!;
        const construct: Construct = dist === 'Bernoulli' ? 'bernoulli' : integerSamplers.has(dist) ? 'integer-sampler' : 'continuous-sampler';
        const kind: NoiseKind = dist === 'Normal' ? 'normal' : 'uniform';
        const noise = this.noise.length;
        for (const n of nodes) this.noise.push({ site: (n as typeof first).site, draw: 0, kind });
        const relax = this.relax(construct, grad, dist, span, W);
        return this.emit({ kind: 'sample', dist, args, noise, relax, out: this.reg(W, grad), span });
      }
      case 'discrete': {
        const k = first.probabilities.length;
        const probs = this.full(this.lanes(nodes.flatMap((n) => (n as typeof first).probabilities)), W * k);
        const noise = this.noise.length;
        for (const n of nodes) for (let i = 0; i < k; i++) this.noise.push({ site: (n as typeof first).site, draw: i, kind: 'gumbel' });
        const relax = this.relax('discrete', grad, 'Discrete', span, W);
        return this.emit({ kind: 'discrete', probs, k, noise, relax, out: this.reg(W, grad), span });
      }
      case 'vector-component':
        throw new UnsupportedError(`${first.group.dist} (a multivariate distribution)`, first.group.span);
      case 'matrix-entry':
        throw new UnsupportedError(`matrix ${first.group.fn}`, first.group.span);
      case 'det':
        throw new UnsupportedError('det (a determinant)', span);
      default: {
        const b = first as Extract<IrNode, { left: IrNode }>;
        const left = this.lanes(nodes.map((n) => (n as typeof b).left));
        const right = this.lanes(nodes.map((n) => (n as typeof b).right));
        return this.binary(b.op as BinaryFn, left, right, grad, span);
      }
    }
  }

  private unary(fn: UnaryFn, a: Reg, grad: boolean, span: Span | undefined, _W: number): Reg {
    const relax = this.relax(unaryConstruct(fn), grad, symbol[fn] ?? fn, span, a.width);
    return this.emit({ kind: 'unary', fn, a, relax, out: this.reg(a.width, grad), span });
  }

  private binary(fn: BinaryFn, a: Reg, b: Reg, grad: boolean, span: Span | undefined): Reg {
    const width = Math.max(a.width, b.width);
    const relax = this.relax(binaryConstruct(fn), grad, `${binaryConstruct(fn) === 'minmax' ? '' : `${binaryConstruct(fn) ?? ''} `}${symbol[fn] ?? fn}`.trim(), span, width);
    return this.emit({ kind: 'binary', fn, a, b, relax, out: this.reg(width, grad), span });
  }

  program(parts: Omit<StepProgram, 'regs' | 'instrs' | 'noise'>): StepProgram {
    return { ...parts, regs: this.regs, instrs: this.instrs, noise: this.noise };
  }
}

/** Options of lowering one step. */
export interface LowerOptions {
  /** Lower the penalties of preconditions and invariants (the planner's constraint plan says which). */
  readonly penalties: boolean;
}

/** The step program of a model, with the list of what was relaxed. */
export function lowerStep(
  compiled: CompiledModel,
  dependence: ActionDependence,
  constraints: ConstraintPlan,
  relaxations: RelaxationTable,
  options: LowerOptions = { penalties: true },
): { program: StepProgram; relaxed: RelaxedExpression[] } {
  const L = compiled.layout;
  const low = new Lowerer(dependence, relaxations);
  const state = low.reg(L.state.size, true);
  const action = low.reg(L.action.size, true);
  for (let i = 0; i < L.state.size; i++) low.bind('state', i, { reg: state, lane: i });
  for (let i = 0; i < L.action.size; i++) low.bind('action', i, { reg: action, lane: i });

  // Bounds that depend on the state clip the actions inside the step (the same clip is applied when acting).
  const clipped = constraints.actions.filter((a) => a.stateLower.length > 0 || a.stateUpper.length > 0);
  if (clipped.length > 0) {
    const nodes = clipped.map((a): IrNode => {
      const span = (a.stateLower[0] ?? a.stateUpper[0])!.span;
      let x: IrNode = { op: 'ref', space: 'action', index: a.index, kind: 'real', span };
      if (a.stateLower.length > 0) x = { op: 'max', args: [x, ...a.stateLower], kind: 'real', span };
      if (a.stateUpper.length > 0) x = { op: 'min', args: [x, ...a.stateUpper], kind: 'real', span };
      return x;
    });
    const r = low.lanes(nodes);
    clipped.forEach((a, j) => low.bind('action', a.index, { reg: r, lane: r.width === 1 ? 0 : j }));
  }

  const penaltyExprs: IrNode[] = [];
  if (options.penalties) {
    compiled.preconditions.forEach((p, k) => {
      if (constraints.preconditions[k] === 'penalty') penaltyExprs.push(violation(p.expr));
    });
    compiled.invariants.forEach((c, k) => {
      if (constraints.invariants[k]) penaltyExprs.push(violation(c.expr));
    });
  }
  const terminal: IrNode | undefined =
    compiled.terminations.length === 0
      ? undefined
      : compiled.terminations.length === 1
        ? compiled.terminations[0]!.expr
        : { op: 'any', args: compiled.terminations.map((t) => t.expr), kind: 'bool', span: compiled.terminations[0]!.expr.span };

  const roots = [compiled.reward, ...penaltyExprs, ...(terminal ? [terminal] : [])];
  const needed = neededCpfs(compiled, roots);
  let start = 0;
  const cpfs = compiled.cpfs;
  while (start < cpfs.length) {
    let end = start + 1;
    while (end < cpfs.length && cpfs[end]!.cpf === cpfs[start]!.cpf) end++;
    const run = cpfs.slice(start, end).filter((_, j) => needed.has(start + j));
    if (run.length > 0) {
      const r = low.lanes(run.map((c) => c.expr));
      run.forEach((c, j) => low.bind(c.space, c.index, { reg: r, lane: r.width === 1 ? 0 : j }));
    }
    start = end;
  }
  const stateRefs = L.state.fluents.map((f, i): IrNode => ({ op: 'ref', space: 'next', index: i, kind: 'real', span: f.pvariable.span }));
  const next = stateRefs.length > 0 ? low.full(low.lanes(stateRefs), stateRefs.length) : low.reg(0, false);
  const reward = low.lanes([compiled.reward]);
  const penalty = penaltyExprs.length > 0 ? low.exactMinMax([penaltyExprs.length === 1 ? penaltyExprs[0]! : { op: 'sum', args: penaltyExprs, kind: 'real', span: penaltyExprs[0]!.span }]) : undefined;
  const term = terminal ? low.lanes([terminal]) : undefined;
  if (terminal && dependence.depends(terminal)) {
    const { method, weight } = relaxations.termination;
    low.relaxed.push({ construct: 'termination', method, weight, what: 'termination', span: terminal.span, lanes: compiled.terminations.length });
  }
  return { program: low.program({ state, action, next, reward, penalty, terminal: term }), relaxed: low.relaxed };
}
