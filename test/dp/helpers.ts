import { join } from 'node:path';
import type { CompiledModel } from '@rddl/compiler';
import { compileFiles, corpusRoot, requireCorpus } from '../support/sim-helpers.js';

const cache = new Map<string, CompiledModel>();

/** A domain of the repository with its instance file (compiled once per test file). */
export function financeInstance(domain: string, instance: string): CompiledModel {
  const key = `${domain}|${instance}`;
  let c = cache.get(key);
  if (!c) {
    c = compileFiles([`domains/${domain}.rddl`, `instances/${instance}.rddl`]);
    cache.set(key, c);
  }
  return c;
}

/** An instance of the shared corpus (rddlrepository layout: domain.rddl beside the instance). */
export function corpusInstance(path: string): CompiledModel {
  requireCorpus();
  const full = join(corpusRoot, 'rddlrepository', path);
  return compileFiles([join(full, '..', 'domain.rddl'), full]);
}
