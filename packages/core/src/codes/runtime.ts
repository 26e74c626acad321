import type { CatalogueEntry } from './entry.js';

/** 5xxx: problems found while simulating. */
export const runtimeCodes = {
  RDDL5001: {
    severity: 'error',
    title: 'domain error',
    description:
      'An expression was evaluated outside its domain: ln or log of a non-positive number, sqrt of a negative number, division or mod by zero, a distribution parameter out of range (a negative variance, a probability above 1), an overflow to infinity, or a value that is not a number. The message names the expression, its source line, the ground fluent being computed and the values involved; the simulator never continues with NaN or Infinity.',
  },
  RDDL5002: {
    severity: 'error',
    title: 'state invariant violated',
    description:
      'A state (the initial one included) violates a state invariant. The message names the invariant, its line, and the ground atoms it reads with their values. With `--constraints warn` this is a warning and the episode goes on; with `--constraints ignore` invariants are not checked.',
  },
  RDDL5003: {
    severity: 'error',
    title: 'action precondition violated',
    description:
      'The chosen action violates an action precondition (or state-action constraint) in the current state. The message lists the ground atoms the precondition reads and their values.',
  },
  RDDL5004: {
    severity: 'error',
    title: 'too many concurrent actions',
    description: 'More action fluents differ from their defaults than `max-nondef-actions` allows.',
  },
  RDDL5005: {
    severity: 'error',
    title: 'invalid action value',
    description: 'An action value does not fit its range: a non-boolean for a bool action, a non-integer for an int action, an index outside an enum, or a value that is not finite.',
  },
} as const satisfies Record<string, CatalogueEntry>;
