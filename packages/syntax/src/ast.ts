import type { Span } from '@rddl/core';

/**
 * The RDDL abstract syntax tree. Every node carries the span of the text it
 * was read from; `parens` records that the author wrapped an expression in
 * `( )` or `[ ]`, so the printer can keep that grouping.
 */

export interface Comment {
  readonly text: string;
  readonly span: Span;
  /** The comment is the first thing on its line (printed on its own line). */
  readonly ownLine: boolean;
}

/** Comments the formatter must keep, attached by `comments.ts` after parsing. */
export interface Commentable {
  /** Comments before this node (on their own lines, or inline before it). */
  leadingComments?: Comment[];
  /** Comments after this node on its last line. */
  trailingComments?: Comment[];
}

interface NodeBase extends Commentable {
  readonly span: Span;
}

/** A braced list section (`types { ... };`, `pvariables { ... };`, `objects { ... };`). */
export interface ListSection<T> extends NodeBase {
  readonly list: T[];
  /** Comments before the closing brace. */
  danglingComments?: Comment[];
}

/** `domain = name;` or `non-fluents = name;`. */
export interface Reference extends NodeBase {
  readonly name: Identifier;
}

/** A scalar instance setting such as `horizon = 40;`. */
export interface Setting<V> extends NodeBase {
  readonly value: V;
}

export interface Identifier extends NodeBase {
  readonly kind: 'Identifier';
  readonly name: string;
}

// ---------------------------------------------------------------- expressions

export type BinaryOperator =
  | '+'
  | '-'
  | '*'
  | '/'
  | '^'
  | '|'
  | '=>'
  | '<=>'
  | '=='
  | '~='
  | '<'
  | '<='
  | '>'
  | '>=';

export type UnaryOperator = '-' | '+' | '~';

export type AggregationOperator =
  | 'sum'
  | 'prod'
  | 'avg'
  | 'minimum'
  | 'maximum'
  | 'forall'
  | 'exists'
  | 'argmin'
  | 'argmax';

export type MatrixOperator = 'inverse' | 'pinverse' | 'cholesky';

interface ExprBase extends NodeBase {
  /** The author's outermost grouping brackets around this expression, if any. */
  parens?: '(' | '[';
}

export interface NumberLiteral extends ExprBase {
  readonly kind: 'Number';
  readonly value: number;
  /** Written without a decimal point or exponent: an int constant. */
  readonly isInteger: boolean;
  /** The source text, kept so `rddl fmt` prints numbers as written. */
  readonly text: string;
}

export interface BooleanLiteral extends ExprBase {
  readonly kind: 'Boolean';
  readonly value: boolean;
}

/** `pos-inf` / `neg-inf`. */
export interface InfinityLiteral extends ExprBase {
  readonly kind: 'Infinity';
  readonly negative: boolean;
}

/** `?x` */
export interface VariableRef extends ExprBase {
  readonly kind: 'Variable';
  /** Including the leading `?`. */
  readonly name: string;
}

/** `@low` (enum value or, in newer RDDL, an object). */
export interface EnumLiteral extends ExprBase {
  readonly kind: 'EnumLiteral';
  /** Including the leading `@`. */
  readonly name: string;
}

/** `$x1` (an object constant, rddlsim style). */
export interface ObjectLiteral extends ExprBase {
  readonly kind: 'ObjectLiteral';
  /** Without the leading `$`. */
  readonly name: string;
}

/** `_` in the parameter patterns of vector distributions. */
export interface Placeholder extends ExprBase {
  readonly kind: 'Placeholder';
}

/**
 * A pvariable reference `name`, `name'`, `name(args)`. A bare name may also
 * turn out to be an object constant: the model decides.
 */
export interface PVariableRef extends ExprBase {
  readonly kind: 'PVariable';
  readonly name: Identifier;
  readonly primed: boolean;
  /** `undefined` when written without parentheses. */
  readonly args: Expression[] | undefined;
}

export interface Unary extends ExprBase {
  readonly kind: 'Unary';
  readonly operator: UnaryOperator;
  readonly operand: Expression;
}

export interface Binary extends ExprBase {
  readonly kind: 'Binary';
  readonly operator: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
  /** Span of the operator token. */
  readonly operatorSpan: Span;
}

export interface If extends ExprBase {
  readonly kind: 'If';
  readonly condition: Expression;
  readonly then: Expression;
  readonly else: Expression;
}

export interface SwitchCase extends NodeBase {
  readonly value: Expression;
  readonly body: Expression;
}

export interface Switch extends ExprBase {
  readonly kind: 'Switch';
  readonly subject: Expression;
  readonly cases: SwitchCase[];
  readonly defaultCase: Expression | undefined;
  /** Comments before the closing brace. */
  danglingComments?: Comment[];
}

export interface TypedVariable {
  /** Including the leading `?`. */
  readonly name: string;
  readonly type: Identifier;
  readonly span: Span;
}

export interface Aggregation extends ExprBase {
  readonly kind: 'Aggregation';
  readonly operator: AggregationOperator;
  readonly operatorSpan: Span;
  readonly variables: TypedVariable[];
  readonly body: Expression;
}

/** A built-in function with square brackets: `exp[x]`, `pow[x, y]`, ... */
export interface FunctionCall extends ExprBase {
  readonly kind: 'FunctionCall';
  readonly name: Identifier;
  readonly args: Expression[];
}

/** `Normal(m, v)`, `Bernoulli(p)`, `KronDelta(x)`, ... (scalar distributions). */
export interface Distribution extends ExprBase {
  readonly kind: 'Distribution';
  readonly name: Identifier;
  readonly args: Expression[];
}

export interface DiscreteCase extends NodeBase {
  /** An enum literal, object name or `$object`. */
  readonly value: Expression;
  /** `undefined` for `otherwise` (the remaining probability). */
  readonly probability: Expression | undefined;
}

/** `Discrete(type, @a : p, @b : q)` and `UnnormDiscrete(...)`. */
export interface DiscreteDistribution extends ExprBase {
  readonly kind: 'Discrete';
  readonly unnormalized: boolean;
  readonly type: Identifier;
  readonly cases: DiscreteCase[];
}

/** `Discrete_{?v : type}(p(?v))` and `UnnormDiscrete_{...}(...)`. */
export interface DiscreteAggregation extends ExprBase {
  readonly kind: 'DiscreteAggregation';
  readonly unnormalized: boolean;
  readonly variables: TypedVariable[];
  readonly body: Expression;
}

/**
 * `MultivariateNormal[?v](mean(_), cov(_, _))`, `Dirichlet[?v](alpha(_))`,
 * `Multinomial[?v](n, p(_))`, `MultivariateStudent[?v](mean(_), sigma(_, _), df)`.
 */
export interface VectorDistribution extends ExprBase {
  readonly kind: 'VectorDistribution';
  readonly name: Identifier;
  /** The outputs that receive the sample: variables or `@values`. */
  readonly outputs: Expression[];
  readonly args: Expression[];
}

/** `det_{?r : t, ?c : t} expr`. */
export interface Determinant extends ExprBase {
  readonly kind: 'Determinant';
  readonly operatorSpan: Span;
  readonly variables: TypedVariable[];
  readonly body: Expression;
}

/** `inverse[row=?r, col=?c][expr]`, also `pinverse` and `cholesky`. */
export interface MatrixFunction extends ExprBase {
  readonly kind: 'MatrixFunction';
  readonly operator: MatrixOperator;
  readonly operatorSpan: Span;
  readonly row: VariableRef;
  readonly column: VariableRef;
  readonly body: Expression;
}

/** Stands for input that could not be parsed (after a reported error). */
export interface ErrorExpression extends ExprBase {
  readonly kind: 'ErrorExpression';
}

export type Expression =
  | NumberLiteral
  | BooleanLiteral
  | InfinityLiteral
  | VariableRef
  | EnumLiteral
  | ObjectLiteral
  | Placeholder
  | PVariableRef
  | Unary
  | Binary
  | If
  | Switch
  | Aggregation
  | FunctionCall
  | Distribution
  | DiscreteDistribution
  | DiscreteAggregation
  | VectorDistribution
  | Determinant
  | MatrixFunction
  | ErrorExpression;

// ---------------------------------------------------------------- constants

/** Literal constants allowed in defaults, non-fluents, init-state. */
export type Constant =
  | NumberLiteral
  | BooleanLiteral
  | InfinityLiteral
  | EnumLiteral
  | ObjectLiteral
  | PVariableRef // a bare identifier: an object name
  | Unary; // `-3`, `-2.5`: unary minus applied to a number

// ---------------------------------------------------------------- domain

export interface Requirement extends NodeBase {
  readonly name: string;
}

export interface RequirementsSection extends ListSection<Requirement> {
  /** Written `requirements = { ... }` (older form) rather than `requirements { ... }`. */
  readonly assign: boolean;
}

export interface TypeDeclaration extends NodeBase {
  readonly kind: 'TypeDeclaration';
  readonly name: Identifier;
  /** `object`, the parent type's name (inheritance), or an enum's value list. */
  readonly definition:
    | { readonly kind: 'object'; readonly span: Span }
    | { readonly kind: 'parent'; readonly parent: Identifier }
    | { readonly kind: 'enum'; readonly values: EnumLiteral[] };
}

export type FluentKind =
  | 'non-fluent'
  | 'state-fluent'
  | 'action-fluent'
  | 'interm-fluent'
  | 'derived-fluent'
  | 'observ-fluent';

export interface PVariableDeclaration extends NodeBase {
  readonly kind: 'PVariableDeclaration';
  readonly name: Identifier;
  /** Parameter types; empty for a parameterless pvariable. */
  readonly parameters: Identifier[];
  /** `true` when written with parentheses, even empty ones. */
  readonly parenthesized: boolean;
  readonly fluentKind: FluentKind;
  readonly fluentKindSpan: Span;
  /** `bool`, `int`, `real` or a type name. */
  readonly range: Identifier;
  readonly defaultValue: Constant | undefined;
  readonly level: NumberLiteral | undefined;
}

export interface CpfDefinition extends NodeBase {
  readonly kind: 'CpfDefinition';
  readonly name: Identifier;
  readonly primed: boolean;
  readonly parameters: VariableRef[];
  /** `true` when written with parentheses, even empty ones. */
  readonly parenthesized: boolean;
  readonly expression: Expression;
}

export interface CpfsSection extends ListSection<CpfDefinition> {
  readonly keyword: 'cpfs' | 'cdfs';
}

export interface ConstraintList extends ListSection<Expression> {
  readonly keyword: 'state-invariants' | 'action-preconditions' | 'state-action-constraints' | 'termination';
}

export interface RewardSection extends NodeBase {
  readonly expression: Expression;
}

export interface DomainBlock extends NodeBase {
  readonly kind: 'Domain';
  readonly name: Identifier;
  readonly requirements: RequirementsSection | undefined;
  readonly types: ListSection<TypeDeclaration> | undefined;
  readonly pvariables: ListSection<PVariableDeclaration> | undefined;
  readonly cpfs: CpfsSection | undefined;
  readonly reward: RewardSection | undefined;
  readonly stateInvariants: ConstraintList | undefined;
  readonly actionPreconditions: ConstraintList | undefined;
  readonly stateActionConstraints: ConstraintList | undefined;
  readonly termination: ConstraintList | undefined;
  danglingComments?: Comment[];
}

// ---------------------------------------------------------------- non-fluents and instances

export interface ObjectsDeclaration extends NodeBase {
  readonly type: Identifier;
  readonly objects: Identifier[];
}

/** `name(args) = value;`, `name;` (true) or `~name;` (false). */
export interface Assignment extends NodeBase {
  readonly name: Identifier;
  readonly args: Expression[] | undefined;
  readonly value: Constant;
  /** How it was written: `=` value, bare name, or `~name`. */
  readonly form: 'assign' | 'bare' | 'negated';
}

export type AssignmentList = ListSection<Assignment>;

export interface NonFluentsBlock extends NodeBase {
  readonly kind: 'NonFluents';
  readonly name: Identifier;
  readonly domain: Reference | undefined;
  readonly objects: ListSection<ObjectsDeclaration> | undefined;
  readonly nonFluents: AssignmentList | undefined;
  danglingComments?: Comment[];
}

export interface InstanceBlock extends NodeBase {
  readonly kind: 'Instance';
  readonly name: Identifier;
  readonly domain: Reference | undefined;
  readonly nonFluentsRef: Reference | undefined;
  /** Inline objects (2018-style instance blocks). */
  readonly objects: ListSection<ObjectsDeclaration> | undefined;
  /** Inline non-fluent values (2018-style instance blocks). */
  readonly nonFluents: AssignmentList | undefined;
  readonly initState: AssignmentList | undefined;
  readonly maxNondefActions: Setting<number | 'pos-inf'> | undefined;
  readonly horizon: Setting<number | 'pos-inf'> | (NodeBase & { readonly terminateWhen: Expression }) | undefined;
  readonly discount: Setting<number> | undefined;
  danglingComments?: Comment[];
}

export type Block = DomainBlock | NonFluentsBlock | InstanceBlock;

export interface RddlFile extends Commentable {
  readonly kind: 'File';
  readonly blocks: Block[];
  readonly span: Span;
  /** Comments after the last block. */
  danglingComments?: Comment[];
}
