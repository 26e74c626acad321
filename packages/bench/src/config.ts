import { parseBudget, parseOverride } from '@rddl/planning';

/** One instance of a benchmark: a domain file, an instance file or name. */
export interface BenchInstance {
  readonly domain: string;
  /** Instance file (when the domain file holds none). */
  readonly instance?: string;
  /** Instance name (when the files hold several). */
  readonly name?: string;
  /** Label in reports (default: the instance name or file). */
  readonly label?: string;
}

/** One planner configuration of a benchmark. */
export interface BenchPlanner {
  readonly planner: string;
  readonly label?: string;
  readonly budget?: string;
  readonly options?: Record<string, unknown>;
  /** Non-fluent overrides for the planning model only (NAME=VALUE). */
  readonly overrides?: readonly string[];
  /** The constant planner's action. */
  readonly action?: string;
}

export interface BenchConfig {
  readonly name: string;
  /** Evaluation episodes per run. */
  readonly episodes: number;
  /** Seeds: each is a separate run per (instance, planner); episodes pair up across planners. */
  readonly seeds: readonly (number | string)[];
  /** A run taking longer than this is stopped and recorded as a timeout. */
  readonly timeLimitSeconds: number;
  readonly instances: readonly BenchInstance[];
  readonly planners: readonly BenchPlanner[];
  /** State pvariables whose mean trajectory is recorded for charts (e.g. asset weights). */
  readonly track: readonly string[];
  /** Planner labels that score 0 in the IPPC-style score (default: noop and random when present). */
  readonly baselines: readonly string[] | undefined;
  /** Worker threads a planner inside a run may use (default 1, so runs parallelise instead). */
  readonly plannerWorkers: number;
}

/** A run: one planner on one instance with one seed. */
export interface RunSpec {
  /** Stable identity, used to resume: `instance|planner|seed`. */
  readonly id: string;
  readonly instance: BenchInstance & { readonly label: string };
  readonly planner: BenchPlanner & { readonly label: string };
  readonly seed: number | string;
  readonly episodes: number;
  readonly track: readonly string[];
  readonly plannerWorkers: number;
}

const topKeys = new Set(['name', 'episodes', 'seeds', 'timeLimitSeconds', 'instances', 'planners', 'track', 'baselines', 'plannerWorkers']);
const instanceKeys = new Set(['domain', 'instance', 'name', 'label']);
const plannerKeys = new Set(['planner', 'label', 'budget', 'options', 'overrides', 'action']);

/** Validate a parsed JSON/YAML config; every problem is reported with its path. */
export function validateConfig(raw: unknown): { config: BenchConfig } | { errors: string[] } {
  const errors: string[] = [];
  const obj = (v: unknown, path: string): Record<string, unknown> | undefined => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    errors.push(`${path} must be an object`);
    return undefined;
  };
  const unknownKeys = (o: Record<string, unknown>, known: Set<string>, path: string) => {
    for (const k of Object.keys(o)) if (!known.has(k)) errors.push(`${path}: unknown key '${k}' (known: ${[...known].join(', ')})`);
  };
  const root = obj(raw, 'the config');
  if (!root) return { errors };
  unknownKeys(root, topKeys, 'the config');
  const positiveInt = (v: unknown, path: string, fallback: number): number => {
    if (v === undefined) return fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
      errors.push(`${path} must be a whole number of at least 1`);
      return fallback;
    }
    return v;
  };
  const stringList = (v: unknown, path: string): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
      errors.push(`${path} must be a list of strings`);
      return [];
    }
    return v as string[];
  };
  const episodes = positiveInt(root['episodes'], 'episodes', 30);
  const plannerWorkers = positiveInt(root['plannerWorkers'], 'plannerWorkers', 1);
  const timeLimitSeconds = root['timeLimitSeconds'] === undefined ? 1800 : typeof root['timeLimitSeconds'] === 'number' && root['timeLimitSeconds'] > 0 ? root['timeLimitSeconds'] : (errors.push('timeLimitSeconds must be a positive number'), 1800);
  let seeds: (number | string)[] = [0];
  if (root['seeds'] !== undefined) {
    if (!Array.isArray(root['seeds']) || root['seeds'].length === 0 || !root['seeds'].every((s) => typeof s === 'number' || typeof s === 'string')) errors.push('seeds must be a non-empty list of numbers or strings');
    else seeds = root['seeds'] as (number | string)[];
  }
  const instances: BenchInstance[] = [];
  if (!Array.isArray(root['instances']) || root['instances'].length === 0) errors.push('instances must be a non-empty list');
  else
    root['instances'].forEach((v, i) => {
      const o = obj(v, `instances[${i}]`);
      if (!o) return;
      unknownKeys(o, instanceKeys, `instances[${i}]`);
      if (typeof o['domain'] !== 'string') errors.push(`instances[${i}].domain must be a file path`);
      for (const k of ['instance', 'name', 'label']) if (o[k] !== undefined && typeof o[k] !== 'string') errors.push(`instances[${i}].${k} must be a string`);
      instances.push(o as unknown as BenchInstance);
    });
  const planners: BenchPlanner[] = [];
  if (!Array.isArray(root['planners']) || root['planners'].length === 0) errors.push('planners must be a non-empty list');
  else
    root['planners'].forEach((v, i) => {
      const o = obj(v, `planners[${i}]`);
      if (!o) return;
      unknownKeys(o, plannerKeys, `planners[${i}]`);
      if (typeof o['planner'] !== 'string') errors.push(`planners[${i}].planner must be a planner name`);
      if (o['budget'] !== undefined && (typeof o['budget'] !== 'string' || !parseBudget(o['budget']))) errors.push(`planners[${i}].budget: write iterations (500it) or a time (2s)`);
      if (o['options'] !== undefined) obj(o['options'], `planners[${i}].options`);
      for (const text of stringList(o['overrides'], `planners[${i}].overrides`)) if (!parseOverride(text)) errors.push(`planners[${i}].overrides: cannot read '${text}' (NAME=VALUE)`);
      if (o['action'] !== undefined && typeof o['action'] !== 'string') errors.push(`planners[${i}].action must be a string`);
      planners.push(o as unknown as BenchPlanner);
    });
  const labels = new Set<string>();
  for (const p of planners) {
    const label = p.label ?? p.planner;
    if (labels.has(label)) errors.push(`two planners are labelled '${label}': give them distinct labels`);
    labels.add(label);
  }
  const baselines = root['baselines'] === undefined ? undefined : stringList(root['baselines'], 'baselines');
  for (const b of baselines ?? []) if (!labels.has(b)) errors.push(`baselines: no planner is labelled '${b}'`);
  if (errors.length > 0) return { errors };
  return {
    config: {
      name: typeof root['name'] === 'string' ? root['name'] : 'bench',
      episodes,
      seeds,
      timeLimitSeconds: timeLimitSeconds as number,
      instances,
      planners,
      track: stringList(root['track'], 'track'),
      baselines,
      plannerWorkers,
    },
  };
}

function instanceLabel(i: BenchInstance): string {
  return i.label ?? i.name ?? (i.instance ?? i.domain).replace(/^.*[\\/]/, '').replace(/\.rddl$/, '');
}

/** Every run of the benchmark, in a stable order (instances × planners × seeds). */
export function expandRuns(config: BenchConfig): RunSpec[] {
  const runs: RunSpec[] = [];
  for (const instance of config.instances) {
    const il = instanceLabel(instance);
    for (const planner of config.planners) {
      const pl = planner.label ?? planner.planner;
      for (const seed of config.seeds) {
        runs.push({
          id: `${il}|${pl}|${String(seed)}`,
          instance: { ...instance, label: il },
          planner: { ...planner, label: pl },
          seed,
          episodes: config.episodes,
          track: config.track,
          plannerWorkers: config.plannerWorkers,
        });
      }
    }
  }
  return runs;
}
