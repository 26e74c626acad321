import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceFile } from '@rddl/core';

/** The repository root (test paths and goldens are relative to it). */
export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The shared corpus of real RDDL files, outside the repository. */
export const corpusRoot = resolve(repoRoot, '../shared/corpus');

/** `.rddl` files below a directory, sorted, as absolute paths. */
export function rddlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...rddlFilesUnder(full));
    else if (name.endsWith('.rddl')) out.push(full);
  }
  return out;
}

/**
 * Every corpus file, read (paths relative to the repository root). Throws
 * with a clear message when the corpus is missing: tests that need it fail
 * rather than pass vacuously.
 */
export function readCorpus(): SourceFile[] {
  if (!existsSync(corpusRoot)) {
    throw new Error(`RDDL corpus not found at ${corpusRoot} (expected ../shared/corpus beside the repository)`);
  }
  const files = rddlFilesUnder(corpusRoot);
  if (files.length === 0) throw new Error(`no .rddl files under ${corpusRoot}`);
  return files.map((f) => new SourceFile(relative(repoRoot, f), readFileSync(f, 'utf8')));
}
