import fc from 'fast-check';
import { SourceFile, spanOf } from '@rddl/core';
import type {
  AggregationOperator,
  BinaryOperator,
  Expression,
  Identifier,
  PVariableRef,
  TypedVariable,
  UnaryOperator,
} from '@rddl/syntax';
import { builtinFunctions, distributionParameters, vectorDistributionParameters } from '@rddl/syntax';

/**
 * fast-check arbitraries for random RDDL expression trees, in the form the
 * parser produces (so that print → parse can be compared with the original).
 * Names come from the small domain in `expressionHost`.
 */

const span = spanOf(new SourceFile('<generated>', ''), 0, 0);
const ident = (name: string): Identifier => ({ kind: 'Identifier', name, span });

/** A domain that declares every name the generated expressions use; `$EXPR` is replaced by the expression. */
export const expressionHost = `domain host {
    types { t : object; e : { @a, @b, @c }; };
    pvariables {
        p : { state-fluent, real, default = 0.0 };
        q(t) : { non-fluent, real, default = 0.0 };
        r(t, t) : { non-fluent, real, default = 0.0 };
        s : { state-fluent, e, default = @a };
        act(t) : { action-fluent, bool, default = false };
        REALLOCATION-PERIOD : { non-fluent, int, default = 3 };
    };
    cpfs {
        p' = $EXPR;
    };
}
`;

const binaryOperators: BinaryOperator[] = ['+', '-', '*', '/', '^', '|', '=>', '<=>', '==', '~=', '<', '<=', '>', '>='];
const unaryOperators: UnaryOperator[] = ['-', '+', '~'];
const aggregationOperators: AggregationOperator[] = ['sum', 'prod', 'avg', 'minimum', 'maximum', 'forall', 'exists', 'argmin', 'argmax'];
const variableNames = ['?x', '?y', '?z'];

const numberLiteral: fc.Arbitrary<Expression> = fc
  .constantFrom('0', '1', '42', '3.5', '0.25', '1.', '.5', '1e-3', '2.5E+10', '7e2', '1E5')
  .map((text) => ({ kind: 'Number', value: Number(text), isInteger: /^\d+$/.test(text), text, span }));

const variable: fc.Arbitrary<Expression> = fc.constantFrom(...variableNames).map((name) => ({ kind: 'Variable', name, span }));
const enumLiteral: fc.Arbitrary<Expression> = fc.constantFrom('@a', '@b', '@c').map((name) => ({ kind: 'EnumLiteral', name, span }));
const objectLiteral: fc.Arbitrary<Expression> = fc.constantFrom('o1', 'o2').map((name) => ({ kind: 'ObjectLiteral', name, span }));

/** An object term, as written in pvariable arguments. */
const term: fc.Arbitrary<Expression> = fc.oneof(variable, enumLiteral, objectLiteral);

const leaf: fc.Arbitrary<Expression> = fc.oneof(
  numberLiteral,
  fc.boolean().map((value): Expression => ({ kind: 'Boolean', value, span })),
  fc.boolean().map((negative): Expression => ({ kind: 'Infinity', negative, span })),
  variable,
  enumLiteral,
  objectLiteral,
  fc.record({ primed: fc.boolean() }).map(({ primed }): Expression => ({ kind: 'PVariable', name: ident('p'), primed, args: undefined, span })),
  fc.constant<Expression>({ kind: 'PVariable', name: ident('REALLOCATION-PERIOD'), primed: false, args: undefined, span }),
  term.map((a): Expression => ({ kind: 'PVariable', name: ident('q'), primed: false, args: [a], span })),
  fc.tuple(term, term).map(([a, b]): Expression => ({ kind: 'PVariable', name: ident('r'), primed: false, args: [a, b], span })),
);

const typedVariables = (min: number, max: number): fc.Arbitrary<TypedVariable[]> =>
  fc
    .uniqueArray(fc.constantFrom(...variableNames), { minLength: min, maxLength: max })
    .map((names) => names.map((name) => ({ name, type: ident('t'), span })));

/** Placeholder-pattern pvariable arguments of vector distributions: `mean(_)`, `cov(_, _)`. */
const placeholderRef = (arity: number): PVariableRef => ({
  kind: 'PVariable',
  name: ident('q'),
  primed: false,
  args: Array.from({ length: arity }, () => ({ kind: 'Placeholder' as const, span })),
  span,
});

const functionNames = [...builtinFunctions.keys()];
const distributionNames = [...distributionParameters.keys()];
const vectorNames = [...vectorDistributionParameters.keys()];

/** Random expressions of bounded depth covering every expression form the grammar has. */
export const expressionArbitrary: fc.Arbitrary<Expression> = fc.letrec<{ expr: Expression }>((tie) => {
  const expr = tie('expr');
  const list = (n: number) => fc.array(expr, { minLength: n, maxLength: n });
  return {
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ operator: fc.constantFrom(...unaryOperators), operand: expr }).map((u): Expression => ({ kind: 'Unary', ...u, span })),
      fc
        .record({ operator: fc.constantFrom(...binaryOperators), left: expr, right: expr })
        .map((b): Expression => ({ kind: 'Binary', ...b, operatorSpan: span, span })),
      fc.record({ condition: expr, then: expr, else: expr }).map((i): Expression => ({ kind: 'If', ...i, span })),
      fc
        .record({
          subject: expr,
          cases: fc.array(fc.record({ value: fc.oneof(enumLiteral, leaf, expr), body: expr }), { minLength: 1, maxLength: 3 }),
          defaultCase: fc.option(expr, { nil: undefined }),
        })
        .map((s): Expression => ({ kind: 'Switch', ...s, cases: s.cases.map((c) => ({ ...c, span })), span })),
      fc
        .record({ operator: fc.constantFrom(...aggregationOperators), variables: typedVariables(1, 2), body: expr })
        .map((a): Expression => ({ kind: 'Aggregation', ...a, operatorSpan: span, span })),
      fc
        .constantFrom(...functionNames)
        .chain((name) => list(builtinFunctions.get(name)!).map((args): Expression => ({ kind: 'FunctionCall', name: ident(name), args, span }))),
      fc
        .constantFrom(...distributionNames)
        .chain((name) =>
          list(distributionParameters.get(name)!.length).map((args): Expression => ({ kind: 'Distribution', name: ident(name), args, span })),
        ),
      fc
        .record({
          unnormalized: fc.boolean(),
          cases: fc.array(fc.record({ value: enumLiteral, probability: fc.option(expr, { nil: undefined, freq: 4 }) }), {
            minLength: 1,
            maxLength: 3,
          }),
        })
        .map((d): Expression => ({ kind: 'Discrete', ...d, type: ident('e'), cases: d.cases.map((c) => ({ ...c, span })), span })),
      fc
        .record({ unnormalized: fc.boolean(), variables: typedVariables(1, 1), body: expr })
        .map((d): Expression => ({ kind: 'DiscreteAggregation', ...d, span })),
      fc.constantFrom(...vectorNames).map(
        (name): Expression => ({
          kind: 'VectorDistribution',
          name: ident(name),
          outputs: [{ kind: 'Variable', name: '?x', span }],
          args: vectorDistributionParameters.get(name)!.map((_, i) => placeholderRef(i === 1 && name !== 'Multinomial' ? 2 : 1)),
          span,
        }),
      ),
      fc.record({ variables: typedVariables(2, 2), body: expr }).map((d): Expression => ({ kind: 'Determinant', ...d, operatorSpan: span, span })),
      fc.record({ operator: fc.constantFrom('inverse', 'pinverse', 'cholesky' as const), body: expr }).map(
        (m): Expression => ({
          kind: 'MatrixFunction',
          ...m,
          operatorSpan: span,
          row: { kind: 'Variable', name: '?x', span },
          column: { kind: 'Variable', name: '?y', span },
          span,
        }),
      ),
      fc
        .record({ primed: fc.boolean(), args: fc.array(expr, { minLength: 1, maxLength: 2 }) })
        .map((r): Expression => ({ kind: 'PVariable', name: ident('q'), ...r, span })),
    ),
  };
}).expr;
