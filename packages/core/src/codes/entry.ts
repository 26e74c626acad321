import type { Severity } from '../diagnostic.js';

/** One line of the diagnostic catalogue; `docs/diagnostics.md` is generated from these. */
export interface CatalogueEntry {
  readonly severity: Severity;
  /** Short name of the problem, used as the heading in the docs. */
  readonly title: string;
  /** What triggers it and how to fix it (Markdown, one paragraph). */
  readonly description: string;
}
