import { formatLocation } from '@rddl/core';
import type { RelaxedExpression } from './program/lower.js';
import { relaxationCatalogue } from './relaxations.js';

/**
 * The relaxed expressions, one line per expression and method (groundings
 * counted), for `--option explain=true`. Exact min/max (a subgradient, not a
 * relaxation) are left out.
 */
export function explainRelaxations(relaxed: readonly RelaxedExpression[]): string[] {
  const lines = new Map<string, { entry: RelaxedExpression; lanes: number }>();
  for (const r of relaxed) {
    if (r.construct === 'minmax' && r.method === 'exact') continue;
    const where = r.span ? formatLocation(r.span) : '(generated)';
    const key = `${where}|${r.what}|${r.method}|${r.weight}`;
    const known = lines.get(key);
    if (known) known.lanes += r.lanes;
    else lines.set(key, { entry: r, lanes: r.lanes });
  }
  if (lines.size === 0) return ['no expression needed a relaxation: the relaxed rollouts are the exact model'];
  const out = [`${lines.size} relaxed expression${lines.size === 1 ? '' : 's'} (only those that depend on the actions):`];
  for (const { entry: r, lanes } of lines.values()) {
    const where = r.span ? formatLocation(r.span) : '(generated)';
    const how = relaxationCatalogue[r.construct].describe[r.method] ?? r.method;
    const weight = r.method === 'exact' || ['logic', 'continuous-sampler', 'integer-sampler', 'termination', 'discrete-action'].includes(r.construct) ? '' : `, weight ${r.weight}`;
    const count = r.construct === 'termination' ? `${lanes} condition${lanes === 1 ? '' : 's'}` : `${lanes} grounding${lanes === 1 ? '' : 's'}`;
    out.push(`  ${where}  ${r.what}: ${r.construct}=${r.method}${weight} (${count}): ${how}`);
  }
  return out;
}
