import { createDiagnostic, type Diagnostic } from '@rddl/core';
import type { CompiledModel } from '@rddl/compiler';
import { formatNumber } from './format-value.js';

/**
 * RDDL5005 for an action value outside its range, RDDL5004 for more
 * non-default actions than max-nondef-actions; undefined when the action is valid.
 */
export function checkAction(compiled: CompiledModel, action: ArrayLike<number>, offset: number, step: number): Diagnostic | undefined {
  const fluents = compiled.layout.action.fluents;
  const defaults = compiled.defaultAction;
  let nondefault = 0;
  for (let i = 0; i < fluents.length; i++) {
    const v = action[offset + i]!;
    const f = fluents[i]!;
    const range = f.pvariable.range;
    const ok =
      range.kind === 'bool'
        ? v === 0 || v === 1
        : range.kind === 'int'
          ? Number.isInteger(v)
          : range.kind === 'finite'
            ? Number.isInteger(v) && v >= 0 && v < range.type.values.length
            : Number.isFinite(v);
    if (!ok) {
      const expected = range.kind === 'finite' ? `a value of '${range.type.name}'` : range.kind === 'real' ? 'a finite number' : range.kind === 'bool' ? 'true or false' : 'a whole number';
      return createDiagnostic('RDDL5005', f.pvariable.span, `action '${f.name}' = ${formatNumber(v)} at step ${step}: expected ${expected}`);
    }
    if (v !== defaults[i]) nondefault++;
  }
  if (nondefault > compiled.maxNondefActions) {
    return createDiagnostic(
      'RDDL5004',
      compiled.model.instanceSpan,
      `${nondefault} actions differ from their defaults at step ${step}, but max-nondef-actions is ${compiled.maxNondefActions}`,
    );
  }
  return undefined;
}
