import type { Span } from '@rddl/core';
import type { CompiledModel } from '../compile-model.js';
import { irOperands, type IrNode, type MatrixGroup, type Site, type VectorSampleGroup } from '../ir.js';
import { runtime } from './runtime.js';
import { emitPureOp, numberLiteral as num } from './emit-pure.js';

/**
 * Generates JavaScript source for a compiled model. Only numbers and
 * generated identifiers reach the source: every name, string and span from
 * the RDDL file stays in side tables indexed by number, so a hostile file
 * cannot inject code.
 */

/** What a run-time check guards, for turning a failure into a diagnostic. */
export interface CheckInfo {
  readonly what: 'ln' | 'log' | 'sqrt' | 'div' | 'mod' | 'acos' | 'asin' | 'pow' | 'gamma' | 'exp' | 'value' | 'distribution' | 'discrete' | 'vector' | 'matrix' | 'det' | 'select';
  readonly span: Span;
  /** Name of the distribution or function involved, for the message. */
  readonly name: string | undefined;
  /** Which ground CPF (index into `cpfs`) or condition was being computed. */
  readonly owner: Owner;
}

export type Owner =
  | { readonly kind: 'cpf'; readonly index: number }
  | { readonly kind: 'reward' }
  | { readonly kind: 'invariant' | 'precondition' | 'termination'; readonly index: number };

export interface GeneratedSource {
  readonly source: string;
  readonly checks: readonly CheckInfo[];
  /** Scratch buffer sizes for discrete distributions and groups. */
  readonly scratch: readonly number[];
  /** Number of cached vector/matrix groups (their ids are below this). */
  readonly groupCount: number;
}

/** Parameters every generated function takes: the arrays and their offsets, episode, step, and the random stream. */
const ARGS = 'S, so, A, ao, N, no, I, io, O, oo, ep, t, st';


const samplerName: Record<string, string> = {
  Bernoulli: 'Bernoulli',
  Normal: 'Normal',
  Uniform: 'Uniform',
  Exponential: 'Exponential',
  Weibull: 'Weibull',
  Gamma: 'Gamma',
  Poisson: 'Poisson',
  Binomial: 'Binomial',
  NegativeBinomial: 'NegativeBinomial',
  Beta: 'Beta',
  Geometric: 'Geometric',
  Pareto: 'Pareto',
  Student: 'Student',
  Gumbel: 'Gumbel',
  Laplace: 'Laplace',
  Cauchy: 'Cauchy',
  Gompertz: 'Gompertz',
  ChiSquare: 'ChiSquare',
  Kumaraswamy: 'Kumaraswamy',
};

class FunctionBuilder {
  private temps = 0;
  constructor(private readonly gen: Generator) {}

  temp(): string {
    return `t${this.temps++}`;
  }

  declarations(): string {
    return this.temps === 0 ? '' : `  let ${Array.from({ length: this.temps }, (_, i) => `t${i}`).join(', ')};\n`;
  }

  /** Expression source for a node; `owner` is what is being computed, for error reports. */
  expr(n: IrNode, owner: Owner): string {
    const g = this.gen;
    const e = (x: IrNode) => this.expr(x, owner);
    const pure = emitPureOp(n, e, () => this.temp());
    if (pure !== undefined) return pure;
    switch (n.op) {
      case 'ref':
        return n.space === 'state' ? `S[so + ${n.index}]` : n.space === 'next' ? `N[no + ${n.index}]` : n.space === 'action' ? `A[ao + ${n.index}]` : n.space === 'interm' ? `I[io + ${n.index}]` : `O[oo + ${n.index}]`;
      case 'div': {
        const [a, b] = [this.temp(), this.temp()];
        return `(${a} = ${e(n.left)}, ${b} = ${e(n.right)}, ${b} !== 0 ? ${a} / ${b} : rt.fail(${g.check('div', n.span, undefined, owner)}, ${a}, ${b}))`;
      }
      case 'select':
        return g.select(n, owner);
      case 'call':
        return this.call(n, owner);
      case 'sample':
        return this.sample(n, owner);
      case 'discrete': {
        const buffer = g.scratch(n.probabilities.length);
        const fills = n.probabilities.map((p, i) => `B${buffer}[${i}] = ${e(p)}`).join(', ');
        const m = this.temp();
        const check = g.check('discrete', n.span, undefined, owner);
        return `(${fills}, (${m} = rt.checkDiscrete(B${buffer}, ${n.normalized})) !== undefined ? rt.failMessage(${check}, ${m}) : (${reset(n.site)}, rt.sampleDiscrete(st, B${buffer}, ${n.normalized})))`;
      }
      case 'vector-component':
        return `g${n.group.id}(${ARGS})[${n.component}]`;
      case 'matrix-entry':
        return `m${n.group.id}(${ARGS})[${n.row * n.group.size + n.column}]`;
      case 'det': {
        const buffer = g.scratch(n.entries.length);
        const fills = n.entries.map((x, i) => `B${buffer}[${i}] = ${e(x)}`).join(', ');
        const v = this.temp();
        return `(${fills}, ${v} = rt.det(B${buffer}, ${n.size}), ${v} - ${v} === 0 ? ${v} : rt.fail(${g.check('det', n.span, undefined, owner)}, ${v}))`;
      }
    }
    // emitPureOp wrote every other operator.
    throw new Error(`IR operator '${n.op}' has no JavaScript form`);
  }

  private call(n: Extract<IrNode, { op: 'call' }>, owner: Owner): string {
    const g = this.gen;
    const args = n.args.map((a) => this.expr(a, owner));
    const guarded = (what: CheckInfo['what'], test: (x: string) => string, value: (x: string) => string): string => {
      const x = this.temp();
      return `(${x} = ${args[0]}, ${test(x)} ? ${value(x)} : rt.fail(${g.check(what, n.span, n.fn, owner)}, ${x}))`;
    };
    const finite = (what: CheckInfo['what'], value: string): string => {
      const v = this.temp();
      return `(${v} = ${value}, ${v} - ${v} === 0 ? ${v} : rt.fail(${g.check(what, n.span, n.fn, owner)}, ${v}))`;
    };
    const two = (what: CheckInfo['what'], test: (a: string, b: string) => string, value: (a: string, b: string) => string): string => {
      const [a, b] = [this.temp(), this.temp()];
      return `(${a} = ${args[0]}, ${b} = ${args[1]}, ${test(a, b)} ? ${value(a, b)} : rt.fail(${g.check(what, n.span, n.fn, owner)}, ${a}, ${b}))`;
    };
    switch (n.fn) {
      case 'abs':
        return `Math.abs(${args[0]})`;
      case 'sgn':
        return `Math.sign(${args[0]})`;
      case 'round':
        return `rt.roundHalfEven(${args[0]})`;
      case 'floor':
      case 'ceil':
      case 'cos':
      case 'sin':
      case 'tan':
      case 'atan':
      case 'tanh':
        return `Math.${n.fn}(${args[0]})`;
      case 'cosh':
      case 'sinh':
      case 'exp':
        return finite('exp', `Math.${n.fn}(${args[0]})`);
      case 'acos':
      case 'asin':
        return guarded(n.fn, (x) => `${x} >= -1 && ${x} <= 1`, (x) => `Math.${n.fn}(${x})`);
      case 'ln':
        return guarded('ln', (x) => `${x} > 0`, (x) => `Math.log(${x})`);
      case 'sqrt':
        return guarded('sqrt', (x) => `${x} >= 0`, (x) => `Math.sqrt(${x})`);
      case 'gamma':
      case 'lngamma':
        return finite('gamma', `rt.${n.fn}(${args[0]})`);
      case 'div':
        return two('div', (_a, b) => `${b} !== 0`, (a, b) => `Math.floor(${a} / ${b})`);
      case 'mod':
        return two('mod', (_a, b) => `${b} !== 0`, (a, b) => `(${a} - ${b} * Math.floor(${a} / ${b}))`);
      case 'fmod':
        return two('mod', (_a, b) => `${b} !== 0`, (a, b) => `(${a} % ${b})`);
      case 'min':
        return `Math.min(${args[0]}, ${args[1]})`;
      case 'max':
        return `Math.max(${args[0]}, ${args[1]})`;
      case 'hypot':
        return `Math.hypot(${args[0]}, ${args[1]})`;
      case 'pow': {
        const [a, b, v] = [this.temp(), this.temp(), this.temp()];
        return `(${a} = ${args[0]}, ${b} = ${args[1]}, ${v} = Math.pow(${a}, ${b}), ${v} - ${v} === 0 ? ${v} : rt.fail(${g.check('pow', n.span, n.fn, owner)}, ${a}, ${b}))`;
      }
      case 'log':
        return two('log', (a, b) => `${a} > 0 && ${b} > 0 && ${b} !== 1`, (a, b) => `Math.log(${a}) / Math.log(${b})`);
    }
  }

  private sample(n: Extract<IrNode, { op: 'sample' }>, owner: Owner): string {
    const g = this.gen;
    const name = samplerName[n.dist];
    if (!name) throw new Error(`no sampler for ${n.dist}`);
    // Constant parameters (the common case: Bernoulli(0.95)) are checked here, once, instead of at every draw.
    if (n.args.every((a) => a.op === 'const')) {
      const values = n.args.map((a) => (a as Extract<IrNode, { op: 'const' }>).value);
      const checker = (runtime as unknown as Record<string, (...v: number[]) => string | undefined>)[`check${name}`]!;
      const list = values.map(num).join(', ');
      const draw = n.dist === 'Bernoulli' ? `(rt.sampleBernoulli(st, ${list}) ? 1 : 0)` : `rt.sample${name}(st, ${list})`;
      if (checker(...values) === undefined) return `(${reset(n.site)}, ${draw})`;
    }
    const temps = n.args.map(() => this.temp());
    const assigns = n.args.map((a, i) => `${temps[i]} = ${this.expr(a, owner)}`).join(', ');
    const m = this.temp();
    const check = g.check('distribution', n.span, n.dist, owner);
    const list = temps.join(', ');
    const draw = n.dist === 'Bernoulli' ? `(rt.sampleBernoulli(st, ${list}) ? 1 : 0)` : `rt.sample${name}(st, ${list})`;
    return `(${assigns}, (${m} = rt.check${name}(${list})) !== undefined ? rt.failMessage(${check}, ${m}, ${list}) : (${reset(n.site)}, ${draw}))`;
  }
}

function reset(site: Site): string {
  return `st.reset(ep, t, ${site.site}, ${site.grounding})`;
}

/** Join terms, nesting in chunks so that huge sums do not make huge single expressions. */

class Generator {
  readonly checks: CheckInfo[] = [];
  readonly scratchSizes: number[] = [];
  readonly helpers: string[] = [];
  private readonly groupsDone = new Set<string>();
  private selects = 0;

  check(what: CheckInfo['what'], span: Span, name: string | undefined, owner: Owner): number {
    this.checks.push({ what, span, name, owner });
    return this.checks.length - 1;
  }

  groupCount(): number {
    let max = -1;
    for (const key of this.groupsDone) max = Math.max(max, Number(key.slice(1)));
    return max + 1;
  }

  scratch(size: number): number {
    this.scratchSizes.push(size);
    return this.scratchSizes.length - 1;
  }

  /** `options[index]`: a ternary chain for few options, a helper function with a switch for many. */
  select(n: Extract<IrNode, { op: 'select' }>, owner: Owner): string {
    const id = this.selects++;
    const f = new FunctionBuilder(this);
    const cases = n.options.map((o, i) => `    case ${i}: return ${f.expr(o, owner)};`).join('\n');
    const index = f.expr(n.index, owner);
    const check = this.check('select', n.span, undefined, owner);
    this.helpers.push(`function s${id}(${ARGS}) {\n${f.declarations()}  const k = ${index};\n  switch (k) {\n${cases}\n  }\n  return rt.fail(${check}, k);\n}`);
    return `s${id}(${ARGS})`;
  }

  vectorGroup(group: VectorSampleGroup, owner: Owner): void {
    const key = `g${group.id}`;
    if (this.groupsDone.has(key)) return;
    this.groupsDone.add(key);
    const f = new FunctionBuilder(this);
    const bufs = group.params.map((p) => this.scratch(p.length));
    const out = this.scratch(group.size);
    const fills = group.params.map((p, j) => p.map((x, i) => `  B${bufs[j]}[${i}] = ${f.expr(x, owner)};`).join('\n')).join('\n');
    const check = this.check('vector', group.span, group.dist, owner);
    const b = (j: number) => `B${bufs[j]}`;
    const scalar = (j: number) => `B${bufs[j]}[0]`;
    let body: string;
    switch (group.dist) {
      case 'Dirichlet':
        body = `  const m = rt.checkDirichlet(${b(0)});\n  if (m !== undefined) rt.failMessage(${check}, m);\n  ${reset(group.site)};\n  rt.sampleDirichlet(st, ${b(0)}, B${out});`;
        break;
      case 'Multinomial':
        body = `  const m = rt.checkMultinomial(${scalar(0)}, ${b(1)});\n  if (m !== undefined) rt.failMessage(${check}, m);\n  ${reset(group.site)};\n  rt.sampleMultinomial(st, ${scalar(0)}, ${b(1)}, B${out});`;
        break;
      case 'MultivariateNormal': {
        const lower = this.scratch(group.size * group.size);
        body = `  const m = rt.checkMultivariateNormal(${b(0)}, ${b(1)}, B${lower});\n  if (m !== undefined) rt.failMessage(${check}, m);\n  ${reset(group.site)};\n  rt.sampleMultivariateNormal(st, ${b(0)}, B${lower}, B${out});`;
        break;
      }
      case 'MultivariateStudent': {
        const lower = this.scratch(group.size * group.size);
        body = `  const m = rt.checkMultivariateStudent(${b(0)}, ${b(1)}, ${scalar(2)}, B${lower});\n  if (m !== undefined) rt.failMessage(${check}, m);\n  ${reset(group.site)};\n  rt.sampleMultivariateStudent(st, ${b(0)}, B${lower}, ${scalar(2)}, B${out});`;
        break;
      }
    }
    this.helpers.push(
      `function g${group.id}(${ARGS}) {\n  if (G[${group.id}] === stamp.v) return B${out};\n${f.declarations()}${fills}\n${body}\n  G[${group.id}] = stamp.v;\n  return B${out};\n}`,
    );
  }

  matrixGroup(group: MatrixGroup, owner: Owner): void {
    const key = `m${group.id}`;
    if (this.groupsDone.has(key)) return;
    this.groupsDone.add(key);
    const f = new FunctionBuilder(this);
    const input = this.scratch(group.entries.length);
    const out = this.scratch(group.entries.length);
    const fills = group.entries.map((x, i) => `  B${input}[${i}] = ${f.expr(x, owner)};`).join('\n');
    const check = this.check('matrix', group.span, group.fn, owner);
    this.helpers.push(
      `function m${group.id}(${ARGS}) {\n  if (G[${group.id}] === stamp.v) return B${out};\n${f.declarations()}${fills}\n  if (rt.matrix(${JSON.stringify(group.fn)}, B${input}, ${group.size}, B${out}) === undefined) rt.fail(${check});\n  G[${group.id}] = stamp.v;\n  return B${out};\n}`,
    );
  }

  /** Emit the helper functions of every group a node uses (before code that calls them runs). */
  groups(n: IrNode, owner: Owner): void {
    const visit = (x: IrNode): void => {
      if (x.op === 'vector-component') this.vectorGroup(x.group, owner);
      if (x.op === 'matrix-entry') this.matrixGroup(x.group, owner);
      for (const c of irOperands(x)) visit(c);
    };
    visit(n);
  }
}


/** Source of the module: `step`, `reward`, `invariants`, `preconditions`, `terminal`. */
export function generateSource(compiled: CompiledModel): GeneratedSource {
  const g = new Generator();
  const functions: string[] = [];
  const stepCalls: string[] = [];

  // One function per run of groundings of the same lifted CPF keeps functions small enough to optimise.
  let start = 0;
  while (start < compiled.cpfs.length) {
    let end = start + 1;
    while (end < compiled.cpfs.length && compiled.cpfs[end]!.cpf === compiled.cpfs[start]!.cpf && end - start < 2000) end++;
    const f = new FunctionBuilder(g);
    const lines: string[] = [];
    for (let i = start; i < end; i++) {
      const c = compiled.cpfs[i]!;
      const owner: Owner = { kind: 'cpf', index: i };
      g.groups(c.expr, owner);
      const target = c.space === 'next' ? `N[no + ${c.index}]` : c.space === 'interm' ? `I[io + ${c.index}]` : `O[oo + ${c.index}]`;
      const check = g.check('value', c.cpf.expression.span, undefined, owner);
      lines.push(`  v = ${f.expr(c.expr, owner)};\n  if (v - v !== 0) rt.fail(${check}, v);\n  ${target} = v;`);
    }
    const id = functions.length;
    functions.push(`function c${id}(${ARGS}) {\n  let v;\n${f.declarations()}${lines.join('\n')}\n}`);
    stepCalls.push(`  c${id}(${ARGS});`);
    start = end;
  }

  // Constraints return the index of the first that fails; termination the index of the first that holds.
  const conditionFunction = (name: string, kind: 'invariant' | 'precondition' | 'termination', list: readonly { expr: IrNode }[]) => {
    const f = new FunctionBuilder(g);
    const lines = list.map((c, i) => {
      const owner: Owner = { kind, index: i };
      g.groups(c.expr, owner);
      const test = f.expr(c.expr, owner);
      return kind === 'termination' ? `  if (${test}) return ${i};` : `  if (!${test}) return ${i};`;
    });
    functions.push(`function ${name}(${ARGS}) {\n${f.declarations()}${lines.join('\n')}\n  return -1;\n}`);
  };

  const rewardBuilder = new FunctionBuilder(g);
  g.groups(compiled.reward, { kind: 'reward' });
  const rewardExpr = rewardBuilder.expr(compiled.reward, { kind: 'reward' });
  const rewardCheck = g.check('value', compiled.model.reward.span, undefined, { kind: 'reward' });
  functions.push(`function reward(${ARGS}) {\n${rewardBuilder.declarations()}  const v = ${rewardExpr};\n  if (v - v !== 0) rt.fail(${rewardCheck}, v);\n  return v;\n}`);
  conditionFunction('invariants', 'invariant', compiled.invariants);
  conditionFunction('preconditions', 'precondition', compiled.preconditions);
  conditionFunction('terminal', 'termination', compiled.terminations);
  functions.push(`function step(${ARGS}) {\n  stamp.v++;\n${stepCalls.join('\n')}\n}`);

  const scratch = g.scratchSizes.map((size, i) => `const B${i} = new Float64Array(${size});`).join('\n');
  const source = [
    "'use strict';",
    'const stamp = { v: 0 };',
    'const G = new Float64Array(rt.groupCount).fill(-1);',
    scratch,
    ...g.helpers,
    ...functions,
    'return { step, reward, invariants, preconditions, terminal, stamp };',
  ].join('\n');
  return { source, checks: g.checks, scratch: g.scratchSizes, groupCount: g.groupCount() };
}
