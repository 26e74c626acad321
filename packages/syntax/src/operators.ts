import type { AggregationOperator, BinaryOperator } from './ast.js';

/**
 * Binary operator precedence, loosest first, as in pyRDDLGym's grammar
 * (`core/parser/parser.py`): `<=>` < `=>` < `|` < `^`/`&` < comparisons
 * < `+ -` < `* /`. All are left-associative. Prefix `~`, `-` and `+` bind
 * tighter than every binary operator; `if`, `switch` bodies, aggregations and
 * `Discrete_{}` bodies extend as far right as possible.
 */
export const binaryPrecedence: Readonly<Record<BinaryOperator, number>> = {
  '<=>': 1,
  '=>': 2,
  '|': 3,
  '^': 4,
  '==': 5,
  '~=': 5,
  '<': 5,
  '<=': 5,
  '>': 5,
  '>=': 5,
  '+': 6,
  '-': 6,
  '*': 7,
  '/': 7,
};

/** Precedence of prefix operators: tighter than any binary operator. */
export const unaryPrecedence = 8;

/** `&` is read as `^`. */
export function normalizeBinaryOperator(image: string): BinaryOperator {
  return (image === '&' ? '^' : image) as BinaryOperator;
}

export const aggregationOperators: ReadonlySet<AggregationOperator> = new Set<AggregationOperator>([
  'sum',
  'prod',
  'avg',
  'minimum',
  'maximum',
  'forall',
  'exists',
  'argmin',
  'argmax',
]);

/** Aggregation spellings that other dialects accept, and what they mean. */
export const aggregationAliases: ReadonlyMap<string, AggregationOperator> = new Map<string, AggregationOperator>([
  ['min', 'minimum'],
  ['max', 'maximum'],
]);

/** Built-in functions called with square brackets, and their arity. */
export const builtinFunctions: ReadonlyMap<string, number> = new Map([
  ['abs', 1],
  ['sgn', 1],
  ['round', 1],
  ['floor', 1],
  ['ceil', 1],
  ['cos', 1],
  ['sin', 1],
  ['tan', 1],
  ['acos', 1],
  ['asin', 1],
  ['atan', 1],
  ['cosh', 1],
  ['sinh', 1],
  ['tanh', 1],
  ['exp', 1],
  ['ln', 1],
  ['sqrt', 1],
  ['lngamma', 1],
  ['gamma', 1],
  ['div', 2],
  ['mod', 2],
  ['fmod', 2],
  ['min', 2],
  ['max', 2],
  ['pow', 2],
  ['log', 2],
  ['hypot', 2],
]);

export const matrixFunctions: ReadonlySet<string> = new Set(['inverse', 'pinverse', 'cholesky']);

/** Scalar distributions and their parameter names (arity = length). */
export const distributionParameters: ReadonlyMap<string, readonly string[]> = new Map([
  ['KronDelta', ['value']],
  ['DiracDelta', ['value']],
  ['Bernoulli', ['p']],
  ['Normal', ['mean', 'variance']],
  ['Uniform', ['lower', 'upper']],
  ['Exponential', ['scale']],
  ['Weibull', ['shape', 'scale']],
  ['Gamma', ['shape', 'scale']],
  ['Poisson', ['rate']],
  ['Binomial', ['trials', 'p']],
  ['NegativeBinomial', ['successes', 'p']],
  ['Beta', ['a', 'b']],
  ['Geometric', ['p']],
  ['Pareto', ['shape', 'scale']],
  ['Student', ['df']],
  ['Gumbel', ['mean', 'scale']],
  ['Laplace', ['mean', 'scale']],
  ['Cauchy', ['mean', 'scale']],
  ['Gompertz', ['shape', 'scale']],
  ['ChiSquare', ['df']],
  ['Kumaraswamy', ['a', 'b']],
]);

/** Vector distributions and their parameter names. */
export const vectorDistributionParameters: ReadonlyMap<string, readonly string[]> = new Map([
  ['MultivariateNormal', ['mean', 'covariance']],
  ['MultivariateStudent', ['mean', 'scale', 'df']],
  ['Dirichlet', ['alpha']],
  ['Multinomial', ['trials', 'p']],
]);

export const knownRequirements: ReadonlySet<string> = new Set([
  'concurrent',
  'constrained-state',
  'continuous',
  'cpf-deterministic',
  'integer-valued',
  'intermediate-nodes',
  'multivalued',
  'partially-observed',
  'reward-deterministic',
  'preconditions',
]);
