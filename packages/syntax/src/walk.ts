import type { Expression } from './ast.js';

/** The direct sub-expressions of an expression, in source order. */
export function childExpressions(e: Expression): Expression[] {
  switch (e.kind) {
    case 'Number':
    case 'Boolean':
    case 'Infinity':
    case 'Variable':
    case 'EnumLiteral':
    case 'ObjectLiteral':
    case 'Placeholder':
    case 'ErrorExpression':
      return [];
    case 'PVariable':
      return e.args ?? [];
    case 'Unary':
      return [e.operand];
    case 'Binary':
      return [e.left, e.right];
    case 'If':
      return [e.condition, e.then, e.else];
    case 'Switch': {
      const out = [e.subject];
      for (const c of e.cases) out.push(c.value, c.body);
      if (e.defaultCase) out.push(e.defaultCase);
      return out;
    }
    case 'Aggregation':
    case 'DiscreteAggregation':
    case 'Determinant':
    case 'MatrixFunction':
      return [e.body];
    case 'FunctionCall':
    case 'Distribution':
      return e.args;
    case 'Discrete': {
      const out: Expression[] = [];
      for (const c of e.cases) {
        out.push(c.value);
        if (c.probability) out.push(c.probability);
      }
      return out;
    }
    case 'VectorDistribution':
      return [...e.outputs, ...e.args];
  }
}

/**
 * Rebuild an expression bottom-up: `fn` sees each node after its children
 * were mapped. Nodes whose children did not change are kept as they are.
 */
export function mapExpression(e: Expression, fn: (node: Expression) => Expression): Expression {
  const m = (x: Expression) => mapExpression(x, fn);
  let out: Expression;
  switch (e.kind) {
    case 'PVariable':
      out = e.args ? withChanges(e, { args: e.args.map(m) }) : e;
      break;
    case 'Unary':
      out = withChanges(e, { operand: m(e.operand) });
      break;
    case 'Binary':
      out = withChanges(e, { left: m(e.left), right: m(e.right) });
      break;
    case 'If':
      out = withChanges(e, { condition: m(e.condition), then: m(e.then), else: m(e.else) });
      break;
    case 'Switch':
      out = withChanges(e, {
        subject: m(e.subject),
        cases: e.cases.map((c) => withChanges(c, { value: m(c.value), body: m(c.body) })),
        defaultCase: e.defaultCase ? m(e.defaultCase) : undefined,
      });
      break;
    case 'Aggregation':
    case 'DiscreteAggregation':
    case 'Determinant':
    case 'MatrixFunction':
      out = withChanges(e, { body: m(e.body) });
      break;
    case 'FunctionCall':
    case 'Distribution':
      out = withChanges(e, { args: e.args.map(m) });
      break;
    case 'Discrete':
      out = withChanges(e, {
        cases: e.cases.map((c) => withChanges(c, { value: m(c.value), probability: c.probability ? m(c.probability) : undefined })),
      });
      break;
    case 'VectorDistribution':
      out = withChanges(e, { outputs: e.outputs.map(m), args: e.args.map(m) });
      break;
    default:
      out = e;
  }
  return fn(out);
}

/** A copy with the given fields replaced, or the same object when nothing changed. */
function withChanges<T extends object>(node: T, changes: Partial<T>): T {
  for (const key of Object.keys(changes) as (keyof T)[]) {
    const next = changes[key];
    const prev = node[key];
    if (next === prev) continue;
    if (Array.isArray(next) && Array.isArray(prev) && next.length === prev.length && next.every((v, i) => v === prev[i])) continue;
    return { ...node, ...changes };
  }
  return node;
}

/** Depth of an expression tree, measured without recursion. */
export function expressionDepth(root: Expression, stopAt = Infinity): number {
  let max = 0;
  const stack: [Expression, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) {
      max = depth;
      if (max > stopAt) return max;
    }
    for (const child of childExpressions(node)) stack.push([child, depth + 1]);
  }
  return max;
}
