import gammaFn from '@stdlib/math-base-special-gamma';
import gammaln from '@stdlib/math-base-special-gammaln';
import { emitPureOp, roundHalfEven, type IrNode } from '@rddl/compiler';
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
const MAX_LINES = 400;
const SWITCH_OPTIONS = 16;



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
    const pure = emitPureOp(n, e, () => this.temp());
    if (pure !== undefined) return pure;
    switch (n.op) {
      case 'ref':
        return n.space === 'state' ? `S[${n.index}]` : n.space === 'next' ? `N[${n.index}]` : n.space === 'action' ? `A[${n.index}]` : n.space === 'interm' ? `I[${n.index}]` : 'NaN';
      case 'div': {
        const b = this.temp();
        return `(${b} = ${e(n.right)}, ${b} !== 0 ? ${e(n.left)} / ${b} : NaN)`;
      }
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
    // emitPureOp wrote every other operator.
    throw new Error(`IR operator '${n.op}' has no JavaScript form`);
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
