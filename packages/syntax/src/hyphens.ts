import { createDiagnostic, spanOf, type Diagnostic, type Span } from '@rddl/core';
import type { Binary, DomainBlock, Expression, NumberLiteral, PVariableRef, TypedVariable, VariableRef } from './ast.js';
import { mapDomainExpressions } from './roots.js';

/**
 * RDDL names may contain hyphens, so `a-b` is lexed as one name. This pass
 * decides, per domain, whether such a name is a name or a subtraction:
 *
 * - declared (a pvariable, or a bound `?variable`) → the name. If splitting it
 *   at hyphens would also give declared names, warn (RDDL1031).
 * - not declared, but it splits at hyphens into declared names and whole
 *   numbers (the first piece of `?x-1` must be a bound variable) → the
 *   subtraction, with a warning to write spaces (RDDL1030). Among several
 *   splits the one with the fewest pieces wins, then the longest first piece.
 * - otherwise left alone: the model reports the undefined name.
 *
 * Arguments of pvariables, switch cases and Discrete cases are object terms
 * and are never split (object names such as `x-1` are declared in instances).
 */
export function resolveHyphens(domain: DomainBlock, diagnostics: Diagnostic[]): DomainBlock {
  const pvariables = new Map((domain.pvariables?.list ?? []).map((p) => [p.name.name, p.parameters.length]));
  return mapDomainExpressions(domain, (expr, params) => resolveIn(expr, new Set(params), pvariables, diagnostics));
}

const MAX_HYPHENS = 12;

/** Declared pvariable names and their number of parameters. */
type Arities = ReadonlyMap<string, number>;

function resolveIn(e: Expression, bound: Set<string>, pvariables: Arities, diagnostics: Diagnostic[]): Expression {
  const r = (x: Expression, scope = bound) => resolveIn(x, scope, pvariables, diagnostics);
  const withVars = (vars: TypedVariable[]) => new Set([...bound, ...vars.map((v) => v.name)]);
  switch (e.kind) {
    case 'PVariable': {
      const args = e.args?.map((a) => (isTerm(a) ? a : r(a)));
      const node: PVariableRef = args && args.some((a, i) => a !== e.args![i]) ? { ...e, args } : e;
      return resolveName(node, bound, pvariables, diagnostics);
    }
    case 'Variable':
      return resolveName(e, bound, pvariables, diagnostics);
    case 'Unary':
      return { ...e, operand: r(e.operand) };
    case 'Binary':
      return { ...e, left: r(e.left), right: r(e.right) };
    case 'If':
      return { ...e, condition: r(e.condition), then: r(e.then), else: r(e.else) };
    case 'Switch':
      return {
        ...e,
        subject: r(e.subject),
        cases: e.cases.map((c) => ({ ...c, body: r(c.body) })),
        defaultCase: e.defaultCase ? r(e.defaultCase) : undefined,
      };
    case 'Aggregation':
    case 'DiscreteAggregation':
    case 'Determinant':
      return { ...e, body: r(e.body, withVars(e.variables)) };
    case 'MatrixFunction':
      return { ...e, body: r(e.body) };
    case 'FunctionCall':
    case 'Distribution':
      return { ...e, args: e.args.map((a) => r(a)) };
    case 'Discrete':
      return { ...e, cases: e.cases.map((c) => ({ ...c, probability: c.probability ? r(c.probability) : undefined })) };
    case 'VectorDistribution':
      return { ...e, args: e.args.map((a) => r(a)) };
    default:
      return e;
  }
}

/** A plain name in argument position (object term): `x1`, `@v`, `?x`. */
function isTerm(e: Expression): boolean {
  return (e.kind === 'PVariable' && e.args === undefined && !e.primed) || e.kind === 'Variable' || e.kind === 'EnumLiteral' || e.kind === 'ObjectLiteral';
}

function resolveName(
  node: PVariableRef | VariableRef,
  bound: Set<string>,
  pvariables: Arities,
  diagnostics: Diagnostic[],
): Expression {
  const name = node.kind === 'PVariable' ? node.name.name : node.name;
  if (!name.includes('-')) return node;
  const isVariable = node.kind === 'Variable';
  const declared = isVariable ? bound.has(name) : pvariables.has(name);
  const pieces = name.split('-');
  if (pieces.length - 1 > MAX_HYPHENS || pieces.some((p) => p === '')) return node;
  // Only the last piece carries the arguments written after the name, so
  // every other piece must be a parameterless pvariable (or a number).
  const argCount = node.kind === 'PVariable' ? (node.args?.length ?? 0) : 0;
  const split = bestSplit(pieces, (piece, index, last) => {
    if (index === 0 && isVariable) return bound.has(piece);
    if (/^\d+$/.test(piece)) return !last || argCount === 0;
    return pvariables.get(piece) === (last ? argCount : 0);
  });
  const span = node.kind === 'PVariable' ? node.name.span : node.span;
  if (declared) {
    if (split) {
      diagnostics.push(
        createDiagnostic('RDDL1031', span, `'${name}' is read as one name, though '${split.join(' - ')}' would also be valid`, {
          hint: `write '${split.join(' - ')}' with spaces if you meant subtraction`,
        }),
      );
    }
    return node;
  }
  if (!split) return node;
  diagnostics.push(
    createDiagnostic('RDDL1030', span, `'${name}' is not declared; read as '${split.join(' - ')}'`, {
      hint: 'write spaces around - for subtraction',
    }),
  );
  return buildSubtraction(node, split, span);
}

/** Fewest pieces first, then longest first piece; `undefined` when no split works. */
function bestSplit(pieces: string[], ok: (piece: string, index: number, last: boolean) => boolean): string[] | undefined {
  const gaps = pieces.length - 1;
  let best: string[] | undefined;
  for (let mask = 1; mask < 1 << gaps; mask++) {
    const parts: string[] = [];
    let current = pieces[0]!;
    for (let g = 0; g < gaps; g++) {
      if (mask & (1 << g)) {
        parts.push(current);
        current = pieces[g + 1]!;
      } else current += `-${pieces[g + 1]}`;
    }
    parts.push(current);
    if (!parts.every((p, i) => ok(p, i, i === parts.length - 1))) continue;
    if (!best || parts.length < best.length || (parts.length === best.length && parts[0]!.length > best[0]!.length)) best = parts;
  }
  return best;
}

function buildSubtraction(node: PVariableRef | VariableRef, parts: string[], nameSpan: Span): Expression {
  const source = nameSpan.source;
  let offset = nameSpan.start;
  const operands: Expression[] = parts.map((part, i) => {
    const span = spanOf(source, offset, offset + part.length);
    offset += part.length + 1;
    const last = i === parts.length - 1;
    if (i === 0 && node.kind === 'Variable') return { kind: 'Variable', name: part, span } satisfies VariableRef;
    if (/^\d+$/.test(part)) return { kind: 'Number', value: Number(part), isInteger: true, text: part, span } satisfies NumberLiteral;
    const ref: PVariableRef = {
      kind: 'PVariable',
      name: { kind: 'Identifier', name: part, span },
      // The prime and arguments written after the name belong to its last piece.
      primed: last && node.kind === 'PVariable' ? node.primed : false,
      args: last && node.kind === 'PVariable' ? node.args : undefined,
      span: last ? spanOf(source, span.start, node.span.end) : span,
    };
    return ref;
  });
  let result = operands[0]!;
  let opOffset = nameSpan.start + parts[0]!.length;
  for (let i = 1; i < operands.length; i++) {
    const right = operands[i]!;
    const bin: Binary = {
      kind: 'Binary',
      operator: '-',
      left: result,
      right,
      operatorSpan: spanOf(source, opOffset, opOffset + 1),
      span: spanOf(source, result.span.start, right.span.end),
    };
    result = bin;
    opOffset += 1 + parts[i]!.length;
  }
  return node.parens ? ({ ...result, parens: node.parens } as Expression) : result;
}
