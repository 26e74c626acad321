import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '@rddl/core';
import { parseRddl, type RddlFile } from '@rddl/syntax';
import { readSource } from './io.js';

export interface LoadedFiles {
  readonly files: RddlFile[];
  /** Paths read, including `domain.rddl` files found beside instances. */
  readonly paths: string[];
  readonly diagnostics: Diagnostic[];
  /** Some file has syntax errors (model checks are then skipped). */
  readonly syntaxErrors: boolean;
}

/**
 * Parse the given files; for each instance whose domain is not among them,
 * also read a `domain.rddl` beside the instance (rddlrepository's layout).
 */
export function loadFiles(paths: readonly string[], cwd: string, options: { keepComments?: boolean } = {}): LoadedFiles {
  const files: RddlFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const read = new Set<string>();
  const all: string[] = [];
  const load = (path: string) => {
    const key = resolve(cwd, path);
    if (read.has(key)) return;
    read.add(key);
    all.push(path);
    const result = parseRddl(readSource(path, cwd), { keepComments: options.keepComments ?? false });
    files.push(result.file);
    diagnostics.push(...result.diagnostics);
  };
  for (const p of paths) load(p);
  const domainNames = new Set(files.flatMap((f) => f.blocks.filter((b) => b.kind === 'Domain').map((b) => b.name.name)));
  for (const file of [...files]) {
    for (const block of file.blocks) {
      if (block.kind !== 'Instance' || !block.domain || domainNames.has(block.domain.name.name)) continue;
      const beside = join(dirname(file.span.source.path), 'domain.rddl');
      if (existsSync(resolve(cwd, beside))) load(beside);
    }
  }
  return { files, paths: all, diagnostics, syntaxErrors: hasErrors(diagnostics) };
}
