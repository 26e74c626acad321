import { groundingIndex, type Model } from '@rddl/model';

/** `alpha_trans_cost=0`, `risk(a1)=0.02`: set one grounding or (without arguments) every grounding. */
export interface NonFluentOverride {
  readonly name: string;
  readonly args: readonly string[] | undefined;
  readonly value: number | boolean | string;
}

/** Parse `NAME=VALUE` or `NAME(obj, ...)=VALUE`; undefined when malformed. */
export function parseOverride(text: string): NonFluentOverride | undefined {
  const m = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*(?:\(([^()]*)\))?\s*=\s*(.+?)\s*$/.exec(text);
  if (!m) return undefined;
  const raw = m[3]!;
  const value = raw === 'true' ? true : raw === 'false' ? false : /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw) ? Number(raw) : raw;
  const args = m[2] === undefined ? undefined : m[2].split(',').map((s) => s.trim()).filter((s) => s !== '');
  return { name: m[1]!, args, value };
}

/**
 * A copy of the model with some non-fluents changed. Only the model a
 * planner plans with is changed this way, never the one it is evaluated on.
 * Throws an Error with a clear message for unknown names, objects or values.
 */
export function withNonFluents(model: Model, overrides: readonly NonFluentOverride[]): Model {
  if (overrides.length === 0) return model;
  const values = new Map(model.nonFluentValues);
  for (const o of overrides) {
    const p = model.pvariablesByName.get(o.name);
    if (!p || p.kind !== 'non-fluent') {
      const known = model.pvariables.filter((x) => x.kind === 'non-fluent').map((x) => x.name);
      throw new Error(`'${o.name}' is not a non-fluent of this domain (non-fluents: ${known.join(', ') || 'none'})`);
    }
    const encoded = encodeValue(p.range, o.value, o.name);
    const array = Float64Array.from(values.get(o.name)!);
    if (o.args === undefined) array.fill(encoded);
    else {
      if (o.args.length !== p.parameters.length) throw new Error(`'${o.name}' takes ${p.parameters.length} arguments, not ${o.args.length}`);
      const indices = o.args.map((a, i) => {
        const index = p.parameters[i]!.values.indexOf(a.replace(/^[@$]/, ''));
        if (index < 0) throw new Error(`'${a}' is not a value of type '${p.parameters[i]!.name}'`);
        return index;
      });
      array[groundingIndex(p.parameters, indices)] = encoded;
    }
    values.set(o.name, array);
  }
  return { ...model, nonFluentValues: values };
}

function encodeValue(range: Model['pvariables'][number]['range'], value: number | boolean | string, name: string): number {
  if (range.kind === 'finite') {
    const index = typeof value === 'string' ? range.type.values.indexOf(value.replace(/^[@$]/, '')) : -1;
    if (index < 0) throw new Error(`'${name}' takes a value of '${range.type.name}', not '${String(value)}'`);
    return index;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') throw new Error(`'${name}' takes a number, not '${value}'`);
  if (range.kind === 'int' && !Number.isInteger(value)) throw new Error(`'${name}' is an int, not ${value}`);
  if (range.kind === 'bool' && value !== 0 && value !== 1) throw new Error(`'${name}' is a bool: give true or false`);
  return value;
}
