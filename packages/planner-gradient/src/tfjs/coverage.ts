import { formatLocation } from '@rddl/core';
import type { StepProgram } from '../program/types.js';

/** Distributions the TensorFlow.js backend samples by reparameterisation (closed-form quantiles). */
export const tfDistributions: ReadonlySet<string> = new Set(['Normal', 'Uniform', 'Bernoulli', 'Exponential', 'Gumbel']);

/** Why the TensorFlow.js backend cannot run a step program (the construct and its line), or undefined. */
export function tfUnsupported(program: StepProgram): string | undefined {
  for (const ins of program.instrs) {
    const where = ins.span ? ` at ${formatLocation(ins.span)}` : '';
    if (ins.kind === 'sample' && !tfDistributions.has(ins.dist)) return `${ins.dist} draws${where} are not supported by the TensorFlow.js backend (it samples ${[...tfDistributions].join(', ')}); use backend=compiled`;
    if (ins.kind === 'unary' && (ins.fn === 'gamma' || ins.fn === 'lngamma')) return `${ins.fn}${where} is not supported by the TensorFlow.js backend; use backend=compiled`;
  }
  return undefined;
}
