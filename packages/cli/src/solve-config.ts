import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from './io.js';

/** What `--config FILE` may hold; command-line flags take precedence. */
export interface SolveConfig {
  readonly planner?: string;
  readonly budget?: string;
  readonly episodes?: number;
  readonly seed?: number | string;
  readonly instance?: string;
  readonly workers?: number;
  /** The planner's own options (see `rddl solve --planner NAME --help-options`). */
  readonly options?: Record<string, unknown>;
  /** Non-fluent overrides for the planning model only, `NAME=VALUE`. */
  readonly overrides?: readonly string[];
  /** The fixed action of the constant planner. */
  readonly action?: string;
  /** Baseline planners to compare against (default noop and random). */
  readonly baselines?: readonly string[];
}

const keys = new Set(['planner', 'budget', 'episodes', 'seed', 'instance', 'workers', 'options', 'overrides', 'action', 'baselines']);

export function readConfig(path: string, cwd: string): SolveConfig {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch {
    throw new CliError(`cannot read config file '${path}'`, 1);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CliError(`config file '${path}' is not valid JSON: ${(err as Error).message}`, 1);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new CliError(`config file '${path}' must hold a JSON object`, 1);
  for (const key of Object.keys(json)) {
    if (!keys.has(key)) throw new CliError(`config file '${path}': unknown key '${key}' (known: ${[...keys].join(', ')})`, 1);
  }
  return json as SolveConfig;
}

/**
 * Merge options over a planner's documented defaults; unknown names and
 * values of the wrong type are errors that list what the planner takes.
 */
export function mergeOptions(planner: string, defaults: Record<string, unknown>, given: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(given ?? {})) {
    if (!Object.hasOwn(defaults, key)) {
      const known = Object.keys(defaults);
      throw new CliError(`planner '${planner}' has no option '${key}' (options: ${known.length ? known.join(', ') : 'none'})`);
    }
    const expected = defaults[key];
    if (expected !== undefined && expected !== null && typeof expected !== typeof value) {
      throw new CliError(`option '${key}' of planner '${planner}' takes a ${typeof expected}, not ${JSON.stringify(value)}`);
    }
    out[key] = value;
  }
  return out;
}
