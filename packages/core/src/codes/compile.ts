import type { CatalogueEntry } from './entry.js';

/** 4xxx: compilation and planner limits. */
export const compileCodes = {
  RDDL4001: {
    severity: 'error',
    title: 'instance too large to ground',
    description:
      'Grounding expands every CPF for every object tuple and every aggregation over its objects. This instance needs more expression nodes than the limit (5 million by default; `--max-nodes` raises it), or more than 65,536 random expressions. Use fewer objects or restructure large aggregations.',
  },
  RDDL4002: {
    severity: 'error',
    title: 'empty argmin/argmax',
    description: 'argmin_ or argmax_ ranges over a type with no objects in this instance, so it has no value.',
  },
} as const satisfies Record<string, CatalogueEntry>;
