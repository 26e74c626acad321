import type { Instr, Reg, StepProgram } from './types.js';

const r = (x: Reg) => `r${x.id}[${x.width}]${x.grad ? '' : '°'}`;

/** A readable listing of a step program (for debugging and `--explain`). */
export function printProgram(p: StepProgram): string {
  const lines = [`state ${r(p.state)} action ${r(p.action)} -> next ${r(p.next)} reward ${r(p.reward)}${p.penalty ? ` penalty ${r(p.penalty)}` : ''}${p.terminal ? ` terminal ${r(p.terminal)}` : ''}`];
  for (const ins of p.instrs) lines.push(`${r(ins.out)} = ${describe(ins)}`);
  return lines.join('\n');
}

function describe(ins: Instr): string {
  const relax = 'relax' in ins && ins.relax ? ` {${ins.relax.method}:${ins.relax.weight}}` : '';
  switch (ins.kind) {
    case 'const':
      return `const ${ins.values.join(', ')}`;
    case 'pick':
      return `pick ${ins.from.map((s) => `r${s.reg.id}.${s.lane}`).join(' ')}`;
    case 'unary':
      return `${ins.fn} ${r(ins.a)}${relax}`;
    case 'binary':
      return `${ins.fn} ${r(ins.a)} ${r(ins.b)}${relax}`;
    case 'reduce':
      return `${ins.fn}/${ins.group} ${r(ins.a)}${relax}`;
    case 'if':
      return `if ${r(ins.c)} ${r(ins.t)} ${r(ins.e)}${ins.relaxed ? ' {soft}' : ''}`;
    case 'select':
      return `select/${ins.k} ${r(ins.index)} ${r(ins.options)}${relax}`;
    case 'argext':
      return `${ins.fn}/${ins.k} ${r(ins.a)}${relax}`;
    case 'sample':
      return `${ins.dist}(${ins.args.map(r).join(', ')}) noise ${ins.noise}${relax}`;
    case 'discrete':
      return `Discrete/${ins.k} ${r(ins.probs)} noise ${ins.noise}${relax}`;
  }
}
