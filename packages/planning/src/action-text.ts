import type { CompiledModel } from '@rddl/compiler';

/**
 * Parse a fixed action: `set_weight=0.5` (every grounding), `set_weight(a1)=0.25`,
 * several separated by commas or semicolons, values as numbers, fractions
 * (`1/3`), true/false or @enum values; or a JSON object in the flat or nested
 * form. Unset actions keep their defaults. Throws an Error with a clear message.
 */
export function parseAction(compiled: CompiledModel, text: string): Float64Array {
  const layout = compiled.layout.action;
  const out = Float64Array.from(compiled.defaultAction);
  const trimmed = text.trim();
  const assign = (groundName: string, raw: unknown) => {
    const i = layout.byName.get(groundName);
    if (i === undefined) throw new Error(`unknown action '${groundName}' (actions: ${layout.fluents.map((f) => f.name).slice(0, 8).join(', ')}${layout.size > 8 ? ', ...' : ''})`);
    out[i] = encode(compiled, i, raw);
  };
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (err) {
      throw new Error(`the action is not valid JSON: ${(err as Error).message}`);
    }
    const walk = (prefix: string[], node: unknown) => {
      if (node !== null && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk([...prefix, k], v);
      else assign(prefix.length > 1 ? `${prefix[0]}___${prefix.slice(1).join('__')}` : prefix[0]!, node);
    };
    walk([], json);
    return out;
  }
  for (const part of trimmed.split(/[;,](?![^()]*\))/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z][A-Za-z0-9_-]*)\s*(?:\(([^()]*)\))?\s*=\s*(.+)$/.exec(part);
    if (!m) throw new Error(`cannot read '${part}': write NAME=VALUE or NAME(obj,...)=VALUE`);
    const [, name, args, value] = m;
    if (args !== undefined) {
      const list = args.split(',').map((s) => s.trim()).filter(Boolean);
      assign(list.length ? `${name}___${list.join('__')}` : name!, value);
    } else {
      const matching = layout.fluents.filter((f) => f.pvariable.name === name);
      if (matching.length === 0) assign(name!, value);
      for (const f of matching) assign(f.name, value);
    }
  }
  return out;
}

function encode(compiled: CompiledModel, index: number, raw: unknown): number {
  const f = compiled.layout.action.fluents[index]!;
  const range = f.pvariable.range;
  const text = String(raw).trim();
  if (range.kind === 'finite') {
    const i = range.type.values.indexOf(text.replace(/^[@$]/, ''));
    if (i < 0) throw new Error(`'${f.name}' takes a value of '${range.type.name}', not '${text}'`);
    return i;
  }
  if (text === 'true' || raw === true) return 1;
  if (text === 'false' || raw === false) return 0;
  const fraction = /^([-+]?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(text);
  const value = fraction ? Number(fraction[1]) / Number(fraction[2]) : Number(text);
  if (text === '' || !Number.isFinite(value)) throw new Error(`'${f.name}' takes a number, not '${text}'`);
  return value;
}
