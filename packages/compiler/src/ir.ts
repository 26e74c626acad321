import type { Span } from '@rddl/core';
import type { BinaryOp, FiniteType, FunctionName } from '@rddl/model';

/**
 * The grounded IR every backend reads: one scalar expression tree per ground
 * CPF, reward and constraint. Non-fluents are folded into constants. Values
 * are numbers: booleans 0/1, finite (enum/object) values their index.
 *
 * Every node keeps the span of the RDDL it came from, so a backend that
 * cannot handle a construct can say which and where.
 */

export type IrKind = 'bool' | 'int' | 'real' | 'finite';

/** Where a ground fluent lives in the simulator's arrays. */
export type Space = 'state' | 'next' | 'action' | 'interm' | 'observ';

interface Base {
  readonly kind: IrKind;
  readonly span: Span;
}

export interface IrConst extends Base {
  readonly op: 'const';
  readonly value: number;
}

/** A ground fluent: `space` array at `index` (see `Layout`). `next` = next-state value. */
export interface IrRef extends Base {
  readonly op: 'ref';
  readonly space: Space;
  readonly index: number;
}

export interface IrUnary extends Base {
  readonly op: 'neg' | 'not';
  readonly arg: IrNode;
}

export interface IrBinary extends Base {
  readonly op: BinaryOp;
  readonly left: IrNode;
  readonly right: IrNode;
}

/** Sums, products, minima, maxima, conjunctions and disjunctions of any number of terms. */
export interface IrNary extends Base {
  readonly op: 'sum' | 'prod' | 'min' | 'max' | 'all' | 'any';
  readonly args: readonly IrNode[];
}

/** Index of the smallest/largest argument (the first on ties). */
export interface IrArgExtreme extends Base {
  readonly op: 'argmin' | 'argmax';
  readonly args: readonly IrNode[];
}

export interface IrIf extends Base {
  readonly op: 'if';
  readonly condition: IrNode;
  readonly then: IrNode;
  readonly else: IrNode;
}

/** `options[index]`: switch on a finite value, nested pvariables with a run-time argument. */
export interface IrSelect extends Base {
  readonly op: 'select';
  readonly index: IrNode;
  readonly options: readonly IrNode[];
}

export interface IrCall extends Base {
  readonly op: 'call';
  readonly fn: FunctionName;
  readonly args: readonly IrNode[];
}

/**
 * Where a random draw comes from: the random expression of the lifted model
 * (`site`, < 65536) and which grounding of it (`grounding`, an object-tuple
 * ordinal). The pair keys the counter stream, so draws do not depend on
 * evaluation order (see CounterStream).
 */
export interface Site {
  readonly site: number;
  readonly grounding: number;
}

export interface IrSample extends Base {
  readonly op: 'sample';
  /** RDDL distribution name (Bernoulli, Normal, ...). */
  readonly dist: string;
  readonly args: readonly IrNode[];
  readonly site: Site;
}

/** A finite value drawn with the given probabilities (normalised or not). */
export interface IrDiscrete extends Base {
  readonly op: 'discrete';
  readonly probabilities: readonly IrNode[];
  readonly normalized: boolean;
  readonly site: Site;
}

/** A multivariate sample, drawn once per step and shared by its components. */
export interface VectorSampleGroup {
  readonly id: number;
  readonly dist: 'MultivariateNormal' | 'MultivariateStudent' | 'Dirichlet' | 'Multinomial';
  /** Dimension of the sample. */
  readonly size: number;
  /** Parameters: scalars, vectors (size) or matrices (size × size, row-major). */
  readonly params: readonly (readonly IrNode[])[];
  readonly site: Site;
  readonly span: Span;
}

export interface IrVectorComponent extends Base {
  readonly op: 'vector-component';
  readonly group: VectorSampleGroup;
  readonly component: number;
}

/** A square matrix computed once per step: inverse, pseudo-inverse or Cholesky factor of `entries`. */
export interface MatrixGroup {
  readonly id: number;
  readonly fn: 'inverse' | 'pinverse' | 'cholesky';
  readonly size: number;
  /** Row-major entries. */
  readonly entries: readonly IrNode[];
  readonly span: Span;
}

export interface IrMatrixEntry extends Base {
  readonly op: 'matrix-entry';
  readonly group: MatrixGroup;
  readonly row: number;
  readonly column: number;
}

export interface IrDeterminant extends Base {
  readonly op: 'det';
  readonly size: number;
  /** Row-major entries. */
  readonly entries: readonly IrNode[];
}

export type IrNode =
  | IrConst
  | IrRef
  | IrUnary
  | IrBinary
  | IrNary
  | IrArgExtreme
  | IrIf
  | IrSelect
  | IrCall
  | IrSample
  | IrDiscrete
  | IrVectorComponent
  | IrMatrixEntry
  | IrDeterminant;

/** Direct children of a node, in evaluation order. */
export function irChildren(n: IrNode): readonly IrNode[] {
  switch (n.op) {
    case 'const':
    case 'ref':
    case 'vector-component':
    case 'matrix-entry':
      return [];
    case 'neg':
    case 'not':
      return [n.arg];
    case 'if':
      return [n.condition, n.then, n.else];
    case 'select':
      return [n.index, ...n.options];
    case 'sum':
    case 'prod':
    case 'min':
    case 'max':
    case 'all':
    case 'any':
    case 'argmin':
    case 'argmax':
    case 'call':
    case 'sample':
      return n.args;
    case 'discrete':
      return n.probabilities;
    case 'det':
      return n.entries;
    default:
      return [n.left, n.right];
  }
}

/**
 * Every node whose value `n` reads: its children, plus the parameters of a
 * multivariate draw and the entries of a matrix function, which live in the
 * group the node shares with its sibling components.
 */
export function irOperands(n: IrNode): readonly IrNode[] {
  if (n.op === 'vector-component') return n.group.params.flat();
  if (n.op === 'matrix-entry') return n.group.entries;
  return irChildren(n);
}

/** The finite type of a `finite`-kind node is carried separately where it matters (layouts, CPF targets). */
export type { FiniteType };
