import { CliError } from './io.js';

/** A whole number option within [min, max], or a usage error naming the option. */
export function parseCount(value: string | undefined, option: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.trim())) throw new CliError(`${option} takes a whole number, not '${value}'`);
  const n = Number(value);
  if (n < min || n > max) throw new CliError(`${option} must be between ${min} and ${max}, not ${n}`);
  return n;
}

/** A seed: a whole number (or any text, which is hashed). */
export function parseSeed(value: string | undefined): number | string {
  if (value === undefined) return 0;
  return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
}

export function parseChoice<T extends string>(value: string | undefined, option: string, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new CliError(`${option} must be one of ${choices.join(', ')}, not '${value}'`);
  return value as T;
}
