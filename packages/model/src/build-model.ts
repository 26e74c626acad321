import { createDiagnostic, hasErrors, type Diagnostic } from '@rddl/core';
import type { DomainBlock, InstanceBlock, NonFluentsBlock } from '@rddl/syntax';
import { collectObjects } from './domain-context.js';
import { groundingCount } from './ground-index.js';
import { assignValues, instanceSettings, nonFluentAssignments } from './instance.js';
import { allInstances, findBlock, type Program } from './program.js';
import { resolveDomain } from './resolve-domain.js';
import type { Condition, Model } from './types.js';

export interface BuildModelOptions {
  /** Name of the instance to build; may be omitted when the program has exactly one. */
  readonly instance?: string;
}

export interface BuildModelResult {
  /** Present when there were no errors. */
  readonly model: Model | undefined;
  readonly diagnostics: Diagnostic[];
}

/** Find the instance and the blocks it names (RDDL3006, RDDL3007). */
export function selectInstance(
  program: Program,
  name: string | undefined,
  diagnostics: Diagnostic[],
): { instance: InstanceBlock; domain: DomainBlock; nonFluents: NonFluentsBlock | undefined } | undefined {
  let instance: InstanceBlock | undefined;
  const all = allInstances(program);
  if (name !== undefined) {
    const matches = all.filter((i) => i.name.name === name);
    instance = matches[0];
    if (!instance) {
      const known = all.map((i) => i.name.name);
      diagnostics.push(createDiagnostic('RDDL3007', undefined, `no instance named '${name}'${known.length ? ` (instances: ${known.join(', ')})` : ''}`));
      return undefined;
    }
  } else if (all.length === 1) {
    instance = all[0]!;
  } else {
    const known = all.map((i) => i.name.name);
    diagnostics.push(
      createDiagnostic('RDDL3007', undefined, known.length === 0 ? 'no instance block in the given files' : `several instances (${known.join(', ')}); choose one with --instance NAME`),
    );
    return undefined;
  }
  return blocksOf(program, instance, diagnostics);
}

export function blocksOf(
  program: Program,
  instance: InstanceBlock,
  diagnostics: Diagnostic[],
): { instance: InstanceBlock; domain: DomainBlock; nonFluents: NonFluentsBlock | undefined } | undefined {
  if (!instance.domain) {
    diagnostics.push(createDiagnostic('RDDL3006', instance.name.span, `instance '${instance.name.name}' does not say its domain (domain = NAME;)`));
    return undefined;
  }
  const domain = findBlock(program.domains, instance.domain.name.name, instance.span);
  if (domain === 'ambiguous') {
    diagnostics.push(createDiagnostic('RDDL3006', instance.domain.name.span, `several domains are named '${instance.domain.name.name}' in the files given; give only the one this instance uses`));
    return undefined;
  }
  if (!domain) {
    diagnostics.push(
      createDiagnostic('RDDL3006', instance.domain.name.span, `domain '${instance.domain.name.name}' is not in the files given`, {
        hint: 'give the domain file too, or put it in a domain.rddl beside the instance',
      }),
    );
    return undefined;
  }
  let nonFluents: NonFluentsBlock | undefined;
  if (instance.nonFluentsRef) {
    const found = findBlock(program.nonFluents, instance.nonFluentsRef.name.name, instance.span);
    if (found === 'ambiguous') {
      diagnostics.push(createDiagnostic('RDDL3006', instance.nonFluentsRef.name.span, `several non-fluents blocks are named '${instance.nonFluentsRef.name.name}'; give only the one this instance uses`));
      return undefined;
    }
    nonFluents = found;
    if (!nonFluents) {
      diagnostics.push(createDiagnostic('RDDL3006', instance.nonFluentsRef.name.span, `non-fluents block '${instance.nonFluentsRef.name.name}' is not in the files given`));
      return undefined;
    }
    if (nonFluents.domain && nonFluents.domain.name.name !== domain.name.name) {
      diagnostics.push(
        createDiagnostic('RDDL3006', nonFluents.domain.name.span, `non-fluents '${nonFluents.name.name}' is for domain '${nonFluents.domain.name.name}', but instance '${instance.name.name}' is for '${domain.name.name}'`),
      );
      return undefined;
    }
  }
  return { instance, domain, nonFluents };
}

/** Resolve, type-check and merge one instance with its domain and non-fluents into a `Model`. */
export function buildModel(program: Program, options: BuildModelOptions = {}): BuildModelResult {
  const diagnostics: Diagnostic[] = [];
  const blocks = selectInstance(program, options.instance, diagnostics);
  if (!blocks) return { model: undefined, diagnostics };
  return buildModelFromBlocks(blocks.domain, blocks.nonFluents, blocks.instance, diagnostics);
}

export function buildModelFromBlocks(
  domain: DomainBlock,
  nonFluents: NonFluentsBlock | undefined,
  instance: InstanceBlock,
  diagnostics: Diagnostic[] = [],
): BuildModelResult {
  const objects = collectObjects(domain, [nonFluents?.objects?.list ?? [], instance.objects?.list ?? []], diagnostics);
  const resolved = resolveDomain(domain, objects, diagnostics);
  const { context } = resolved;
  const nonFluentValues = assignValues(context, 'non-fluent', nonFluentAssignments(nonFluents, instance), 'the non-fluents', diagnostics);
  const initialState = assignValues(context, 'state-fluent', instance.initState?.list ?? [], 'init-state', diagnostics);
  const actionGroundings = [...context.pvariables.values()].filter((p) => p.kind === 'action-fluent').reduce((n, p) => n + groundingCount(p), 0);
  const settings = instanceSettings(instance, actionGroundings, diagnostics);
  if (hasErrors(diagnostics) || !resolved.reward) return { model: undefined, diagnostics };
  const pvariables = [...context.pvariables.values()];
  const model: Model = {
    domainName: domain.name.name,
    instanceName: instance.name.name,
    nonFluentsName: nonFluents?.name.name,
    requirements: domain.requirements?.list.map((r) => r.name) ?? [],
    types: context.types,
    pvariables,
    pvariablesByName: context.pvariables,
    cpfs: resolved.cpfs,
    reward: resolved.reward as Condition,
    stateInvariants: resolved.stateInvariants,
    actionPreconditions: resolved.actionPreconditions,
    termination: resolved.termination,
    nonFluentValues,
    initialState,
    ...settings,
    instanceSpan: instance.span,
  };
  return { model, diagnostics };
}
