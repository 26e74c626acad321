import { createDiagnostic, type Diagnostic, type DiagnosticCode, type Severity } from '@rddl/core';
import { referencesOf, type CheckInfo, type CompiledModel, type DomainError, type IrNode } from '@rddl/compiler';
import { formatValue } from './format-value.js';

/** A problem found while simulating; carries the diagnostic to show. Thrown by `step` and `reset`. */
export class SimulationError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/** What the arrays held when the problem happened. */
export interface Snapshot {
  readonly state: ArrayLike<number>;
  readonly action: ArrayLike<number>;
  readonly next: ArrayLike<number>;
  readonly interm: ArrayLike<number>;
  readonly observ: ArrayLike<number>;
  readonly step: number;
}

/** `price___a1 = 3, running___c2 = false` for the atoms an expression reads (at most `limit`). */
export function atomValues(compiled: CompiledModel, expr: IrNode, snap: Snapshot, limit = 8): string {
  const refs = [...referencesOf(expr).values()];
  const parts = refs.slice(0, limit).map((r) => {
    const layout = r.space === 'state' || r.space === 'next' ? compiled.layout.state : compiled.layout[r.space];
    const fluent = layout.fluents[r.index]!;
    const array = r.space === 'state' ? snap.state : r.space === 'next' ? snap.next : r.space === 'action' ? snap.action : r.space === 'interm' ? snap.interm : snap.observ;
    return `${fluent.name}${r.space === 'next' ? "'" : ''} = ${formatValue(fluent, array[r.index]!)}`;
  });
  if (refs.length > limit) parts.push(`... (${refs.length - limit} more)`);
  return parts.join(', ');
}

const whatText: Record<CheckInfo['what'], string> = {
  ln: 'ln of a non-positive number',
  log: 'log of a non-positive number or to an invalid base',
  sqrt: 'sqrt of a negative number',
  div: 'division by zero',
  mod: 'mod by zero',
  acos: 'acos outside [-1, 1]',
  asin: 'asin outside [-1, 1]',
  pow: 'pow with no finite real result',
  gamma: 'gamma function at a pole or overflow',
  exp: 'overflow to infinity',
  value: 'a value that is not a finite number',
  distribution: 'invalid distribution parameters',
  discrete: 'invalid Discrete probabilities',
  vector: 'invalid vector distribution parameters',
  matrix: 'matrix function of a singular or invalid matrix',
  det: 'determinant that is not finite',
  select: 'an object index out of range',
};

/** Turn a run-time domain error of the compiled code into an RDDL5001 diagnostic. */
export function domainErrorDiagnostic(compiled: CompiledModel, checks: readonly CheckInfo[], err: DomainError, step: number): Diagnostic {
  const check = checks[err.checkId]!;
  const where = ownerText(compiled, check);
  const values = err.values.length > 0 ? ` (value${err.values.length > 1 ? 's' : ''} ${err.values.map((v) => String(v)).join(', ')})` : '';
  const detail = err.detail ? `: ${err.detail}` : '';
  const name = check.name && check.what === 'distribution' ? `${check.name}: ` : '';
  return createDiagnostic('RDDL5001', check.span, `${name}${whatText[check.what]}${detail}${values} while computing ${where} at step ${step}`);
}

function ownerText(compiled: CompiledModel, check: CheckInfo): string {
  const o = check.owner;
  if (o.kind === 'cpf') {
    const c = compiled.cpfs[o.index]!;
    return `'${c.fluent.name}${c.space === 'next' ? "'" : ''}'`;
  }
  if (o.kind === 'reward') return 'the reward';
  return `${o.kind === 'invariant' ? 'state invariant' : o.kind === 'precondition' ? 'action precondition' : 'termination condition'} ${o.index + 1}`;
}

/** RDDL5002/5003: which constraint, where, and the values of the atoms it reads. */
export function constraintDiagnostic(
  compiled: CompiledModel,
  kind: 'invariant' | 'precondition',
  index: number,
  snap: Snapshot,
  severity: Severity,
): Diagnostic {
  const list = kind === 'invariant' ? compiled.invariants : compiled.preconditions;
  const c = list[index]!;
  const code: DiagnosticCode = kind === 'invariant' ? 'RDDL5002' : 'RDDL5003';
  const what = kind === 'invariant' ? `state invariant ${index + 1} is violated` : `action precondition ${index + 1} is violated`;
  const when = kind === 'invariant' ? (snap.step === 0 ? 'in the initial state' : `after step ${snap.step}`) : `at step ${snap.step}`;
  const atoms = atomValues(compiled, c.expr, snap);
  return createDiagnostic(code, c.condition.span, `${what} ${when}${atoms ? `: ${atoms}` : ''}`, { severity });
}
