import { createDiagnostic, type Diagnostic } from '@rddl/core';
import type { CompiledModel } from '@rddl/compiler';
import { formatNumber } from './format-value.js';

const BOOL = 0;
const INT = 1;
const FINITE = 2;
const REAL = 3;

/**
 * Validates actions against their ranges and max-nondef-actions. The ranges
 * are read once into typed arrays, so checking an action costs one pass over
 * numbers per step.
 */
export class ActionChecker {
  private readonly kinds: Uint8Array;
  private readonly sizes: Float64Array;
  private readonly defaults: Float64Array;

  constructor(private readonly compiled: CompiledModel) {
    const fluents = compiled.layout.action.fluents;
    this.kinds = new Uint8Array(fluents.length);
    this.sizes = new Float64Array(fluents.length);
    fluents.forEach((f, i) => {
      const r = f.pvariable.range;
      this.kinds[i] = r.kind === 'bool' ? BOOL : r.kind === 'int' ? INT : r.kind === 'finite' ? FINITE : REAL;
      this.sizes[i] = r.kind === 'finite' ? r.type.values.length : 0;
    });
    this.defaults = compiled.defaultAction;
  }

  /** RDDL5005 for a value outside its range, RDDL5004 for too many non-default actions; undefined when valid. */
  check(action: ArrayLike<number>, offset: number, step: number): Diagnostic | undefined {
    const { kinds, sizes, defaults } = this;
    let nondefault = 0;
    for (let i = 0; i < kinds.length; i++) {
      const v = action[offset + i]!;
      const kind = kinds[i]!;
      const ok =
        kind === REAL ? v - v === 0 : kind === BOOL ? v === 0 || v === 1 : kind === INT ? Number.isInteger(v) : Number.isInteger(v) && v >= 0 && v < sizes[i]!;
      if (!ok) return this.rangeError(i, v, step);
      if (v !== defaults[i]) nondefault++;
    }
    if (nondefault > this.compiled.maxNondefActions) {
      return createDiagnostic(
        'RDDL5004',
        this.compiled.model.instanceSpan,
        `${nondefault} actions differ from their defaults at step ${step}, but max-nondef-actions is ${this.compiled.maxNondefActions}`,
      );
    }
    return undefined;
  }

  private rangeError(i: number, v: number, step: number): Diagnostic {
    const f = this.compiled.layout.action.fluents[i]!;
    const range = f.pvariable.range;
    const expected = range.kind === 'finite' ? `a value of '${range.type.name}'` : range.kind === 'real' ? 'a finite number' : range.kind === 'bool' ? 'true or false' : 'a whole number';
    return createDiagnostic('RDDL5005', f.pvariable.span, `action '${f.name}' = ${formatNumber(v)} at step ${step}: expected ${expected}`);
  }
}
