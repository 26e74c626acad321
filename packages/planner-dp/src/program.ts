import gammaFn from '@stdlib/math-base-special-gamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import { roundHalfEven, type IrNode } from '@rddl/compiler';
import { DETERMINISTIC_DRAWS, type ModelAnalysis } from './analyze.js';

/**
 * The model's step compiled to JavaScript for the DP. Unlike the simulator's
 * kernel, every random draw calls a hook that returns the value the DP is
 * enumerating (a Bernoulli outcome, a quadrature node), and the CPFs are
 * split in two stages: `pre` computes those that no draw reaches, once per
 * state and action; `post` the others, once per outcome. Domain errors give
 * NaN, which the caller reports.
 *
 * Only numbers and generated identifiers reach the source (no text from the
 * RDDL file), so a hostile file cannot inject code.
 */
export interface StepProgram {
  pre(S: Float64Array, A: Float64Array, N: Float64Array, I: Float64Array): void;
  post(S: Float64Array, A: Float64Array, N: Float64Array, I: Float64Array): void;
  reward(S: Float64Array, A: Float64Array, N: Float64Array, I: Float64Array): number;
  /** Every action precondition holds (evaluate after `pre`). */
  preconditions(S: Float64Array, A: Float64Array, N: Float64Array, I: Float64Array): boolean;
  /** A termination condition holds in S. */
  terminal(S: Float64Array, A: Float64Array, N: Float64Array, I: Float64Array): boolean;
}

/** Where the generated code gets the values of random draws. */
export interface DrawHooks {
  /** Value of scalar draw k (index into `ModelAnalysis.random`) with its parameters. */
  draw(k: number, a: number, b: number): number;
  /** Value (an index) of discrete draw k with its probabilities. */
  discrete(k: number, p: Float64Array): number;
}

const ARGS = 'S, A, N, I';
const MAX_TERMS = 400;
const MAX_LINES = 400;
const SWITCH_OPTIONS = 16;

function num(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '(-Infinity)';
  if (Object.is(v, -0)) return '(-0)';
  return v < 0 ? `(${v})` : String(v);
}

function chunked(terms: string[], sep: string, wrap: (s: string) => string): string {
  if (terms.length <= MAX_TERMS) return wrap(terms.join(sep));
  const chunks: string[] = [];
  for (let i = 0; i < terms.length; i += MAX_TERMS) chunks.push(wrap(terms.slice(i, i + MAX_TERMS).join(sep)));
  return chunked(chunks, sep, wrap);
}

class Generator {
  readonly helpers: string[] = [];
  readonly buffers: number[] = [];
  constructor(private readonly randomIndex: ReadonlyMap<IrNode, number>) {}

  builder(): Builder {
    return new Builder(this);
  }

  buffer(size: number): number {
    this.buffers.push(size);
    return this.buffers.length - 1;
  }

  drawIndex(n: IrNode): number {
    return this.randomIndex.get(n)!;
  }
}

class Builder {
  private temps = 0;
  constructor(private readonly g: Generator) {}

  temp(): string {
    return `t${this.temps++}`;
  }

  declarations(): string {
    return this.temps === 0 ? '' : `  let ${Array.from({ length: this.temps }, (_, i) => `t${i}`).join(', ')};\n`;
  }

  expr(n: IrNode): string {
    const e = (x: IrNode) => this.expr(x);
    switch (n.op) {
      case 'const':
        return num(n.value);
      case 'ref':
        return n.space === 'state' ? `S[${n.index}]` : n.space === 'next' ? `N[${n.index}]` : n.space === 'action' ? `A[${n.index}]` : n.space === 'interm' ? `I[${n.index}]` : 'NaN';
      case 'neg':
        return `(-${e(n.arg)})`;
      case 'not':
        return `(${e(n.arg)} ? 0 : 1)`;
      case 'add':
        return `(${e(n.left)} + ${e(n.right)})`;
      case 'sub':
        return `(${e(n.left)} - ${e(n.right)})`;
      case 'mul':
        return `(${e(n.left)} * ${e(n.right)})`;
      case 'div': {
        const b = this.temp();
        return `(${b} = ${e(n.right)}, ${b} !== 0 ? ${e(n.left)} / ${b} : NaN)`;
      }
      case 'and':
        return `(${e(n.left)} && ${e(n.right)} ? 1 : 0)`;
      case 'or':
        return `(${e(n.left)} || ${e(n.right)} ? 1 : 0)`;
      case 'implies':
        return `(!${e(n.left)} || ${e(n.right)} ? 1 : 0)`;
      case 'equiv':
        return `(!${e(n.left)} === !${e(n.right)} ? 1 : 0)`;
      case 'eq':
        return `(${e(n.left)} === ${e(n.right)} ? 1 : 0)`;
      case 'neq':
        return `(${e(n.left)} !== ${e(n.right)} ? 1 : 0)`;
      case 'lt':
        return `(${e(n.left)} < ${e(n.right)} ? 1 : 0)`;
      case 'le':
        return `(${e(n.left)} <= ${e(n.right)} ? 1 : 0)`;
      case 'gt':
        return `(${e(n.left)} > ${e(n.right)} ? 1 : 0)`;
      case 'ge':
        return `(${e(n.left)} >= ${e(n.right)} ? 1 : 0)`;
      case 'sum':
        return chunked(n.args.map(e), ' + ', (s) => `(${s})`);
      case 'prod':
        return chunked(n.args.map(e), ' * ', (s) => `(${s})`);
      case 'min':
        return chunked(n.args.map(e), ', ', (s) => `Math.min(${s})`);
      case 'max':
        return chunked(n.args.map(e), ', ', (s) => `Math.max(${s})`);
      case 'all':
        return `(${chunked(n.args.map(e), ' && ', (s) => `(${s})`)} ? 1 : 0)`;
      case 'any':
        return `(${chunked(n.args.map(e), ' || ', (s) => `(${s})`)} ? 1 : 0)`;
      case 'argmin':
      case 'argmax': {
        const [best, k, x] = [this.temp(), this.temp(), this.temp()];
        const better = n.op === 'argmax' ? '>' : '<';
        const steps = n.args.slice(1).map((a, i) => `(${x} = ${e(a)}) ${better} ${best} ? (${best} = ${x}, ${k} = ${i + 1}) : 0`);
        return `(${best} = ${e(n.args[0]!)}, ${k} = 0${steps.map((s) => `, ${s}`).join('')}, ${k})`;
      }
      case 'if':
        return `(${e(n.condition)} ? ${e(n.then)} : ${e(n.else)})`;
      case 'select':
        return this.select(n);
      case 'call':
        return this.call(n);
      case 'sample': {
        if (DETERMINISTIC_DRAWS.has(n.dist)) return `(+${e(n.args[0]!)})`;
        const [a = '0', b = '0'] = n.args.map(e);
        return `h.draw(${this.g.drawIndex(n)}, ${a}, ${b})`;
      }
      case 'discrete': {
        const buffer = this.g.buffer(n.probabilities.length);
        const fills = n.probabilities.map((p, i) => `B${buffer}[${i}] = ${e(p)}`).join(', ');
        return `(${fills}, h.discrete(${this.g.drawIndex(n)}, B${buffer}))`;
      }
      case 'vector-component':
      case 'matrix-entry':
      case 'det':
        // analyzeModel reports these; a model with them never reaches code generation.
        return 'NaN';
    }
  }

  private select(n: Extract<IrNode, { op: 'select' }>): string {
    const k = this.temp();
    if (n.options.length <= SWITCH_OPTIONS) {
      const chain = n.options.map((o, i) => `${k} === ${i} ? ${this.expr(o)} : `).join('');
      return `(${k} = ${this.expr(n.index)}, ${chain}NaN)`;
    }
    const id = this.g.helpers.length;
    const f = this.g.builder();
    const cases = n.options.map((o, i) => `    case ${i}: return ${f.expr(o)};`).join('\n');
    this.g.helpers.push(`function s${id}(${ARGS}, k) {\n${f.declarations()}  switch (k) {\n${cases}\n  }\n  return NaN;\n}`);
    return `s${id}(${ARGS}, ${this.expr(n.index)})`;
  }

  private call(n: Extract<IrNode, { op: 'call' }>): string {
    const a = n.args.map((x) => this.expr(x));
    const guard = (test: (x: string) => string, value: (x: string) => string) => {
      const x = this.temp();
      return `(${x} = ${a[0]}, ${test(x)} ? ${value(x)} : NaN)`;
    };
    const two = (test: (x: string, y: string) => string, value: (x: string, y: string) => string) => {
      const [x, y] = [this.temp(), this.temp()];
      return `(${x} = ${a[0]}, ${y} = ${a[1]}, ${test(x, y)} ? ${value(x, y)} : NaN)`;
    };
    switch (n.fn) {
      case 'abs':
      case 'floor':
      case 'ceil':
      case 'cos':
      case 'sin':
      case 'tan':
      case 'atan':
      case 'tanh':
      case 'cosh':
      case 'sinh':
      case 'exp':
        return `Math.${n.fn}(${a[0]})`;
      case 'sgn':
        return `Math.sign(${a[0]})`;
      case 'round':
        return `rt.round(${a[0]})`;
      case 'acos':
      case 'asin':
        return guard((x) => `${x} >= -1 && ${x} <= 1`, (x) => `Math.${n.fn}(${x})`);
      case 'ln':
        return guard((x) => `${x} > 0`, (x) => `Math.log(${x})`);
      case 'sqrt':
        return guard((x) => `${x} >= 0`, (x) => `Math.sqrt(${x})`);
      case 'gamma':
        return `rt.gamma(${a[0]})`;
      case 'lngamma':
        return `rt.lngamma(${a[0]})`;
      case 'div':
        return two((_x, y) => `${y} !== 0`, (x, y) => `Math.floor(${x} / ${y})`);
      case 'mod':
        return two((_x, y) => `${y} !== 0`, (x, y) => `(${x} - ${y} * Math.floor(${x} / ${y}))`);
      case 'fmod':
        return two((_x, y) => `${y} !== 0`, (x, y) => `(${x} % ${y})`);
      case 'min':
        return `Math.min(${a[0]}, ${a[1]})`;
      case 'max':
        return `Math.max(${a[0]}, ${a[1]})`;
      case 'hypot':
        return `Math.hypot(${a[0]}, ${a[1]})`;
      case 'pow':
        return `Math.pow(${a[0]}, ${a[1]})`;
      case 'log':
        return two((x, y) => `${x} > 0 && ${y} > 0 && ${y} !== 1`, (x, y) => `Math.log(${x}) / Math.log(${y})`);
    }
  }
}

/** Assignments of some CPFs, split into functions small enough for the JIT; returns the calls. */
function stage(g: Generator, name: string, analysis: ModelAnalysis, take: (i: number) => boolean): string {
  const calls: string[] = [];
  let index = 0;
  let chunk: string[] = [];
  let f = g.builder();
  const flush = () => {
    if (chunk.length === 0) return;
    const id = `${name}${calls.length}`;
    g.helpers.push(`function ${id}(${ARGS}) {\n${f.declarations()}${chunk.join('\n')}\n}`);
    calls.push(`  ${id}(${ARGS});`);
    chunk = [];
    f = g.builder();
  };
  analysis.cpfs.forEach((c, i) => {
    if (!take(i)) return;
    chunk.push(`  ${c.space === 'next' ? 'N' : 'I'}[${c.index}] = ${f.expr(c.expr)};`);
    if (++index % MAX_LINES === 0) flush();
  });
  flush();
  return `function ${name}(${ARGS}) {\n${calls.join('\n')}\n}`;
}

export function generateStepSource(analysis: ModelAnalysis): { source: string; buffers: number[] } {
  const randomIndex = new Map<IrNode, number>(analysis.random.map((r) => [r.node, r.k]));
  const g = new Generator(randomIndex);
  const { compiled } = analysis;
  const pre = stage(g, 'pre', analysis, (i) => !analysis.noisy[i]);
  const post = stage(g, 'post', analysis, (i) => analysis.noisy[i]!);
  const r = g.builder();
  const rewardExpr = r.expr(compiled.reward);
  const reward = `function reward(${ARGS}) {\n${r.declarations()}  return ${rewardExpr};\n}`;
  const condition = (name: string, list: readonly { expr: IrNode }[], all: boolean) => {
    const f = g.builder();
    const tests = list.map((c) => `  if (${all ? '!' : ''}${f.expr(c.expr)}) return ${all ? 'false' : 'true'};`);
    return `function ${name}(${ARGS}) {\n${f.declarations()}${tests.join('\n')}\n  return ${all ? 'true' : 'false'};\n}`;
  };
  const functions = [pre, post, reward, condition('preconditions', compiled.preconditions, true), condition('terminal', compiled.terminations, false)];
  const buffers = g.buffers.map((size, i) => `const B${i} = new Float64Array(${size});`);
  const source = ["'use strict';", ...buffers, ...g.helpers, ...functions, 'return { pre, post, reward, preconditions, terminal };'].join('\n');
  return { source, buffers: g.buffers };
}

const runtime = { round: roundHalfEven, gamma: (x: number) => gammaFn(x), lngamma: (x: number) => gammaln(x) };

/** Compile the model's step; random draws go through `hooks` (which may be changed between calls). */
export function compileStep(analysis: ModelAnalysis, hooks: DrawHooks): StepProgram {
  const { source } = generateStepSource(analysis);
  // The source holds only numbers and generated names (see above).
  const factory = new Function('h', 'rt', source) as (h: DrawHooks, rt: typeof runtime) => StepProgram;
  return factory(hooks, runtime);
}
