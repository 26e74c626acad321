/** Limits that keep hostile input from exhausting time, stack or memory. */
export interface ParseLimits {
  /** Largest file accepted, in characters. */
  readonly maxFileChars: number;
  /** Most tokens accepted in one file. */
  readonly maxTokens: number;
  /** Deepest nesting of brackets, prefix operators and if/aggregation bodies. */
  readonly maxNesting: number;
  /** Deepest expression tree (long operator chains count too). */
  readonly maxExpressionDepth: number;
  /** Most errors reported for one file before giving up (RDDL1022). */
  readonly maxErrors: number;
}

export const defaultParseLimits: ParseLimits = {
  maxFileChars: 16 * 1024 * 1024,
  maxTokens: 4_000_000,
  maxNesting: 256,
  maxExpressionDepth: 1000,
  maxErrors: 100,
};
