import type { CatalogueEntry } from './codes/entry.js';
import { syntaxCodes } from './codes/syntax.js';
import { nameCodes } from './codes/names.js';
import { modelCodes } from './codes/model.js';
import { compileCodes } from './codes/compile.js';
import { runtimeCodes } from './codes/runtime.js';

export type { CatalogueEntry } from './codes/entry.js';

/**
 * The one catalogue of numbered diagnostic codes:
 * 1xxx syntax, 2xxx names and types, 3xxx model structure,
 * 4xxx compilation and planner limits, 5xxx runtime.
 */
export const diagnosticCatalogue = {
  ...syntaxCodes,
  ...nameCodes,
  ...modelCodes,
  ...compileCodes,
  ...runtimeCodes,
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof diagnosticCatalogue;
