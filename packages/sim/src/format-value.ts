import type { GroundFluent } from '@rddl/compiler';

/** A ground fluent's value as RDDL would write it: true/false, @enum, object, or a number. */
export function formatValue(fluent: GroundFluent, value: number): string {
  const range = fluent.pvariable.range;
  if (range.kind === 'bool') return value === 1 ? 'true' : value === 0 ? 'false' : String(value);
  if (range.kind === 'finite') {
    const name = range.type.values[value];
    if (name === undefined) return `<invalid index ${value}>`;
    return range.type.kind === 'enum' ? `@${name}` : name;
  }
  return formatNumber(value);
}

/** Numbers with up to 10 significant digits. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Number(value.toPrecision(10)).toString();
}
