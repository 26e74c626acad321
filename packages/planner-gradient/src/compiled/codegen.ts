import type { Instr, Reg, StepProgram } from '../program/types.js';
import { binaryFormula, num, unaryFormula, type Formula } from './formulas.js';

/**
 * Generates the float64 forward pass of a step program and its reverse-mode
 * adjoint as JavaScript loops over typed arrays. Registers live in one array
 * per step (`R`, lanes of `batch` scenarios) and constants in `K` (one value
 * per lane). Like the simulator's code generator, only numbers and generated
 * identifiers reach the source.
 */
export interface StepLayout {
  /** Offset of each register: in R (per step) or in K (constants). */
  readonly offset: readonly number[];
  readonly constant: readonly boolean[];
  /** Doubles per step in R. */
  readonly stepSize: number;
  readonly constants: Float64Array;
}

export interface GeneratedStep {
  readonly layout: StepLayout;
  readonly source: string;
  /** Sizes of the scratch arrays the generated code uses. */
  readonly scratch: number;
}

/** Instructions per generated function: V8 optimises small functions better. */
const CHUNK = 60;

export function layoutOf(program: StepProgram, batch: number): StepLayout {
  const constant = program.regs.map(() => false);
  for (const ins of program.instrs) if (ins.kind === 'const') constant[ins.out.id] = true;
  const offset: number[] = [];
  let r = 0;
  let k = 0;
  for (const reg of program.regs) {
    if (constant[reg.id]) {
      offset.push(k);
      k += reg.width;
    } else {
      offset.push(r);
      r += reg.width * batch;
    }
  }
  const constants = new Float64Array(k);
  for (const ins of program.instrs) if (ins.kind === 'const') constants.set(ins.values, offset[ins.out.id]!);
  return { offset, constant, stepSize: r, constants };
}

export function generateStep(program: StepProgram, batch: number): GeneratedStep {
  const layout = layoutOf(program, batch);
  const g = new Gen(layout, batch);
  const forwards: string[] = [];
  const backwards: string[] = [];
  for (const ins of program.instrs) {
    forwards.push(g.forward(ins));
    if (ins.out.grad) backwards.push(g.backward(ins));
  }
  backwards.reverse();
  const fn = (name: string, params: string, bodies: string[]) => {
    const chunks: string[] = [];
    const calls: string[] = [];
    for (let c = 0; c < bodies.length; c += CHUNK) {
      const id = chunks.length;
      chunks.push(`function ${name}${id}(${params}) {\n${bodies.slice(c, c + CHUNK).join('\n')}\n}`);
      calls.push(`  ${name}${id}(${params});`);
    }
    return `${chunks.join('\n')}\nfunction ${name}(${params}) {\n${calls.join('\n')}\n}`;
  };
  const source = [
    "'use strict';",
    'const K = rt.K, D = rt.D, S = rt.S;',
    fn('forward', 'R, base, N, nb', forwards),
    fn('backward', 'R, base, G, gb, N, nb', backwards),
    'return { forward, backward };',
  ].join('\n');
  return { layout, source, scratch: g.scratchSize };
}

class Gen {
  scratchSize = 1;
  constructor(
    private readonly layout: StepLayout,
    private readonly B: number,
  ) {}

  private isConst(r: Reg): boolean {
    return this.layout.constant[r.id]!;
  }

  /** Per-lane offsets and constants hoisted out of the scenario loop (set while a loop body is built). */
  private hoisted: Map<string, string> | undefined;

  /** A local for `init` in the current loop's lane prelude (or the expression itself outside a loop). */
  private local(init: string): string {
    if (!this.hoisted) return init;
    let name = this.hoisted.get(init);
    if (!name) {
      name = `q${this.hoisted.size}`;
      this.hoisted.set(init, name);
    }
    return name;
  }

  /** Source of element (lane, i) of register r in the forward values. */
  at(r: Reg, lane: string): string {
    const off = this.layout.offset[r.id]!;
    const l = r.width === 1 ? '0' : lane;
    const hoist = this.hoisted && (l === '0' || l === 'w');
    if (this.isConst(r)) return hoist ? this.local(`K[${off} + ${l}]`) : `K[${off} + ${l}]`;
    return hoist ? `R[${this.local(`base + ${off} + ${l} * ${this.B}`)} + i]` : `R[base + ${off} + (${l}) * ${this.B} + i]`;
  }

  /** Source of the adjoint of element (lane, i) of r. */
  adj(r: Reg, lane: string): string {
    const l = r.width === 1 ? '0' : lane;
    const off = this.layout.offset[r.id]!;
    if (this.hoisted && (l === '0' || l === 'w')) return `G[${this.local(`gb + ${off} + ${l} * ${this.B}`)} + i]`;
    return `G[gb + ${off} + (${l}) * ${this.B} + i]`;
  }

  /** A loop over lanes and scenarios whose body is built by `body` (lane offsets hoisted). */
  private hoistedLoop(width: number, body: () => string): string {
    this.hoisted = new Map();
    const text = body();
    const prelude = [...this.hoisted.entries()].map(([init, name]) => `const ${name} = ${init};`).join(' ');
    this.hoisted = undefined;
    return `  for (let w = 0; w < ${width}; w++) {\n    ${prelude}\n    for (let i = 0; i < ${this.B}; i++) {\n${text}\n    }\n  }`;
  }

  /** Whether r receives an adjoint. */
  private takes(r: Reg): boolean {
    return r.grad && !this.isConst(r);
  }

  private loop(width: number, body: string): string {
    return `  for (let w = 0; w < ${width}; w++) for (let i = 0; i < ${this.B}; i++) {\n${body}\n  }`;
  }

  private out(ins: Instr): string {
    if (this.hoisted) return `R[${this.local(`base + ${this.layout.offset[ins.out.id]!} + w * ${this.B}`)} + i]`;
    return `R[base + ${this.layout.offset[ins.out.id]!} + w * ${this.B} + i]`;
  }

  private gout(ins: Instr): string {
    if (this.hoisted) return `G[${this.local(`gb + ${this.layout.offset[ins.out.id]!} + w * ${this.B}`)} + i]`;
    return `G[gb + ${this.layout.offset[ins.out.id]!} + w * ${this.B} + i]`;
  }

  forward(ins: Instr): string {
    switch (ins.kind) {
      case 'const':
        return '';
      case 'pick':
        return this.pickForward(ins);
      case 'unary':
      case 'binary': {
        const f: Formula = ins.kind === 'unary' ? unaryFormula(ins.fn, ins.relax) : binaryFormula(ins.fn, ins.relax);
        return this.hoistedLoop(ins.out.width, () => {
          const loads = ins.kind === 'unary' ? `const x = ${this.at(ins.a, 'w')};` : `const x = ${this.at(ins.a, 'w')}, y = ${this.at(ins.b, 'w')};`;
          return `    ${loads}\n    ${f.pre ?? ''}\n    ${this.out(ins)} = ${f.v};`;
        });
      }
      case 'if': {
        const v = ins.relaxed ? '(c === 1 ? t : c === 0 ? e : c * t + (1 - c) * e)' : '(c ? t : e)';
        return this.hoistedLoop(ins.out.width, () => `    const c = ${this.at(ins.c, 'w')}, t = ${this.at(ins.t, 'w')}, e = ${this.at(ins.e, 'w')};\n    ${this.out(ins)} = ${v};`);
      }
      case 'reduce':
        return this.reduceForward(ins);
      case 'select':
        return this.selectForward(ins);
      case 'argext':
        return this.argextForward(ins);
      case 'sample':
        return this.sampleForward(ins);
      case 'discrete':
        return this.discreteForward(ins);
    }
  }

  backward(ins: Instr): string {
    switch (ins.kind) {
      case 'const':
        return '';
      case 'pick':
        return this.pickBackward(ins);
      case 'unary':
      case 'binary': {
        const f: Formula = ins.kind === 'unary' ? unaryFormula(ins.fn, ins.relax) : binaryFormula(ins.fn, ins.relax);
        const da = f.dx !== undefined && this.takes(ins.a);
        const db = ins.kind === 'binary' && f.dy !== undefined && this.takes(ins.b);
        if (!da && !db) return '';
        return this.hoistedLoop(ins.out.width, () => {
          const parts: string[] = [];
          if (da) parts.push(`${this.adj(ins.a, 'w')} += g * (${f.dx});`);
          if (db) parts.push(`${this.adj((ins as { b: Reg }).b, 'w')} += g * (${f.dy});`);
          // Load only the values the partials read.
          const used = `${f.bpre ?? ''} ${da ? f.dx : ''} ${db ? f.dy : ''}`;
          const loads: string[] = [];
          if (/\bx\b/.test(used)) loads.push(`const x = ${this.at(ins.a, 'w')};`);
          if (ins.kind === 'binary' && /\by\b/.test(used)) loads.push(`const y = ${this.at(ins.b, 'w')};`);
          if (/\bv\b/.test(used)) loads.push(`const v = ${this.out(ins)};`);
          return `    const g = ${this.gout(ins)};\n    if (g === 0) continue;\n    ${loads.join(' ')}\n    ${f.bpre ?? ''}\n    ${parts.join('\n    ')}`;
        });
      }
      case 'if': {
        if (!ins.relaxed) return '';
        if (!this.takes(ins.c) && !this.takes(ins.t) && !this.takes(ins.e)) return '';
        return this.hoistedLoop(ins.out.width, () => {
          const parts: string[] = [];
          if (this.takes(ins.c)) parts.push(`${this.adj(ins.c, 'w')} += g * (t - e);`);
          if (this.takes(ins.t)) parts.push(`${this.adj(ins.t, 'w')} += g * c;`);
          if (this.takes(ins.e)) parts.push(`${this.adj(ins.e, 'w')} += g * (1 - c);`);
          return `    const g = ${this.gout(ins)};\n    if (g === 0) continue;\n    const c = ${this.at(ins.c, 'w')}, t = ${this.at(ins.t, 'w')}, e = ${this.at(ins.e, 'w')};\n    ${parts.join('\n    ')}`;
        });
      }
      case 'reduce':
        return this.reduceBackward(ins);
      case 'select':
        return this.selectBackward(ins);
      case 'argext':
        return this.argextBackward(ins);
      case 'sample':
        return this.sampleBackward(ins);
      case 'discrete':
        return this.discreteBackward(ins);
    }
  }

  /**
   * Runs of a pick: consecutive lanes of one register (`copy`), one lane
   * repeated (`repeat`, a constant or a width-1 register broadcast).
   */
  private runs(ins: Extract<Instr, { kind: 'pick' }>): { start: number; reg: Reg; lane: number; length: number; repeat: boolean }[] {
    const out: { start: number; reg: Reg; lane: number; length: number; repeat: boolean }[] = [];
    ins.from.forEach((s, w) => {
      const last = out[out.length - 1];
      const lane = s.reg.width === 1 ? 0 : s.lane;
      const single = this.isConst(s.reg) || s.reg.width === 1;
      if (last && last.reg === s.reg && last.repeat && single && last.lane === lane) last.length++;
      else if (last && last.reg === s.reg && !last.repeat && !single && last.lane + last.length === lane) last.length++;
      else out.push({ start: w, reg: s.reg, lane, length: 1, repeat: single });
    });
    return out;
  }

  private pickForward(ins: Extract<Instr, { kind: 'pick' }>): string {
    const B = this.B;
    const o = this.layout.offset[ins.out.id]!;
    return this.runs(ins)
      .map((r) => {
        const src = this.layout.offset[r.reg.id]!;
        const to = o + r.start * B;
        const n = r.length * B;
        // Short runs in a loop: a native fill or copyWithin call costs more than copying a few lanes.
        if (this.isConst(r.reg)) return n >= 512 ? `  R.fill(K[${src + r.lane}], base + ${to}, base + ${to + n});` : `  { const k = K[${src + r.lane}]; for (let i = 0; i < ${n}; i++) R[base + ${to} + i] = k; }`;
        if (r.repeat) return `  for (let w = 0; w < ${r.length}; w++) for (let i = 0; i < ${B}; i++) R[base + ${to} + w * ${B} + i] = R[base + ${src} + i];`;
        return n >= 512 ? `  R.copyWithin(base + ${to}, base + ${src + r.lane * B}, base + ${src + r.lane * B + n});` : `  for (let i = 0; i < ${n}; i++) R[base + ${to} + i] = R[base + ${src + r.lane * B} + i];`;
      })
      .join('\n');
  }

  private pickBackward(ins: Extract<Instr, { kind: 'pick' }>): string {
    const B = this.B;
    const o = this.layout.offset[ins.out.id]!;
    return this.runs(ins)
      .filter((r) => this.takes(r.reg))
      .map((r) => {
        const src = this.layout.offset[r.reg.id]!;
        const to = o + r.start * B;
        if (r.repeat) return `  for (let w = 0; w < ${r.length}; w++) for (let i = 0; i < ${B}; i++) G[gb + ${src} + i] += G[gb + ${to} + w * ${B} + i];`;
        return `  for (let i = 0; i < ${r.length * B}; i++) G[gb + ${src + r.lane * B} + i] += G[gb + ${to} + i];`;
      })
      .join('\n');
  }

  private reduceForward(ins: Extract<Instr, { kind: 'reduce' }>): string {
    const k = ins.group;
    const x = this.at(ins.a, `w * ${k} + j`);
    const m = ins.relax?.method;
    const w = num(ins.relax?.weight ?? 1);
    let init: string;
    let step: string;
    let fin = 'acc';
    switch (ins.fn) {
      case 'sum':
        [init, step] = ['0', 'acc += x;'];
        break;
      case 'prod':
        [init, step] = ['1', 'acc *= x;'];
        break;
      case 'min':
      case 'max': {
        const better = ins.fn === 'min' ? '<' : '>';
        if (m === 'softmax') {
          const s = ins.fn === 'min' ? '-' : '';
          return this.loop(
            ins.out.width,
            `    let M = ${x.replaceAll('j', '0')};\n    for (let j = 1; j < ${k}; j++) { const x = ${x}; if (x ${better} M) M = x; }\n    let s = 0;\n    for (let j = 0; j < ${k}; j++) s += Math.exp(${s}${w} * (${x} - M));\n    ${this.out(ins)} = M ${ins.fn === 'min' ? '-' : '+'} Math.log(s) / ${w};`,
          );
        }
        [init, step] = [ins.fn === 'min' ? 'Infinity' : '-Infinity', `if (x ${better} acc) acc = x;`];
        break;
      }
      case 'all':
      case 'any': {
        const all = ins.fn === 'all';
        if (!ins.relax) [init, step] = all ? ['1', 'if (!x) acc = 0;'] : ['0', 'if (x) acc = 1;'];
        else if (m === 'goedel') [init, step] = all ? ['Infinity', 'if (x < acc) acc = x;'] : ['-Infinity', 'if (x > acc) acc = x;'];
        else if (m === 'lukasiewicz') {
          [init, step] = ['0', 'acc += x;'];
          fin = all ? `Math.max(0, acc - ${k - 1})` : 'Math.min(1, acc)';
        } else {
          [init, step] = all ? ['1', 'acc *= x;'] : ['1', 'acc *= 1 - x;'];
          if (!all) fin = '1 - acc';
        }
        break;
      }
    }
    return this.loop(ins.out.width, `    let acc = ${init};\n    for (let j = 0; j < ${k}; j++) { const x = ${x}; ${step} }\n    ${this.out(ins)} = ${fin};`);
  }

  private reduceBackward(ins: Extract<Instr, { kind: 'reduce' }>): string {
    if (!this.takes(ins.a)) return '';
    const k = ins.group;
    const x = this.at(ins.a, `w * ${k} + j`);
    const gx = this.adj(ins.a, `w * ${k} + j`);
    const m = ins.relax?.method;
    const w = num(ins.relax?.weight ?? 1);
    const head = `    const g = ${this.gout(ins)};\n    if (g === 0) continue;\n`;
    const productRule = (term: string, sign: string) => {
      this.scratchSize = Math.max(this.scratchSize, k);
      return this.loop(
        ins.out.width,
        `${head}    let left = 1;\n    for (let j = 0; j < ${k}; j++) { S[j] = left; const x = ${x}; left *= ${term}; }\n    let right = 1;\n    for (let j = ${k - 1}; j >= 0; j--) { const x = ${x}; ${gx} += ${sign}g * S[j] * right; right *= ${term}; }`,
      );
    };
    // The gradient goes to the selected argument, split equally between ties.
    const selected = () =>
      this.loop(ins.out.width, `${head}    const v = ${this.out(ins)};\n    let ties = 0;\n    for (let j = 0; j < ${k}; j++) if (${x} === v) ties++;\n    if (ties > 0) for (let j = 0; j < ${k}; j++) if (${x} === v) ${gx} += g / ties;`);
    switch (ins.fn) {
      case 'sum':
        return this.loop(ins.out.width, `${head}    for (let j = 0; j < ${k}; j++) ${gx} += g;`);
      case 'prod':
        return productRule('x', '');
      case 'min':
      case 'max': {
        if (m === 'softmax') {
          const s = ins.fn === 'min' ? '-' : '';
          return this.loop(ins.out.width, `${head}    const v = ${this.out(ins)};\n    for (let j = 0; j < ${k}; j++) ${gx} += g * Math.exp(${s}${w} * (${x} - v));`);
        }
        if (m === 'straight-through') {
          // Softmax weights of the differences relative to the arguments' mean size (see the binary min/max).
          const s = ins.fn === 'min' ? '-' : '';
          this.scratchSize = Math.max(this.scratchSize, k);
          return this.loop(
            ins.out.width,
            `${head}    const v = ${this.out(ins)};\n    let sc = 1e-12;\n    for (let j = 0; j < ${k}; j++) sc += Math.abs(${x}) / ${k};\n    let s = 0;\n    for (let j = 0; j < ${k}; j++) { S[j] = Math.exp(${s}${w} * (${x} - v) / sc); s += S[j]; }\n    for (let j = 0; j < ${k}; j++) ${gx} += g * S[j] / s;`,
          );
        }
        return selected();
      }
      case 'all':
      case 'any': {
        if (!ins.relax) return '';
        const all = ins.fn === 'all';
        if (m === 'goedel') return selected();
        if (m === 'lukasiewicz') {
          const cond = all ? `acc > ${k - 1}` : 'acc < 1';
          return this.loop(ins.out.width, `${head}    let acc = 0;\n    for (let j = 0; j < ${k}; j++) acc += ${x};\n    if (${cond}) for (let j = 0; j < ${k}; j++) ${gx} += g;`);
        }
        return all ? productRule('x', '') : productRule('(1 - x)', '');
      }
    }
  }

  /** Statements computing the softmax(-w (j - idx)^2) weights into S and v (the mixture of the options). */
  private selectSoft(ins: Extract<Instr, { kind: 'select' }>): string {
    const k = ins.k;
    const w = num(ins.relax?.weight ?? 1);
    this.scratchSize = Math.max(this.scratchSize, k);
    return `    const idx = ${this.at(ins.index, 'w')};\n    let M = -Infinity;\n    for (let j = 0; j < ${k}; j++) { const l = -${w} * (j - idx) * (j - idx); S[j] = l; if (l > M) M = l; }\n    let s = 0;\n    for (let j = 0; j < ${k}; j++) { S[j] = Math.exp(S[j] - M); s += S[j]; }\n    let vs = 0;\n    for (let j = 0; j < ${k}; j++) { S[j] /= s; vs += S[j] * ${this.at(ins.options, `w * ${k} + j`)}; }`;
  }

  private selectForward(ins: Extract<Instr, { kind: 'select' }>): string {
    const k = ins.k;
    if (ins.relax?.method === 'softmax') return this.loop(ins.out.width, `${this.selectSoft(ins)}\n    ${this.out(ins)} = vs;`);
    return this.loop(
      ins.out.width,
      `    let j = Math.round(${this.at(ins.index, 'w')});\n    if (!(j >= 0 && j < ${k})) { D.n++; j = j > 0 ? ${k - 1} : 0; }\n    ${this.out(ins)} = ${this.at(ins.options, `w * ${k} + j`)};`,
    );
  }

  private selectBackward(ins: Extract<Instr, { kind: 'select' }>): string {
    const k = ins.k;
    const head = `    const g = ${this.gout(ins)};\n    if (g === 0) continue;\n`;
    const m = ins.relax?.method;
    if (m === 'softmax' || m === 'straight-through') {
      const w = num(ins.relax!.weight);
      const parts: string[] = [];
      if (this.takes(ins.options)) parts.push(`for (let j = 0; j < ${k}; j++) ${this.adj(ins.options, `w * ${k} + j`)} += g * S[j];`);
      if (this.takes(ins.index))
        parts.push(
          `let m1 = 0, m2 = 0;\n    for (let j = 0; j < ${k}; j++) { m1 += S[j] * (j - idx); m2 += S[j] * (j - idx) * ${this.at(ins.options, `w * ${k} + j`)}; }\n    ${this.adj(ins.index, 'w')} += g * 2 * ${w} * (m2 - vs * m1);`,
        );
      if (parts.length === 0) return '';
      return this.loop(ins.out.width, `${head}${this.selectSoft(ins)}\n    ${parts.join('\n    ')}`);
    }
    if (!this.takes(ins.options)) return '';
    return this.loop(
      ins.out.width,
      `${head}    let j = Math.round(${this.at(ins.index, 'w')});\n    if (!(j >= 0 && j < ${k})) j = j > 0 ? ${k - 1} : 0;\n    ${this.adj(ins.options, `w * ${k} + j`)} += g;`,
    );
  }

  /** Softmax(+-w x) weights into S and their mean index vs. */
  private argextSoft(ins: Extract<Instr, { kind: 'argext' }>): string {
    const k = ins.k;
    const w = num(ins.relax?.weight ?? 1);
    const s = ins.fn === 'argmin' ? '-' : '';
    this.scratchSize = Math.max(this.scratchSize, k);
    const x = this.at(ins.a, `w * ${k} + j`);
    return `    let M = -Infinity;\n    for (let j = 0; j < ${k}; j++) { const l = ${s}${w} * ${x}; S[j] = l; if (l > M) M = l; }\n    let s = 0;\n    for (let j = 0; j < ${k}; j++) { S[j] = Math.exp(S[j] - M); s += S[j]; }\n    let vs = 0;\n    for (let j = 0; j < ${k}; j++) { S[j] /= s; vs += j * S[j]; }`;
  }

  private argextForward(ins: Extract<Instr, { kind: 'argext' }>): string {
    const k = ins.k;
    if (ins.relax?.method === 'softmax') return this.loop(ins.out.width, `${this.argextSoft(ins)}\n    ${this.out(ins)} = vs;`);
    const better = ins.fn === 'argmax' ? '>' : '<';
    const x = this.at(ins.a, `w * ${k} + j`);
    return this.loop(ins.out.width, `    let best = 0, bv = ${x.replaceAll('j', '0')};\n    for (let j = 1; j < ${k}; j++) { const x = ${x}; if (x ${better} bv) { bv = x; best = j; } }\n    ${this.out(ins)} = best;`);
  }

  private argextBackward(ins: Extract<Instr, { kind: 'argext' }>): string {
    const m = ins.relax?.method;
    if ((m !== 'softmax' && m !== 'straight-through') || !this.takes(ins.a)) return '';
    const k = ins.k;
    const w = num(ins.relax!.weight);
    const s = ins.fn === 'argmin' ? '-' : '';
    return this.loop(
      ins.out.width,
      `    const g = ${this.gout(ins)};\n    if (g === 0) continue;\n${this.argextSoft(ins)}\n    for (let j = 0; j < ${k}; j++) ${this.adj(ins.a, `w * ${k} + j`)} += g * ${s}${w} * S[j] * (j - vs);`,
    );
  }

  private noiseAt(ins: { noise: number }, lane: string): string {
    if (this.hoisted && lane === 'w') return `N[${this.local(`nb + (${ins.noise} + w) * ${this.B}`)} + i]`;
    return `N[nb + (${ins.noise} + ${lane}) * ${this.B} + i]`;
  }

  private sampleForward(ins: Extract<Instr, { kind: 'sample' }>): string {
    return this.hoistedLoop(ins.out.width, () => this.sampleForwardBody(ins));
  }

  private sampleForwardBody(ins: Extract<Instr, { kind: 'sample' }>): string {
    const args = ins.args.map((a) => this.at(a, 'w'));
    const loads = `const u = ${this.noiseAt(ins, 'w')};${args.map((a, j) => ` const a${j} = ${a};`).join('')}`;
    const m = ins.relax?.method;
    const w = num(ins.relax?.weight ?? 1);
    let v: string;
    switch (ins.dist) {
      case 'Normal':
        v = '(a1 >= 0 ? a0 + Math.sqrt(a1) * u : (D.n++, a0))';
        break;
      case 'Uniform':
        v = 'a0 + (a1 - a0) * u';
        break;
      case 'Bernoulli':
        v = m === 'gumbel' ? `rt.sig(${w} * (rt.logit(a0) + Math.log(u / (1 - u))))` : '(1 - u <= a0 ? 1 : 0)';
        break;
      default:
        v = `rt.quantile(${JSON.stringify(ins.dist)}, u, ${args.map((_, j) => `a${j}`).join(', ')})`;
    }
    return `    ${loads}\n    ${this.out(ins)} = ${v};`;
  }

  private sampleBackward(ins: Extract<Instr, { kind: 'sample' }>): string {
    const m = ins.relax?.method;
    if (!m || m === 'exact') return '';
    const w = num(ins.relax!.weight);
    const args = ins.args.map((a) => this.at(a, 'w'));
    const loads = `const u = ${this.noiseAt(ins, 'w')};${args.map((a, j) => ` const a${j} = ${a};`).join('')} const v = ${this.out(ins)};`;
    const partial = (j: number): string | undefined => {
      switch (ins.dist) {
        case 'Normal':
          return j === 0 ? '1' : '(a1 > 0 ? u / (2 * Math.sqrt(a1)) : 0)';
        case 'Uniform':
          return j === 0 ? '(1 - u)' : 'u';
        case 'Bernoulli':
          return `rt.bernoulliSlope(a0, u, ${w})`;
        default: {
          const list = args.map((_, i) => `a${i}`).join(', ');
          return ins.relax!.construct === 'integer-sampler' ? `rt.integerSlope(${JSON.stringify(ins.dist)}, ${j}, v, ${list})` : `rt.quantileSlope(${JSON.stringify(ins.dist)}, ${j}, u, ${list})`;
        }
      }
    };
    const parts = ins.args
      .map((a, j) => (this.takes(a) ? `${this.adj(a, 'w')} += g * (${partial(j)});` : ''))
      .filter((p) => p !== '');
    if (parts.length === 0) return '';
    return this.loop(ins.out.width, `    const g = ${this.gout(ins)};\n    if (g === 0) continue;\n    ${loads}\n    ${parts.join('\n    ')}`);
  }

  /** Softmax(w (ln p_j + g_j)) weights into S and their mean index vs. */
  private discreteSoft(ins: Extract<Instr, { kind: 'discrete' }>): string {
    const k = ins.k;
    const w = num(ins.relax?.weight ?? 1);
    this.scratchSize = Math.max(this.scratchSize, k);
    const p = this.at(ins.probs, `w * ${k} + j`);
    return `    let M = -Infinity;\n    for (let j = 0; j < ${k}; j++) { const p = ${p}; const l = p > 0 ? ${w} * (Math.log(p) + ${this.noiseAt(ins, `w * ${k} + j`)}) : -Infinity; S[j] = l; if (l > M) M = l; }\n    let s = 0;\n    for (let j = 0; j < ${k}; j++) { S[j] = M === -Infinity ? 0 : Math.exp(S[j] - M); s += S[j]; }\n    let vs = 0;\n    for (let j = 0; j < ${k}; j++) { S[j] = s > 0 ? S[j] / s : 0; vs += j * S[j]; }`;
  }

  private discreteForward(ins: Extract<Instr, { kind: 'discrete' }>): string {
    const k = ins.k;
    if (ins.relax?.method === 'gumbel-softmax') return this.loop(ins.out.width, `${this.discreteSoft(ins)}\n    ${this.out(ins)} = vs;`);
    const p = this.at(ins.probs, `w * ${k} + j`);
    return this.loop(
      ins.out.width,
      `    let best = -1, bv = -Infinity;\n    for (let j = 0; j < ${k}; j++) { const p = ${p}; if (p > 0) { const l = Math.log(p) + ${this.noiseAt(ins, `w * ${k} + j`)}; if (l > bv) { bv = l; best = j; } } }\n    if (best < 0) { D.n++; best = 0; }\n    ${this.out(ins)} = best;`,
    );
  }

  private discreteBackward(ins: Extract<Instr, { kind: 'discrete' }>): string {
    const m = ins.relax?.method;
    if ((m !== 'gumbel-softmax' && m !== 'straight-through') || !this.takes(ins.probs)) return '';
    const k = ins.k;
    const w = num(ins.relax!.weight);
    const p = this.at(ins.probs, `w * ${k} + j`);
    return this.loop(
      ins.out.width,
      `    const g = ${this.gout(ins)};\n    if (g === 0) continue;\n${this.discreteSoft(ins)}\n    for (let j = 0; j < ${k}; j++) { const p = ${p}; if (p > 0) ${this.adj(ins.probs, `w * ${k} + j`)} += g * ${w} * S[j] * (j - vs) / p; }`,
    );
  }
}
