export { SourceFile } from './source-file.js';
export { type Span, spanOf, joinSpans, formatLocation } from './span.js';
export {
  type Diagnostic,
  type DiagnosticJson,
  type DiagnosticOptions,
  type RelatedInformation,
  type Severity,
  createDiagnostic,
  diagnosticToJson,
  hasErrors,
  sortDiagnostics,
} from './diagnostic.js';
export { diagnosticCatalogue, type DiagnosticCode, type CatalogueEntry } from './diagnostic-codes.js';
export {
  type RenderOptions,
  renderDiagnostic,
  renderDiagnostics,
  renderFrame,
  summarizeDiagnostics,
} from './code-frame.js';
export { philox4x32 } from './random/philox.js';
export { type SeedKey, deriveSeedKey } from './random/seed-key.js';
export { CounterStream } from './random/counter-stream.js';
