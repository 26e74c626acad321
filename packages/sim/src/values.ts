import type { SpaceLayout } from '@rddl/compiler';

/** A value as users see it: booleans, numbers, or enum/object names (enums with '@'). */
export type FluentValue = boolean | number | string;

/** `{ price___a0: 10, running___c1: true }`: pyRDDLGym's flat form. */
export type FlatValues = Record<string, FluentValue>;

/** `{ price: { a0: 10 }, running: { c1: true }, horizon-left: 3 }`: nested by pvariable and objects. */
export interface NestedValues {
  [name: string]: FluentValue | NestedValues;
}

function decode(layout: SpaceLayout, i: number, v: number): FluentValue {
  const range = layout.fluents[i]!.pvariable.range;
  if (range.kind === 'bool') return v !== 0;
  if (range.kind === 'finite') {
    const name = range.type.values[v] ?? String(v);
    return range.type.kind === 'enum' ? `@${name}` : name;
  }
  return v;
}

/** Encode one value for a ground fluent; throws a message when it does not fit. */
function encode(layout: SpaceLayout, i: number, value: FluentValue): number {
  const f = layout.fluents[i]!;
  const range = f.pvariable.range;
  if (range.kind === 'finite') {
    const name = typeof value === 'string' ? value.replace(/^[@$]/, '') : undefined;
    const index = name === undefined ? -1 : range.type.values.indexOf(name);
    if (index < 0) throw new Error(`'${f.name}' takes a value of '${range.type.name}', not ${JSON.stringify(value)}`);
    return index;
  }
  const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
  let n: number;
  if (typeof value === 'boolean') n = value ? 1 : 0;
  else if (typeof value === 'number') n = value;
  else if (value === 'true' || value === 'false') n = value === 'true' ? 1 : 0;
  else {
    n = value.trim() === '' ? Number.NaN : Number(value);
    if (Number.isNaN(n) && range.kind !== 'bool') throw new Error(`'${f.name}' takes a number, not ${shown}`);
  }
  if (range.kind === 'bool' && n !== 0 && n !== 1) throw new Error(`'${f.name}' takes true or false, not ${shown}`);
  if (!Number.isFinite(n)) throw new Error(`'${f.name}' takes a finite number, not ${shown}`);
  if (range.kind === 'int' && !Number.isInteger(n)) throw new Error(`'${f.name}' takes a whole number, not ${shown}`);
  return n;
}

export function toFlat(layout: SpaceLayout, values: ArrayLike<number>): FlatValues {
  const out: FlatValues = {};
  layout.fluents.forEach((f, i) => (out[f.name] = decode(layout, i, values[i]!)));
  return out;
}

export function toNested(layout: SpaceLayout, values: ArrayLike<number>): NestedValues {
  const out: NestedValues = {};
  layout.fluents.forEach((f, i) => {
    const v = decode(layout, i, values[i]!);
    if (f.objects.length === 0) {
      out[f.pvariable.name] = v;
      return;
    }
    let node = (out[f.pvariable.name] ??= {}) as NestedValues;
    f.objects.forEach((o, k) => {
      if (k === f.objects.length - 1) node[o] = v;
      else node = (node[o] ??= {}) as NestedValues;
    });
  });
  return out;
}

/**
 * Fill `out` (pre-filled with defaults) from values given flat, nested, or
 * mixed: `{ price___a0: 10 }`, `{ price: { a0: 10 } }`, `{ 'price(a0)': 10 }`.
 * Unknown names and values that do not fit throw an Error with a clear message.
 */
export function fromValues(layout: SpaceLayout, values: FlatValues | NestedValues, out: Float64Array): Float64Array {
  const assign = (groundName: string, value: FluentValue) => {
    const i = layout.byName.get(groundName);
    if (i === undefined) throw new Error(`unknown fluent '${groundName}'`);
    out[i] = encode(layout, i, value);
  };
  for (const [key, value] of Object.entries(values)) {
    const call = /^([^()]+)\(([^()]*)\)$/.exec(key);
    if (call) {
      // Arguments as RDDL writes them: objects with or without '$', enum values with '@' (ground names have neither).
      const args = call[2]!.split(',').map((s) => s.trim().replace(/^[@$]/, '')).filter((s) => s !== '');
      assign(args.length ? `${call[1]}___${args.join('__')}` : call[1]!, value as FluentValue);
    } else if (value !== null && typeof value === 'object') {
      const walk = (prefix: string[], node: NestedValues) => {
        for (const [k, v] of Object.entries(node)) {
          if (v !== null && typeof v === 'object') walk([...prefix, k], v);
          else assign(`${key}___${[...prefix, k].map((o) => o.replace(/^[@$]/, '')).join('__')}`, v);
        }
      };
      walk([], value);
    } else assign(key, value);
  }
  return out;
}
