import { createDiagnostic, type Diagnostic, type Span } from '@rddl/core';
import type { Assignment, InstanceBlock, NonFluentsBlock } from '@rddl/syntax';
import { encodeConstant } from './constants.js';
import type { DomainContext } from './domain-context.js';
import { groundingCount, groundingIndex, groundName } from './ground-index.js';
import { didYouMean, withArticle } from './suggest.js';
import type { GroundValues, PVariable } from './types.js';

/** Values of every grounding of the pvariables of one kind: defaults, then assignments (RDDL3010/3011/3016/3017). */
export function assignValues(
  context: DomainContext,
  kind: 'non-fluent' | 'state-fluent',
  assignments: readonly Assignment[],
  section: string,
  diagnostics: Diagnostic[],
): Map<string, GroundValues> {
  const values = new Map<string, GroundValues>();
  const set = new Map<string, Uint8Array>();
  for (const p of context.pvariables.values()) {
    if (p.kind !== kind) continue;
    const v = new Float64Array(groundingCount(p));
    v.fill(p.defaultValue ?? Number.NaN);
    values.set(p.name, v);
    set.set(p.name, new Uint8Array(v.length));
  }
  const where = new Map<string, Span>();
  for (const a of assignments) {
    const name = a.name.name;
    const pvar = context.pvariables.get(name);
    if (!pvar) {
      diagnostics.push(createDiagnostic('RDDL2003', a.name.span, `undefined pvariable '${name}'`, didYouMean(name, context.pvariables.keys()) ? { hint: didYouMean(name, context.pvariables.keys())! } : {}));
      continue;
    }
    if (pvar.kind !== kind) {
      diagnostics.push(createDiagnostic('RDDL3011', a.name.span, `${section} cannot set '${name}': it is ${withArticle(pvar.kind)}, not ${withArticle(kind)}`));
      continue;
    }
    const index = groundingOf(pvar, a, context, diagnostics);
    if (index === undefined) continue;
    const value = encodeConstant(a.value, pvar.range, `value of '${name}'`, context, diagnostics);
    if (value === undefined) continue;
    const key = `${name}#${index}`;
    const first = where.get(key);
    if (first) {
      diagnostics.push(createDiagnostic('RDDL3017', a.span, `'${groundName(pvar, index)}' is assigned twice; this value wins`, { related: [{ message: 'first assignment', span: first }] }));
    }
    where.set(key, a.span);
    values.get(name)![index] = value;
    set.get(name)![index] = 1;
  }
  for (const p of context.pvariables.values()) {
    if (p.kind !== kind || p.defaultValue !== undefined) continue;
    const flags = set.get(p.name)!;
    const missing = flags.indexOf(0);
    if (missing >= 0) {
      const count = flags.reduce((n, f) => n + (f ? 0 : 1), 0);
      diagnostics.push(
        createDiagnostic('RDDL3016', p.span, `'${p.name}' has no default and ${section} does not set '${groundName(p, missing)}'${count > 1 ? ` (nor ${count - 1} other grounding${count > 2 ? 's' : ''})` : ''}`),
      );
    }
  }
  return values;
}

function groundingOf(pvar: PVariable, a: Assignment, context: DomainContext, diagnostics: Diagnostic[]): number | undefined {
  const args = a.args ?? [];
  if (args.length !== pvar.parameters.length) {
    diagnostics.push(createDiagnostic('RDDL3010', a.name.span, `'${pvar.name}' takes ${pvar.parameters.length} argument${pvar.parameters.length === 1 ? '' : 's'} but is given ${args.length}`));
    return undefined;
  }
  const indices: number[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const type = pvar.parameters[i]!;
    const name = arg.kind === 'PVariable' ? arg.name.name : arg.kind === 'EnumLiteral' ? arg.name.slice(1) : arg.kind === 'ObjectLiteral' ? arg.name : '';
    const index = context.findValue(type, name);
    if (index === undefined) {
      const hint = didYouMean(name, type.values);
      diagnostics.push(
        createDiagnostic('RDDL3010', arg.span, `'${name}' is not ${type.kind === 'enum' ? 'a value' : 'an object'} of type '${type.name}'`, hint ? { hint } : {}),
      );
      return undefined;
    }
    indices.push(index);
  }
  return groundingIndex(pvar.parameters, indices);
}

/** Horizon, discount and max-nondef-actions of an instance, validated (RDDL3012, RDDL3013, RDDL3014). */
export function instanceSettings(
  instance: InstanceBlock,
  actionGroundings: number,
  diagnostics: Diagnostic[],
): { horizon: number; discount: number; maxNondefActions: number } {
  let horizon = 1;
  const h = instance.horizon;
  if (!h) diagnostics.push(createDiagnostic('RDDL3012', instance.name.span, `instance '${instance.name.name}' has no horizon`));
  else if ('terminateWhen' in h) diagnostics.push(createDiagnostic('RDDL3012', h.span, 'horizon = terminate-when (...) is not supported; give a whole number and use a termination section'));
  else if (h.value === 'pos-inf' || !Number.isInteger(h.value) || h.value < 1) {
    diagnostics.push(createDiagnostic('RDDL3012', h.span, `the horizon must be a whole number of at least 1, not ${h.value}`));
  } else horizon = h.value;

  let discount = 1;
  if (!instance.discount) {
    diagnostics.push(createDiagnostic('RDDL3013', instance.name.span, `instance '${instance.name.name}' has no discount`, { severity: 'warning', hint: 'a discount of 1.0 is used' }));
  } else if (!(instance.discount.value > 0 && instance.discount.value <= 1)) {
    diagnostics.push(createDiagnostic('RDDL3013', instance.discount.span, `the discount must be in (0, 1], not ${instance.discount.value}`));
  } else discount = instance.discount.value;

  let maxNondefActions = Infinity;
  const m = instance.maxNondefActions;
  if (m && m.value !== 'pos-inf') {
    maxNondefActions = m.value;
    if (m.value > actionGroundings) {
      diagnostics.push(
        createDiagnostic('RDDL3014', m.span, `max-nondef-actions is ${m.value} but there ${actionGroundings === 1 ? 'is' : 'are'} only ${actionGroundings} ground action${actionGroundings === 1 ? '' : 's'}`),
      );
    }
  }
  return { horizon, discount, maxNondefActions };
}

/** The assignments of a non-fluents block and of an instance's inline non-fluents. */
export function nonFluentAssignments(nonFluents: NonFluentsBlock | undefined, instance: InstanceBlock): Assignment[] {
  return [...(nonFluents?.nonFluents?.list ?? []), ...(instance.nonFluents?.list ?? [])];
}
