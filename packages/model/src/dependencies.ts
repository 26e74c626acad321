import { createDiagnostic, type Diagnostic, type Span } from '@rddl/core';
import { withArticle } from './suggest.js';
import type { TypedExpr } from './types.js';

/** What a fluent reference is, for the dependency table. */
export type DependencyKind =
  | 'non-fluent'
  | 'state-fluent'
  | 'next-state-fluent'
  | 'action-fluent'
  | 'interm-fluent'
  | 'derived-fluent'
  | 'observ-fluent';

/** What an expression defines. */
export type DependentKind =
  | 'derived-fluent'
  | 'interm-fluent'
  | 'next-state-fluent'
  | 'observ-fluent'
  | 'reward'
  | 'state-invariant'
  | 'action-precondition'
  | 'termination';

/**
 * Which fluents each kind of expression may read: pyRDDLGym's
 * `RDDLLevelAnalysis.VALID_DEPENDENCIES` (core/compiler/levels.py), with
 * state-action constraints read as action preconditions.
 */
export const allowedDependencies: Readonly<Record<DependentKind, ReadonlySet<DependencyKind>>> = {
  'derived-fluent': new Set(['state-fluent', 'derived-fluent', 'non-fluent']),
  'interm-fluent': new Set(['action-fluent', 'state-fluent', 'derived-fluent', 'interm-fluent', 'non-fluent']),
  'next-state-fluent': new Set(['action-fluent', 'state-fluent', 'derived-fluent', 'interm-fluent', 'next-state-fluent', 'non-fluent']),
  'observ-fluent': new Set(['action-fluent', 'derived-fluent', 'interm-fluent', 'next-state-fluent', 'non-fluent']),
  reward: new Set(['action-fluent', 'state-fluent', 'derived-fluent', 'interm-fluent', 'next-state-fluent', 'non-fluent']),
  'state-invariant': new Set(['state-fluent', 'non-fluent']),
  'action-precondition': new Set(['state-fluent', 'action-fluent', 'non-fluent']),
  termination: new Set(['state-fluent', 'non-fluent']),
};

export interface Reference {
  /** `name` or `name'` for next-state values. */
  readonly key: string;
  readonly kind: DependencyKind;
  readonly span: Span;
}

/** Every fluent reference in an expression (first occurrence of each). */
export function collectReferences(e: TypedExpr): Reference[] {
  const out = new Map<string, Reference>();
  const visit = (x: TypedExpr): void => {
    switch (x.kind) {
      case 'fluent': {
        const kind: DependencyKind = x.primed ? 'next-state-fluent' : (x.pvariable.kind as DependencyKind);
        const key = x.primed ? `${x.pvariable.name}'` : x.pvariable.name;
        if (!out.has(key)) out.set(key, { key, kind, span: x.span });
        x.args.forEach(visit);
        return;
      }
      case 'const':
      case 'param':
        return;
      case 'unary':
        return visit(x.arg);
      case 'binary':
        visit(x.left);
        return visit(x.right);
      case 'if':
        visit(x.condition);
        visit(x.then);
        return visit(x.else);
      case 'switch':
        visit(x.subject);
        x.cases.forEach((c) => visit(c.body));
        if (x.defaultCase) visit(x.defaultCase);
        return;
      case 'aggregate':
      case 'discrete-aggregate':
      case 'det':
      case 'matrix':
        return visit(x.body);
      case 'call':
      case 'sample':
      case 'vector-sample':
        return x.args.forEach(visit);
      case 'discrete':
        return x.probabilities.forEach((p) => p && visit(p));
    }
  };
  visit(e);
  return [...out.values()];
}

/** Report references a kind of expression may not make (RDDL3004). */
export function checkDependencies(kind: DependentKind, what: string, refs: readonly Reference[], diagnostics: Diagnostic[]): void {
  const allowed = allowedDependencies[kind];
  for (const ref of refs) {
    if (allowed.has(ref.kind)) continue;
    const shown = ref.kind === 'next-state-fluent' ? `the next-state value '${ref.key}'` : `the ${ref.kind} '${ref.key}'`;
    diagnostics.push(createDiagnostic('RDDL3004', ref.span, `${what} (${withArticle(kind)}) cannot depend on ${shown}`, { hint: 'the allowed dependencies are listed in docs/language.md' }));
  }
}

export interface DependencyNode {
  /** `name` for interm/derived/observ fluents, `name'` for next-state values. */
  readonly key: string;
  readonly span: Span;
  readonly references: readonly Reference[];
}

/**
 * Order CPFs so that each comes after the CPFs it reads, stable in
 * declaration order; the level of a CPF is 1 + the highest level it reads.
 * A cycle is RDDL3005 (its members keep their declaration order).
 */
export function orderByDependencies(nodes: readonly DependencyNode[], diagnostics: Diagnostic[]): { order: DependencyNode[]; levels: Map<string, number> } {
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const state = new Map<string, 'visiting' | 'done'>();
  const levels = new Map<string, number>();
  const order: DependencyNode[] = [];
  const reported = new Set<string>();
  const visit = (node: DependencyNode, path: string[]): number => {
    const s = state.get(node.key);
    if (s === 'done') return levels.get(node.key)!;
    if (s === 'visiting') {
      const cycle = [...path.slice(path.indexOf(node.key)), node.key];
      const id = [...cycle].sort().join(',');
      if (!reported.has(id)) {
        reported.add(id);
        diagnostics.push(createDiagnostic('RDDL3005', node.span, `cyclic dependency: ${cycle.join(' -> ')}`));
      }
      return 0;
    }
    state.set(node.key, 'visiting');
    let level = 0;
    for (const ref of node.references) {
      const dep = byKey.get(ref.key);
      if (dep && dep !== node) level = Math.max(level, visit(dep, [...path, node.key]) + 1);
      else if (dep === node) {
        diagnostics.push(createDiagnostic('RDDL3005', ref.span, `cyclic dependency: '${node.key}' depends on itself`));
      }
    }
    state.set(node.key, 'done');
    levels.set(node.key, level);
    order.push(node);
    return level;
  };
  for (const node of nodes) visit(node, []);
  // Evaluate level by level, declaration order within a level.
  const position = new Map(nodes.map((n, i) => [n.key, i]));
  order.sort((a, b) => levels.get(a.key)! - levels.get(b.key)! || position.get(a.key)! - position.get(b.key)!);
  return { order, levels };
}
