import type { CatalogueEntry } from './entry.js';

/** 2xxx: names and types. */
export const nameCodes = {
  RDDL2001: {
    severity: 'error',
    title: 'duplicate declaration',
    description: 'A type, enum value, pvariable, object or block name is declared twice. The message points at the second declaration and names the first.',
  },
  RDDL2002: {
    severity: 'error',
    title: 'undefined type',
    description: 'A pvariable parameter, range, aggregation variable or `Discrete` names a type that is not declared in the `types` section (nor `bool`, `int`, `real`).',
  },
  RDDL2003: {
    severity: 'error',
    title: 'undefined pvariable',
    description: 'A name used in an expression is neither a declared pvariable nor an object or enum value. The message suggests close names when there are any.',
  },
  RDDL2004: {
    severity: 'error',
    title: 'unbound variable',
    description: 'A `?variable` is used where no CPF parameter or aggregation binds it.',
  },
  RDDL2005: {
    severity: 'error',
    title: 'undefined value',
    description: 'An `@value`, `$object` or object name is not a value of any enum or object type (or not of the type the context needs). When the same value belongs to several types, the context must make the type clear.',
  },
  RDDL2006: {
    severity: 'error',
    title: 'wrong number of arguments',
    description: 'A pvariable is used with a different number of arguments than it has parameters, or a distribution, function or aggregation gets the wrong number of arguments or variables.',
  },
  RDDL2007: {
    severity: 'error',
    title: 'argument of the wrong type',
    description: 'A pvariable argument must be an object or enum value of the parameter\'s type (or of a subtype).',
  },
  RDDL2008: {
    severity: 'error',
    title: 'type mismatch',
    description: 'An operator or function is applied to values it cannot take: an enum or object in arithmetic, an ordering comparison of enum values, values of two different enum types compared, if/switch branches of incompatible types, a non-boolean condition where a boolean is required.',
  },
  RDDL2009: {
    severity: 'error',
    title: 'CPF value does not fit the fluent',
    description: 'A CPF computes a value of a type its fluent cannot hold (a real for an int fluent, a number for a bool fluent, another enum type). Round explicitly (`round[...]`, `floor[...]`) or change the range.',
  },
  RDDL2010: {
    severity: 'error',
    title: 'invalid value for the range',
    description: 'A default, non-fluent or init-state value does not fit the pvariable\'s range (a real for an int, an enum value of another type, a number for a bool).',
  },
  RDDL2012: {
    severity: 'error',
    title: 'misplaced prime',
    description: 'Only state fluents have next-state values: `x\'` is an error for any other kind. A CPF for a state fluent must define `x\'`, and CPFs of other kinds must not be primed.',
  },
  RDDL2015: {
    severity: 'error',
    title: 'variable bound twice',
    description: 'An aggregation or CPF head binds the same `?variable` twice, or rebinds a variable of an enclosing scope.',
  },
  RDDL2016: {
    severity: 'error',
    title: 'invalid switch',
    description: 'A switch case value is not a value of the subject\'s type, a case is repeated, or the cases do not cover every value and there is no default.',
  },
  RDDL2017: {
    severity: 'error',
    title: 'invalid Discrete distribution',
    description: 'A `Discrete`/`UnnormDiscrete` case names a value that is not of the distribution\'s type, a value is listed twice, or `otherwise` is used more than once.',
  },
  RDDL2019: {
    severity: 'error',
    title: 'invalid vector or matrix expression',
    description: 'Vector distributions (`Dirichlet[?v](...)`, `MultivariateNormal`, `Multinomial`, `MultivariateStudent`) must be the whole expression of a CPF whose parameter receives the sample; `_` may appear only in their parameters; `det_`, `inverse`, `pinverse` and `cholesky` need two variables of the same type.',
  },
} as const satisfies Record<string, CatalogueEntry>;
