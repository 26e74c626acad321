/**
 * Structural form of an AST for comparisons: spans, author parentheses and
 * comments removed, so "the same tree, positions aside" is deep equality.
 */
export function stripPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripPositions);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (ignoredKeys.has(key) || v === undefined) continue;
    out[key] = stripPositions(v);
  }
  return out;
}

const ignoredKeys = new Set([
  'span',
  'operatorSpan',
  'fluentKindSpan',
  'parens',
  'leadingComments',
  'trailingComments',
  'danglingComments',
  // Number text may be re-spelled (`1.` and `1.0` are the same number).
  'text',
]);
