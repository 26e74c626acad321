import { createDiagnostic, type Diagnostic } from '@rddl/core';
import type { CpfDefinition, DomainBlock, Expression } from '@rddl/syntax';
import { buildDomainContext, type DomainContext, type ObjectDeclarations } from './domain-context.js';
import { checkDependencies, collectReferences, orderByDependencies, type DependentKind } from './dependencies.js';
import { ExpressionResolver, Scope } from './resolve-expression.js';
import { didYouMean, withArticle } from './suggest.js';
import type { BoundVariable, Condition, Cpf, PVariable } from './types.js';

/** A domain with every expression resolved, for a given set of objects (or none, to check the domain alone). */
export interface ResolvedDomain {
  readonly context: DomainContext;
  readonly cpfs: readonly Cpf[];
  readonly reward: Condition | undefined;
  readonly stateInvariants: readonly Condition[];
  readonly actionPreconditions: readonly Condition[];
  readonly termination: readonly Condition[];
}

const cpfKinds = new Set(['state-fluent', 'interm-fluent', 'derived-fluent', 'observ-fluent']);

export function resolveDomain(domain: DomainBlock, objects: ObjectDeclarations | undefined, diagnostics: Diagnostic[]): ResolvedDomain {
  const context = buildDomainContext(domain, objects, diagnostics);
  const resolver = new ExpressionResolver(context, diagnostics);

  const defined = new Map<string, CpfDefinition>();
  const pending: { pvariable: PVariable; def: CpfDefinition; cpf: Omit<Cpf, 'level'>; key: string; kind: DependentKind }[] = [];
  for (const def of domain.cpfs?.list ?? []) {
    const resolved = resolveCpf(def, context, resolver, diagnostics, defined);
    if (resolved) pending.push(resolved);
  }
  for (const pvar of context.pvariables.values()) {
    if (cpfKinds.has(pvar.kind) && !defined.has(pvar.name)) {
      const head = pvar.kind === 'state-fluent' ? `${pvar.name}'` : pvar.name;
      diagnostics.push(createDiagnostic('RDDL3001', pvar.span, `${pvar.kind} '${pvar.name}' has no CPF (expected '${head}${pvar.parameters.length ? '(...)' : ''} = ...;' in cpfs)`));
    }
  }

  const { order, levels } = orderByDependencies(
    pending.map((p) => ({ key: p.key, span: p.def.name.span, references: collectReferences(p.cpf.expression) })),
    diagnostics,
  );
  const byKey = new Map(pending.map((p) => [p.key, p]));
  const cpfs = order.map((n) => ({ ...byKey.get(n.key)!.cpf, level: levels.get(n.key)! }));

  const condition = (e: Expression, kind: DependentKind, what: string, numeric = false): Condition => {
    const scope = Scope.root();
    const expression = numeric ? resolver.numeric(e, scope, what) : resolver.condition(e, scope, what);
    checkDependencies(kind, what, collectReferences(expression), diagnostics);
    return { expression, slotCount: scope.slotCount, span: e.span };
  };

  let reward: Condition | undefined;
  if (domain.reward) reward = condition(domain.reward.expression, 'reward', 'the reward', true);
  else diagnostics.push(createDiagnostic('RDDL3001', domain.name.span, `domain '${domain.name.name}' has no reward`));

  return {
    context,
    cpfs,
    reward,
    stateInvariants: (domain.stateInvariants?.list ?? []).map((e) => condition(e, 'state-invariant', 'a state invariant')),
    actionPreconditions: [...(domain.actionPreconditions?.list ?? []), ...(domain.stateActionConstraints?.list ?? [])].map((e) =>
      condition(e, 'action-precondition', 'an action precondition'),
    ),
    termination: (domain.termination?.list ?? []).map((e) => condition(e, 'termination', 'a termination condition')),
  };
}

function resolveCpf(
  def: CpfDefinition,
  context: DomainContext,
  resolver: ExpressionResolver,
  diagnostics: Diagnostic[],
  defined: Map<string, CpfDefinition>,
): { pvariable: PVariable; def: CpfDefinition; cpf: Omit<Cpf, 'level'>; key: string; kind: DependentKind } | undefined {
  const name = def.name.name;
  const pvariable = context.pvariables.get(name);
  if (!pvariable) {
    diagnostics.push(createDiagnostic('RDDL2003', def.name.span, `CPF for undeclared pvariable '${name}'`, didYouMean(name, context.pvariables.keys()) ? { hint: didYouMean(name, context.pvariables.keys())! } : {}));
    return undefined;
  }
  if (!cpfKinds.has(pvariable.kind)) {
    diagnostics.push(createDiagnostic('RDDL3003', def.name.span, `'${name}' is ${withArticle(pvariable.kind)}; it cannot have a CPF`));
    return undefined;
  }
  if (pvariable.kind === 'state-fluent' && !def.primed) {
    diagnostics.push(createDiagnostic('RDDL2012', def.name.span, `'${name}' is a state fluent: its CPF defines the next value, written '${name}''`));
  } else if (pvariable.kind !== 'state-fluent' && def.primed) {
    diagnostics.push(createDiagnostic('RDDL2012', def.name.span, `'${name}' is ${withArticle(pvariable.kind)}; only state fluents are primed`));
  }
  const first = defined.get(name);
  if (first) {
    diagnostics.push(createDiagnostic('RDDL3002', def.name.span, `'${name}' already has a CPF`, { related: [{ message: 'first CPF', span: first.name.span }] }));
    return undefined;
  }
  defined.set(name, def);
  if (def.parameters.length !== pvariable.parameters.length) {
    diagnostics.push(
      createDiagnostic('RDDL2006', def.name.span, `'${name}' has ${pvariable.parameters.length} parameter${pvariable.parameters.length === 1 ? '' : 's'} but its CPF head lists ${def.parameters.length}`),
    );
    return undefined;
  }
  const names = new Set<string>();
  for (const p of def.parameters) {
    if (names.has(p.name)) {
      diagnostics.push(createDiagnostic('RDDL2015', p.span, `variable '${p.name}' is bound twice in the CPF head`));
      return undefined;
    }
    names.add(p.name);
  }
  const root = Scope.root();
  const { scope, bound } = root.bind(def.parameters.map((p, i) => ({ name: p.name, type: pvariable.parameters[i]! })));
  const expression =
    def.expression.kind === 'VectorDistribution' ? resolver.vectorSample(def.expression, scope) : resolver.resolve(def.expression, scope, pvariable.range);
  resolver.checkFits(expression, pvariable.range, name, def.expression.span);
  const kind: DependentKind = pvariable.kind === 'state-fluent' ? 'next-state-fluent' : (pvariable.kind as DependentKind);
  const key = pvariable.kind === 'state-fluent' ? `${name}'` : name;
  checkDependencies(kind, `the CPF of '${key}'`, collectReferences(expression), diagnostics);
  const parameters: BoundVariable[] = bound;
  return { pvariable, def, key, kind, cpf: { pvariable, parameters, expression, slotCount: scope.slotCount, span: def.span } };
}
