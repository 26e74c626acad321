import { createDiagnostic, type Diagnostic, type DiagnosticCode, type Span } from '@rddl/core';
import { distributionParameters, vectorDistributionParameters, type Expression } from '@rddl/syntax';
import type * as A from '@rddl/syntax';
import type { DomainContext } from './domain-context.js';
import { valueList } from './constants.js';
import { didYouMean, withArticle } from './suggest.js';
import { fitsRange, integral, isNumeric, typeName, unify, widen } from './type-rules.js';
import {
  boolType,
  intType,
  realType,
  type BinaryOp,
  type BoundVariable,
  type FiniteType,
  type FunctionName,
  type TypedExpr,
  type ValueType,
} from './types.js';

/** Variables in scope, and the slot counter shared by one root expression. */
export class Scope {
  private readonly vars: Map<string, BoundVariable>;
  constructor(
    private readonly counter: { next: number; max: number },
    parent?: Scope,
  ) {
    this.vars = new Map(parent?.vars);
  }

  static root(): Scope {
    return new Scope({ next: 0, max: 0 });
  }

  get slotCount(): number {
    return this.counter.max;
  }

  lookup(name: string): BoundVariable | undefined {
    return this.vars.get(name);
  }

  /** A child scope with new variables bound to fresh slots. */
  bind(vars: readonly { name: string; type: FiniteType }[]): { scope: Scope; bound: BoundVariable[] } {
    const scope = new Scope(this.counter, this);
    const bound = vars.map((v) => {
      const b: BoundVariable = { name: v.name, slot: this.counter.next++, type: v.type };
      scope.vars.set(v.name, b);
      return b;
    });
    this.counter.max = Math.max(this.counter.max, this.counter.next);
    return { scope, bound };
  }

  /** Release slots bound after `mark` (slots of finished aggregations can be reused). */
  mark(): number {
    return this.counter.next;
  }
  release(mark: number): void {
    this.counter.next = mark;
  }
}

const binaryOps: Record<A.BinaryOperator, BinaryOp> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '^': 'and',
  '|': 'or',
  '=>': 'implies',
  '<=>': 'equiv',
  '==': 'eq',
  '~=': 'neq',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
};

const realFunctions = new Set(['cos', 'sin', 'tan', 'acos', 'asin', 'atan', 'cosh', 'sinh', 'tanh', 'exp', 'ln', 'sqrt', 'lngamma', 'gamma', 'fmod', 'log', 'hypot']);
const intDistributions = new Set(['Poisson', 'Binomial', 'NegativeBinomial', 'Geometric']);

/**
 * Resolves and types the expressions of one domain. Errors are reported as
 * diagnostics and the offending sub-expression becomes a typed placeholder,
 * so that one pass reports every problem.
 */
export class ExpressionResolver {
  constructor(
    private readonly ctx: DomainContext,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /** Placeholders standing for expressions already reported: checks on them would only repeat the error. */
  private readonly reported = new WeakSet<TypedExpr>();

  private error(code: DiagnosticCode, span: Span, message: string, hint?: string): TypedExpr {
    this.diagnostics.push(createDiagnostic(code, span, message, hint ? { hint } : {}));
    const placeholder: TypedExpr = { kind: 'const', value: 0, type: realType, span };
    this.reported.add(placeholder);
    return placeholder;
  }

  /** Whether `e` stands for an expression that was already reported. */
  isReported(e: TypedExpr): boolean {
    return this.reported.has(e);
  }

  /** `expected` only guides the reading of ambiguous values such as `@low`; it is not checked here. */
  resolve(e: Expression, scope: Scope, expected?: ValueType): TypedExpr {
    switch (e.kind) {
      case 'Number':
        return { kind: 'const', value: e.value, type: e.isInteger ? intType : realType, span: e.span };
      case 'Boolean':
        return { kind: 'const', value: e.value ? 1 : 0, type: boolType, span: e.span };
      case 'Infinity':
        return { kind: 'const', value: e.negative ? -Infinity : Infinity, type: realType, span: e.span };
      case 'Variable': {
        const v = scope.lookup(e.name);
        if (!v) return this.error('RDDL2004', e.span, `variable '${e.name}' is not bound here`, 'bind it in the CPF head or in an aggregation');
        return { kind: 'param', name: e.name, slot: v.slot, type: { kind: 'finite', type: v.type }, span: e.span };
      }
      case 'EnumLiteral':
        return this.value(e.name.slice(1), e.name, e.span, expected);
      case 'ObjectLiteral':
        return this.value(e.name, `$${e.name}`, e.span, expected);
      case 'Placeholder':
        return this.error('RDDL2019', e.span, "'_' may appear only in the parameters of a vector distribution");
      case 'PVariable':
        return this.pvariable(e, scope, expected);
      case 'Unary':
        return this.unary(e, scope);
      case 'Binary':
        return this.binary(e, scope);
      case 'If':
        return this.ifExpr(e, scope, expected);
      case 'Switch':
        return this.switchExpr(e, scope, expected);
      case 'Aggregation':
        return this.aggregation(e, scope);
      case 'FunctionCall':
        return this.call(e, scope);
      case 'Distribution':
        return this.distribution(e, scope, expected);
      case 'Discrete':
        return this.discrete(e, scope);
      case 'DiscreteAggregation':
        return this.discreteAggregation(e, scope);
      case 'VectorDistribution':
        return this.error('RDDL2019', e.span, `${e.name.name} must be the whole expression of a CPF whose parameter receives the sample`);
      case 'Determinant':
        return this.determinant(e, scope);
      case 'MatrixFunction':
        return this.matrix(e, scope);
      case 'ErrorExpression': {
        // Already reported by the parser.
        const placeholder: TypedExpr = { kind: 'const', value: 0, type: realType, span: e.span };
        this.reported.add(placeholder);
        return placeholder;
      }
    }
  }

  /** Require a boolean-like condition (numbers count as true when non-zero). */
  condition(e: Expression, scope: Scope, what: string): TypedExpr {
    const r = this.resolve(e, scope, boolType);
    if (r.type.kind === 'finite') this.diagnostics.push(createDiagnostic('RDDL2008', e.span, `${what} must be a boolean, not a value of type ${typeName(r.type)}`));
    return r;
  }

  numeric(e: Expression, scope: Scope, what: string): TypedExpr {
    const r = this.resolve(e, scope);
    if (!isNumeric(r.type)) this.diagnostics.push(createDiagnostic('RDDL2008', e.span, `${what} must be a number, not a value of type ${typeName(r.type)}`));
    return r;
  }

  // ------------------------------------------------------------ names

  private value(name: string, written: string, span: Span, expected?: ValueType): TypedExpr {
    const owners = this.ctx.valueOwners.get(name) ?? [];
    let type: FiniteType | undefined;
    // The expected type itself first: an object of a subtype is also a value of its parent type.
    if (expected?.kind === 'finite') type = owners.find((t) => t === expected.type) ?? owners.find((t) => this.ctx.isSubtype(t, expected.type) || this.ctx.isSubtype(expected.type, t));
    if (!type && owners.length === 1) type = owners[0];
    if (!type && owners.length > 1) {
      // Prefer an enum over object types; objects of a subtype also belong to the parent.
      const roots = owners.filter((t) => !owners.some((o) => o !== t && this.ctx.isSubtype(t, o)));
      if (roots.length === 1) type = roots[0];
      else {
        return this.error('RDDL2005', span, `'${written}' is a value of several types (${owners.map((t) => t.name).join(', ')}); the context does not say which`);
      }
    }
    if (!type) {
      if (!this.ctx.objectsKnown && written.startsWith('$')) return { kind: 'const', value: 0, type: expected ?? realType, span };
      if (!this.ctx.objectsKnown && expected?.kind === 'finite' && expected.type.kind === 'object') return { kind: 'const', value: 0, type: expected, span };
      if (!this.ctx.objectsKnown && !expected) return { kind: 'const', value: 0, type: realType, span };
      const hint = didYouMean(name, this.ctx.valueOwners.keys());
      return this.error('RDDL2005', span, `'${written}' is not a value of any enum or object type`, hint);
    }
    return { kind: 'const', value: this.ctx.findValue(type, name)!, type: { kind: 'finite', type }, span };
  }

  private pvariable(e: A.PVariableRef, scope: Scope, expected?: ValueType): TypedExpr {
    const name = e.name.name;
    const pvar = this.ctx.pvariables.get(name);
    if (!pvar) {
      // A bare name may be an object or enum value written without '@' or '$'.
      if (!e.args && !e.primed && (this.ctx.valueOwners.has(name) || (!this.ctx.objectsKnown && expected?.kind === 'finite'))) {
        return this.value(name, name, e.span, expected);
      }
      return this.error('RDDL2003', e.name.span, `undefined pvariable '${name}'`, didYouMean(name, this.ctx.pvariables.keys()));
    }
    if (e.primed && pvar.kind !== 'state-fluent') {
      this.diagnostics.push(createDiagnostic('RDDL2012', e.span, `'${name}' is ${withArticle(pvar.kind)}; only state fluents have a next value '${name}''`));
    }
    const args = e.args ?? [];
    if (args.length !== pvar.parameters.length) {
      this.diagnostics.push(
        createDiagnostic(
          'RDDL2006',
          e.span,
          `'${name}' takes ${pvar.parameters.length} argument${pvar.parameters.length === 1 ? '' : 's'} (${pvar.parameters.map((p) => p.name).join(', ') || 'none'}) but is given ${args.length}`,
        ),
      );
      return { kind: 'const', value: pvar.defaultValue ?? 0, type: pvar.range, span: e.span };
    }
    const resolvedArgs = args.map((a, i) => {
      const paramType = pvar.parameters[i]!;
      const r = this.resolve(a, scope, { kind: 'finite', type: paramType });
      if (this.reported.has(r)) return r;
      if (r.type.kind !== 'finite' || !(this.ctx.isSubtype(r.type.type, paramType) || this.ctx.isSubtype(paramType, r.type.type))) {
        this.diagnostics.push(
          createDiagnostic('RDDL2007', a.span, `argument ${i + 1} of '${name}' must be of type '${paramType.name}', not ${typeName(r.type)}`),
        );
      }
      return r;
    });
    return { kind: 'fluent', pvariable: pvar, primed: e.primed, args: resolvedArgs, type: pvar.range, span: e.span };
  }

  // ------------------------------------------------------------ operators

  private unary(e: A.Unary, scope: Scope): TypedExpr {
    if (e.operator === '~') {
      const arg = this.condition(e.operand, scope, "the operand of '~'");
      return { kind: 'unary', op: 'not', arg, type: boolType, span: e.span };
    }
    const arg = this.numeric(e.operand, scope, `the operand of unary '${e.operator}'`);
    // A negated literal stays a literal (so `-1` is a constant everywhere).
    if (arg.kind === 'const' && e.operator === '-') return { ...arg, value: -arg.value, type: integral(arg.type), span: e.span };
    return { kind: 'unary', op: e.operator === '-' ? 'neg' : 'pos', arg, type: integral(arg.type), span: e.span };
  }

  private binary(e: A.Binary, scope: Scope): TypedExpr {
    const op = binaryOps[e.operator];
    if (op === 'eq' || op === 'neq') {
      const left = this.resolve(e.left, scope);
      const right = this.resolve(e.right, scope, left.type);
      const l = left.type;
      const r = right.type;
      const compatible = l.kind === 'finite' || r.kind === 'finite' ? unify(l, r, this.ctx.isSubtype) !== undefined : true;
      if (!compatible) {
        this.diagnostics.push(createDiagnostic('RDDL2008', e.span, `cannot compare a value of type ${typeName(l)} with one of type ${typeName(r)}`));
      }
      return { kind: 'binary', op, left, right, type: boolType, span: e.span };
    }
    if (op === 'and' || op === 'or' || op === 'implies' || op === 'equiv') {
      const left = this.condition(e.left, scope, `the left operand of '${e.operator}'`);
      const right = this.condition(e.right, scope, `the right operand of '${e.operator}'`);
      return { kind: 'binary', op, left, right, type: boolType, span: e.span };
    }
    const left = this.numeric(e.left, scope, `the left operand of '${e.operator}'`);
    const right = this.numeric(e.right, scope, `the right operand of '${e.operator}'`);
    if (op === 'lt' || op === 'le' || op === 'gt' || op === 'ge') return { kind: 'binary', op, left, right, type: boolType, span: e.span };
    const type = op === 'div' ? realType : widen(left.type, right.type);
    return { kind: 'binary', op, left, right, type, span: e.span };
  }

  private ifExpr(e: A.If, scope: Scope, expected?: ValueType): TypedExpr {
    const condition = this.condition(e.condition, scope, 'an if condition');
    const then = this.resolve(e.then, scope, expected);
    const otherwise = this.resolve(e.else, scope, expected ?? then.type);
    const type = unify(then.type, otherwise.type, this.ctx.isSubtype);
    if (!type) {
      this.diagnostics.push(
        createDiagnostic('RDDL2008', e.span, `the branches of this if have incompatible types: ${typeName(then.type)} and ${typeName(otherwise.type)}`),
      );
    }
    return { kind: 'if', condition, then, else: otherwise, type: type ?? then.type, span: e.span };
  }

  private switchExpr(e: A.Switch, scope: Scope, expected?: ValueType): TypedExpr {
    const subject = this.resolve(e.subject, scope);
    if (subject.type.kind !== 'finite') {
      this.resolveBodies(e, scope, expected);
      return this.error('RDDL2016', e.subject.span, `switch needs an enum or object value, not a value of type ${typeName(subject.type)}`);
    }
    const subjectType = subject.type.type;
    const seen = new Map<number, Span>();
    const cases: { value: number; body: TypedExpr }[] = [];
    let type: ValueType | undefined;
    const join = (body: TypedExpr) => {
      if (!type) type = body.type;
      else {
        const u = unify(type, body.type, this.ctx.isSubtype);
        if (!u) this.diagnostics.push(createDiagnostic('RDDL2008', body.span, `this case has type ${typeName(body.type)}, the others ${typeName(type)}`));
        else type = u;
      }
    };
    for (const c of e.cases) {
      const value = this.resolve(c.value, scope, subject.type);
      const body = this.resolve(c.body, scope, expected ?? type);
      join(body);
      if (value.kind !== 'const' || value.type.kind !== 'finite' || !this.ctx.isSubtype(value.type.type, subjectType)) {
        if (value.kind === 'const' && value.type.kind === 'finite') {
          this.diagnostics.push(createDiagnostic('RDDL2016', c.value.span, `case value is not a value of '${subjectType.name}'${valueList(subjectType)}`));
        } else if (value.kind !== 'const' || this.ctx.objectsKnown) {
          this.diagnostics.push(createDiagnostic('RDDL2016', c.value.span, `a case must be a value of '${subjectType.name}'`));
        }
        continue;
      }
      const index = this.ctx.findValue(subjectType, value.type.type.values[value.value]!) ?? value.value;
      const first = seen.get(index);
      if (first) {
        this.diagnostics.push(createDiagnostic('RDDL2016', c.value.span, 'this case is listed twice', { related: [{ message: 'first case', span: first }] }));
        continue;
      }
      seen.set(index, c.value.span);
      cases.push({ value: index, body });
    }
    const defaultCase = e.defaultCase ? this.resolve(e.defaultCase, scope, expected ?? type) : undefined;
    if (defaultCase) join(defaultCase);
    if (!defaultCase && this.ctx.objectsKnown && seen.size < subjectType.values.length) {
      const missing = subjectType.values.filter((_, i) => !seen.has(i));
      this.diagnostics.push(
        createDiagnostic('RDDL2016', e.span, `switch has no default and does not cover ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''}`),
      );
    }
    return { kind: 'switch', subject, cases, defaultCase, type: type ?? realType, span: e.span };
  }

  private resolveBodies(e: A.Switch, scope: Scope, expected?: ValueType): void {
    for (const c of e.cases) this.resolve(c.body, scope, expected);
    if (e.defaultCase) this.resolve(e.defaultCase, scope, expected);
  }

  // ------------------------------------------------------------ binders

  /** Bind typed variables (`?x : t`) in a child scope; undefined after reporting when a type is unknown. */
  bindVariables(vars: readonly A.TypedVariable[], scope: Scope): { scope: Scope; bound: BoundVariable[] } | undefined {
    const list: { name: string; type: FiniteType }[] = [];
    let ok = true;
    const names = new Set<string>();
    for (const v of vars) {
      const type = this.ctx.types.get(v.type.name);
      if (!type) {
        this.diagnostics.push(createDiagnostic('RDDL2002', v.type.span, `undefined type '${v.type.name}'`, didYouMean(v.type.name, this.ctx.types.keys()) ? { hint: didYouMean(v.type.name, this.ctx.types.keys())! } : {}));
        ok = false;
        continue;
      }
      if (names.has(v.name) || scope.lookup(v.name)) {
        this.diagnostics.push(createDiagnostic('RDDL2015', v.span, `variable '${v.name}' is already bound`));
        ok = false;
        continue;
      }
      names.add(v.name);
      list.push({ name: v.name, type });
    }
    return ok ? scope.bind(list) : undefined;
  }

  private aggregation(e: A.Aggregation, scope: Scope): TypedExpr {
    const mark = scope.mark();
    try {
      const binding = this.bindVariables(e.variables, scope);
      if (!binding) return { kind: 'const', value: 0, type: realType, span: e.span };
      const { scope: inner, bound } = binding;
      if (e.operator === 'forall' || e.operator === 'exists') {
        const body = this.condition(e.body, inner, `the body of ${e.operator}_`);
        return { kind: 'aggregate', op: e.operator, variables: bound, body, type: boolType, span: e.span };
      }
      const body = this.numeric(e.body, inner, `the body of ${e.operator}_`);
      if (e.operator === 'argmin' || e.operator === 'argmax') {
        if (bound.length !== 1) {
          return this.error('RDDL2006', e.operatorSpan, `${e.operator}_ ranges over exactly one variable, not ${bound.length}`);
        }
        return { kind: 'aggregate', op: e.operator, variables: bound, body, type: { kind: 'finite', type: bound[0]!.type }, span: e.span };
      }
      const type = e.operator === 'avg' ? realType : integral(body.type);
      return { kind: 'aggregate', op: e.operator, variables: bound, body, type, span: e.span };
    } finally {
      scope.release(mark);
    }
  }

  // ------------------------------------------------------------ functions and distributions

  private call(e: A.FunctionCall, scope: Scope): TypedExpr {
    const fn = e.name.name as FunctionName;
    const args = e.args.map((a, i) => this.numeric(a, scope, `argument ${i + 1} of ${fn}`));
    let type: ValueType;
    if (realFunctions.has(fn)) type = realType;
    else if (fn === 'round' || fn === 'floor' || fn === 'ceil') type = intType;
    else if (fn === 'sgn') type = intType;
    // An int to a non-negative whole constant power is an int; any other power is real (2^-1 is not an int).
    else if (fn === 'pow') type = args[1]?.kind === 'const' && Number.isInteger(args[1].value) && args[1].value >= 0 ? widen(args[0]!.type, args[1].type) : realType;
    else if (fn === 'abs') type = integral(args[0]?.type ?? realType);
    else type = args.length === 2 ? widen(args[0]!.type, args[1]!.type) : realType;
    return { kind: 'call', fn, args, type, span: e.span };
  }

  private distribution(e: A.Distribution, scope: Scope, expected?: ValueType): TypedExpr {
    const name = e.name.name;
    const params = distributionParameters.get(name) ?? [];
    if (e.args.length !== params.length) {
      return this.error('RDDL2006', e.span, `${name} takes ${params.length} argument${params.length === 1 ? '' : 's'} (${params.join(', ')}) but is given ${e.args.length}`);
    }
    if (name === 'KronDelta') {
      const arg = this.resolve(e.args[0]!, scope, expected);
      return { kind: 'sample', dist: name, args: [arg], type: arg.type, span: e.span };
    }
    const args = e.args.map((a, i) => this.numeric(a, scope, `the ${params[i]} of ${name}`));
    const type = name === 'Bernoulli' ? boolType : intDistributions.has(name) ? intType : realType;
    return { kind: 'sample', dist: name, args, type, span: e.span };
  }

  private discrete(e: A.DiscreteDistribution, scope: Scope): TypedExpr {
    const type = this.ctx.types.get(e.type.name);
    if (!type) return this.error('RDDL2002', e.type.span, `undefined type '${e.type.name}'`, didYouMean(e.type.name, this.ctx.types.keys()));
    const probabilities: (TypedExpr | undefined)[] = type.values.map(() => undefined);
    const seen = new Map<number, Span>();
    let otherwise: number | undefined;
    const finite: ValueType = { kind: 'finite', type };
    for (const c of e.cases) {
      const value = this.resolve(c.value, scope, finite);
      const probability = c.probability ? this.numeric(c.probability, scope, 'a probability') : undefined;
      if (value.kind !== 'const' || value.type.kind !== 'finite' || !this.ctx.isSubtype(value.type.type, type)) {
        if (this.ctx.objectsKnown || type.kind === 'enum') {
          this.diagnostics.push(createDiagnostic('RDDL2017', c.value.span, `case value is not a value of '${type.name}'${valueList(type)}`));
        }
        continue;
      }
      const index = this.ctx.findValue(type, value.type.type.values[value.value]!) ?? value.value;
      const first = seen.get(index);
      if (first) {
        this.diagnostics.push(createDiagnostic('RDDL2017', c.value.span, 'this value is listed twice', { related: [{ message: 'first listed here', span: first }] }));
        continue;
      }
      seen.set(index, c.value.span);
      if (!probability) {
        if (otherwise !== undefined) this.diagnostics.push(createDiagnostic('RDDL2017', c.span, "'otherwise' is used twice"));
        otherwise = index;
      } else probabilities[index] = probability;
    }
    return { kind: 'discrete', normalized: !e.unnormalized, valueType: type, probabilities, otherwise, type: finite, span: e.span };
  }

  private discreteAggregation(e: A.DiscreteAggregation, scope: Scope): TypedExpr {
    const mark = scope.mark();
    try {
      if (e.variables.length !== 1) return this.error('RDDL2006', e.span, `Discrete_ ranges over exactly one variable, not ${e.variables.length}`);
      const binding = this.bindVariables(e.variables, scope);
      if (!binding) return { kind: 'const', value: 0, type: realType, span: e.span };
      const variable = binding.bound[0]!;
      const body = this.numeric(e.body, binding.scope, 'a probability');
      return { kind: 'discrete-aggregate', normalized: !e.unnormalized, variable, body, type: { kind: 'finite', type: variable.type }, span: e.span };
    } finally {
      scope.release(mark);
    }
  }

  // ------------------------------------------------------------ matrices

  private determinant(e: A.Determinant, scope: Scope): TypedExpr {
    const mark = scope.mark();
    try {
      const binding = this.bindVariables(e.variables, scope);
      if (!binding) return { kind: 'const', value: 0, type: realType, span: e.span };
      const [row, column] = binding.bound;
      if (!row || !column || row.type !== column.type) {
        return this.error('RDDL2019', e.operatorSpan, 'det_ needs two variables of the same type (rows and columns of a square matrix)');
      }
      const body = this.numeric(e.body, binding.scope, 'the matrix of det_');
      return { kind: 'det', row, column, body, type: realType, span: e.span };
    } finally {
      scope.release(mark);
    }
  }

  private matrix(e: A.MatrixFunction, scope: Scope): TypedExpr {
    const outerRow = scope.lookup(e.row.name);
    const outerColumn = scope.lookup(e.column.name);
    if (!outerRow || !outerColumn) {
      return this.error('RDDL2019', e.operatorSpan, `${e.operator} assigns a matrix: '${e.row.name}' and '${e.column.name}' must be parameters of the CPF`);
    }
    if (outerRow.type !== outerColumn.type) return this.error('RDDL2019', e.operatorSpan, `${e.operator} needs a square matrix: rows and columns of the same type`);
    const mark = scope.mark();
    try {
      // Inside the body the two variables run over every entry; outside they pick the entry to return.
      const binding = scope.bind([
        { name: e.row.name, type: outerRow.type },
        { name: e.column.name, type: outerColumn.type },
      ]);
      const body = this.numeric(e.body, binding.scope, `the matrix of ${e.operator}`);
      return {
        kind: 'matrix',
        op: e.operator,
        rowSlot: outerRow.slot,
        columnSlot: outerColumn.slot,
        row: binding.bound[0]!,
        column: binding.bound[1]!,
        body,
        type: realType,
        span: e.span,
      };
    } finally {
      scope.release(mark);
    }
  }

  // ------------------------------------------------------------ vector distributions (CPF roots only)

  /** `Dirichlet[?v](alpha(_))` and friends, as the whole expression of a CPF with parameters `params`. */
  vectorSample(e: A.VectorDistribution, scope: Scope): TypedExpr {
    const dist = e.name.name as 'MultivariateNormal' | 'MultivariateStudent' | 'Dirichlet' | 'Multinomial';
    const params = vectorDistributionParameters.get(dist)!;
    if (e.outputs.length !== 1 || e.outputs[0]!.kind !== 'Variable') {
      return this.error('RDDL2019', e.span, `${dist}[...] takes exactly one CPF parameter that receives the sample, as in ${dist}[?v](...)`);
    }
    const output = scope.lookup((e.outputs[0] as A.VariableRef).name);
    if (!output) return this.error('RDDL2019', e.outputs[0]!.span, `'${(e.outputs[0] as A.VariableRef).name}' must be a parameter of the CPF`);
    if (e.args.length !== params.length) {
      return this.error('RDDL2006', e.span, `${dist} takes ${params.length} parameters (${params.join(', ')}) but is given ${e.args.length}`);
    }
    // Each `_` becomes a fresh variable over the output's type: one for vectors, two (row, column) for matrices.
    const placeholderSlots: number[] = [];
    const args = e.args.map((arg) => {
      const count = countPlaceholders(arg);
      const binding = scope.bind(Array.from({ length: count }, (_, i) => ({ name: `?_${i}`, type: output.type })));
      placeholderSlots.push(...binding.bound.map((b) => b.slot));
      let next = 0;
      const replaced = replacePlaceholders(arg, () => `_${next++}`);
      return this.numeric(replaced, binding.scope, `a parameter of ${dist}`);
    });
    const type = dist === 'Multinomial' ? intType : realType;
    return { kind: 'vector-sample', dist, output, args, placeholderSlots, placeholderType: output.type, type, span: e.span };
  }

  /** Check a CPF value against the fluent's range (RDDL2009). */
  checkFits(value: TypedExpr, range: ValueType, fluent: string, span: Span): void {
    if (this.reported.has(value)) return;
    if (!fitsRange(value.type, range, this.ctx.isSubtype)) {
      this.diagnostics.push(createDiagnostic('RDDL2009', span, `the CPF of '${fluent}' computes a value of type ${typeName(value.type)}, but '${fluent}' is ${typeName(range)}`));
    }
  }
}

function countPlaceholders(e: Expression): number {
  if (e.kind === 'Placeholder') return 1;
  if (e.kind === 'PVariable') return (e.args ?? []).reduce((n, a) => n + countPlaceholders(a), 0);
  return 0;
}

function replacePlaceholders(e: Expression, name: () => string): Expression {
  if (e.kind === 'Placeholder') return { kind: 'Variable', name: `?${name()}`, span: e.span };
  if (e.kind === 'PVariable' && e.args) return { ...e, args: e.args.map((a) => replacePlaceholders(a, name)) };
  return e;
}
