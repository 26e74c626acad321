import type { CatalogueEntry } from './entry.js';

/** 3xxx: model structure (CPFs, dependencies, instances). */
export const modelCodes = {
  RDDL3001: {
    severity: 'error',
    title: 'missing CPF',
    description: 'Every state fluent needs a CPF for its next value, and every interm-, derived- and observ-fluent needs one too.',
  },
  RDDL3002: {
    severity: 'error',
    title: 'CPF defined twice',
    description: 'A fluent has two CPFs.',
  },
  RDDL3003: {
    severity: 'error',
    title: 'CPF for a fluent that cannot have one',
    description: 'Non-fluents and action fluents get their values from the instance and the agent; they cannot have CPFs.',
  },
  RDDL3004: {
    severity: 'error',
    title: 'illegal dependency',
    description:
      'An expression depends on a fluent its kind may not depend on (the table is in docs/language.md, following pyRDDLGym\'s level analysis): for example an interm-fluent on a next-state value, an observation on the current state, a state invariant on an action.',
  },
  RDDL3005: {
    severity: 'error',
    title: 'cyclic dependency',
    description: 'CPFs depend on each other in a cycle, so no evaluation order exists. The message lists the cycle.',
  },
  RDDL3006: {
    severity: 'error',
    title: 'missing block',
    description: 'An instance names a domain or non-fluents block that is not among the files given (nor in a `domain.rddl` beside the instance), or the blocks name different domains.',
  },
  RDDL3007: {
    severity: 'error',
    title: 'no instance',
    description: 'The files contain no instance to simulate, or several and none was chosen (`--instance NAME`).',
  },
  RDDL3010: {
    severity: 'error',
    title: 'invalid ground atom',
    description: 'A non-fluent or init-state assignment names an object that is not declared for the parameter\'s type, or gives the wrong number of arguments.',
  },
  RDDL3011: {
    severity: 'error',
    title: 'assignment to the wrong kind of fluent',
    description: '`init-state` may only set state fluents, and a `non-fluents` section only non-fluents.',
  },
  RDDL3012: {
    severity: 'error',
    title: 'invalid horizon',
    description: 'The horizon must be a whole number of at least 1.',
  },
  RDDL3013: {
    severity: 'error',
    title: 'invalid discount',
    description: 'The discount must be in (0, 1].',
  },
  RDDL3014: {
    severity: 'warning',
    title: 'max-nondef-actions exceeds the number of actions',
    description: '`max-nondef-actions` is larger than the number of ground action fluents, so it constrains nothing. It is harmless; planners never enumerate combinations beyond what exists.',
  },
  RDDL3015: {
    severity: 'error',
    title: 'invalid objects declaration',
    description: 'Objects are declared for an enum type or an undeclared type, or an object is declared twice.',
  },
  RDDL3016: {
    severity: 'error',
    title: 'missing value',
    description: 'A non-fluent or state fluent has no default in the domain and the instance does not give a value for every grounding.',
  },
  RDDL3017: {
    severity: 'warning',
    title: 'value assigned twice',
    description: 'A ground atom is assigned twice in the same instance; the last value wins.',
  },
} as const satisfies Record<string, CatalogueEntry>;
