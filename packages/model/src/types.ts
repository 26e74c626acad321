import type { Span } from '@rddl/core';
import type { AggregationOperator, FluentKind, MatrixOperator } from '@rddl/syntax';

/**
 * The lifted, resolved model: every name bound to its declaration, every
 * expression typed, objects and values from the instance merged in. This is
 * what the compiler grounds.
 */

/** A finite set of named values: an object type (objects from the instance) or an enum type. */
export interface FiniteType {
  readonly name: string;
  readonly kind: 'object' | 'enum';
  /** Values in order; a value's index is its runtime encoding. Enum values without the '@'. */
  readonly values: readonly string[];
  readonly parent: FiniteType | undefined;
  readonly span: Span | undefined;
}

export type ValueType =
  | { readonly kind: 'bool' }
  | { readonly kind: 'int' }
  | { readonly kind: 'real' }
  | { readonly kind: 'finite'; readonly type: FiniteType };

export const boolType: ValueType = { kind: 'bool' };
export const intType: ValueType = { kind: 'int' };
export const realType: ValueType = { kind: 'real' };

export interface PVariable {
  readonly name: string;
  readonly kind: FluentKind;
  readonly parameters: readonly FiniteType[];
  readonly range: ValueType;
  /** Encoded default (booleans 0/1, finite values as indices); undefined when none was declared. */
  readonly defaultValue: number | undefined;
  readonly span: Span;
  /** Index in declaration order. */
  readonly index: number;
}

// ---------------------------------------------------------------- typed expressions

interface Base {
  readonly type: ValueType;
  readonly span: Span;
}

/** A number, boolean (0/1) or finite value (index). */
export interface ConstExpr extends Base {
  readonly kind: 'const';
  readonly value: number;
}

/** A bound variable `?x`: `slot` indexes the evaluation environment. */
export interface ParamExpr extends Base {
  readonly kind: 'param';
  readonly name: string;
  readonly slot: number;
}

export interface FluentExpr extends Base {
  readonly kind: 'fluent';
  readonly pvariable: PVariable;
  /** A primed reference to a state fluent (its next-state value). */
  readonly primed: boolean;
  /** One finite-typed expression per parameter. */
  readonly args: readonly TypedExpr[];
}

export type UnaryOp = 'neg' | 'not' | 'pos';

export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'and' | 'or' | 'implies' | 'equiv' | 'eq' | 'neq' | 'lt' | 'le' | 'gt' | 'ge';

export interface UnaryExpr extends Base {
  readonly kind: 'unary';
  readonly op: UnaryOp;
  readonly arg: TypedExpr;
}

export interface BinaryExpr extends Base {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: TypedExpr;
  readonly right: TypedExpr;
}

export interface IfExpr extends Base {
  readonly kind: 'if';
  readonly condition: TypedExpr;
  readonly then: TypedExpr;
  readonly else: TypedExpr;
}

export interface SwitchExpr extends Base {
  readonly kind: 'switch';
  readonly subject: TypedExpr;
  /** One entry per case, value = index in the subject's finite type. */
  readonly cases: readonly { readonly value: number; readonly body: TypedExpr }[];
  readonly defaultCase: TypedExpr | undefined;
}

export interface BoundVariable {
  readonly name: string;
  readonly slot: number;
  readonly type: FiniteType;
}

export interface AggregateExpr extends Base {
  readonly kind: 'aggregate';
  readonly op: AggregationOperator;
  readonly variables: readonly BoundVariable[];
  readonly body: TypedExpr;
}

/** Built-in functions of one argument. */
export type UnaryFunctionName =
  | 'abs'
  | 'sgn'
  | 'round'
  | 'floor'
  | 'ceil'
  | 'cos'
  | 'sin'
  | 'tan'
  | 'acos'
  | 'asin'
  | 'atan'
  | 'cosh'
  | 'sinh'
  | 'tanh'
  | 'exp'
  | 'ln'
  | 'sqrt'
  | 'lngamma'
  | 'gamma';

/** Built-in functions of two arguments (min and max also aggregate). */
export type BinaryFunctionName =
  | 'div'
  | 'mod'
  | 'fmod'
  | 'min'
  | 'max'
  | 'pow'
  | 'log'
  | 'hypot';

export type FunctionName = UnaryFunctionName | BinaryFunctionName;

export interface CallExpr extends Base {
  readonly kind: 'call';
  readonly fn: FunctionName;
  readonly args: readonly TypedExpr[];
}

/** A scalar distribution; `dist` is its RDDL name (`Normal`, `Bernoulli`, ...). */
export interface SampleExpr extends Base {
  readonly kind: 'sample';
  readonly dist: string;
  readonly args: readonly TypedExpr[];
}

/** `Discrete(type, v : p, ...)`: probabilities indexed by the finite type's values. */
export interface DiscreteExpr extends Base {
  readonly kind: 'discrete';
  readonly normalized: boolean;
  readonly valueType: FiniteType;
  /** One probability per value of `valueType` (undefined = not listed: probability 0). */
  readonly probabilities: readonly (TypedExpr | undefined)[];
  /** Index of the value written with `otherwise` (it gets the remaining probability). */
  readonly otherwise: number | undefined;
}

/** `Discrete_{?v : t}(p(?v))`: the body is evaluated once per value of t. */
export interface DiscreteAggregateExpr extends Base {
  readonly kind: 'discrete-aggregate';
  readonly normalized: boolean;
  readonly variable: BoundVariable;
  readonly body: TypedExpr;
}

/**
 * A vector distribution at the top of a CPF: `Dirichlet[?v](alpha(_))`.
 * `output` is the CPF parameter slot that receives the sample's components;
 * each parameter is a pvariable pattern whose `_` positions run over `output`'s type.
 */
export interface VectorSampleExpr extends Base {
  readonly kind: 'vector-sample';
  readonly dist: 'MultivariateNormal' | 'MultivariateStudent' | 'Dirichlet' | 'Multinomial';
  readonly output: BoundVariable;
  /** Parameters in order; vector/matrix parameters use `placeholderSlots` for `_`. */
  readonly args: readonly TypedExpr[];
  /** Slots bound to the placeholder positions: one per `_` (row, then column for matrices). */
  readonly placeholderSlots: readonly number[];
  readonly placeholderType: FiniteType;
}

/** `det_{?r : t, ?c : t} M(?r, ?c)`. */
export interface DeterminantExpr extends Base {
  readonly kind: 'det';
  readonly row: BoundVariable;
  readonly column: BoundVariable;
  readonly body: TypedExpr;
}

/** `inverse[row=?r, col=?c][M(?r, ?c)]`: the (r, c) entry of the inverse (or pinverse, cholesky factor). */
export interface MatrixExpr extends Base {
  readonly kind: 'matrix';
  readonly op: MatrixOperator;
  /** The slots of the output position (bound outside, by the CPF head). */
  readonly rowSlot: number;
  readonly columnSlot: number;
  /** Inner variables the body is evaluated over. */
  readonly row: BoundVariable;
  readonly column: BoundVariable;
  readonly body: TypedExpr;
}

export type TypedExpr =
  | ConstExpr
  | ParamExpr
  | FluentExpr
  | UnaryExpr
  | BinaryExpr
  | IfExpr
  | SwitchExpr
  | AggregateExpr
  | CallExpr
  | SampleExpr
  | DiscreteExpr
  | DiscreteAggregateExpr
  | VectorSampleExpr
  | DeterminantExpr
  | MatrixExpr;

// ---------------------------------------------------------------- model

/** A CPF: the target fluent (primed for state fluents), its parameter variables, its expression. */
export interface Cpf {
  readonly pvariable: PVariable;
  /** Parameters in head order; slot i is parameter i. */
  readonly parameters: readonly BoundVariable[];
  readonly expression: TypedExpr;
  /** Number of environment slots the expression needs (parameters plus nested variables). */
  readonly slotCount: number;
  readonly span: Span;
  /** Evaluation level: a CPF depends only on CPFs of lower levels. */
  readonly level: number;
}

/** A constraint, reward or termination expression (no parameters). */
export interface Condition {
  readonly expression: TypedExpr;
  readonly slotCount: number;
  readonly span: Span;
}

/** Value of every grounding of a pvariable, in row-major order of its parameter objects. */
export type GroundValues = Float64Array;

export interface Model {
  readonly domainName: string;
  readonly instanceName: string;
  readonly nonFluentsName: string | undefined;
  readonly requirements: readonly string[];
  readonly types: ReadonlyMap<string, FiniteType>;
  /** All pvariables in declaration order. */
  readonly pvariables: readonly PVariable[];
  readonly pvariablesByName: ReadonlyMap<string, PVariable>;
  /** All CPFs in evaluation order (derived, interm, next-state, observation, by level). */
  readonly cpfs: readonly Cpf[];
  readonly reward: Condition;
  readonly stateInvariants: readonly Condition[];
  /** Action preconditions and state-action constraints. */
  readonly actionPreconditions: readonly Condition[];
  readonly termination: readonly Condition[];
  /** Values of non-fluents (all groundings, defaults filled in). */
  readonly nonFluentValues: ReadonlyMap<string, GroundValues>;
  /** Initial values of state fluents. */
  readonly initialState: ReadonlyMap<string, GroundValues>;
  readonly horizon: number;
  readonly discount: number;
  /** `Infinity` for pos-inf. */
  readonly maxNondefActions: number;
  /** Where the instance block is (for diagnostics about the instance). */
  readonly instanceSpan: Span;
}
