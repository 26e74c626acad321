import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { SourceFile } from '@rddl/core';

/** Everything the commands need from the outside world, so tests can run them in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  /** Colours in diagnostics (stderr is a terminal and NO_COLOR is unset). */
  readonly color: boolean;
  /** Whether stderr is an interactive terminal (progress bars). */
  readonly interactive: boolean;
}

/** A problem with the command line or the files it names: message printed, exit code 2 (usage) or 1. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}

/** Largest file `rddl` reads; bigger ones are refused before reading (the parser has its own limit). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** Expand directories to the `.rddl` files below them (sorted), keep files as given. */
export function expandInputs(paths: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let stat;
    try {
      stat = statSync(abs);
    } catch {
      throw new CliError(`cannot read '${p}': no such file or directory`, 1);
    }
    if (stat.isDirectory()) {
      const found = walkRddl(abs).map((f) => relativeOrAbsolute(f, cwd));
      if (found.length === 0) throw new CliError(`no .rddl files under '${p}'`, 1);
      out.push(...found);
    } else out.push(p);
  }
  return out;
}

function walkRddl(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) files.push(...walkRddl(full));
    else if (entry.isFile() && entry.name.endsWith('.rddl')) files.push(full);
  }
  return files;
}

function relativeOrAbsolute(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : rel;
}

/** Read a source file for parsing (size-checked, UTF-8, byte-order mark removed). */
export function readSource(path: string, cwd: string): SourceFile {
  const abs = resolve(cwd, path);
  let size: number;
  try {
    const stat = statSync(abs);
    if (stat.isDirectory()) throw new CliError(`'${path}' is a directory; give .rddl files`, 1);
    size = stat.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot read '${path}': no such file or directory`, 1);
  }
  if (size > MAX_INPUT_BYTES) {
    throw new CliError(`'${path}' is ${(size / 1048576).toFixed(1)} MiB; the limit is ${MAX_INPUT_BYTES / 1048576} MiB`, 1);
  }
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read '${path}': ${(err as Error).message}`, 1);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return new SourceFile(path, text);
}

export function writeText(path: string, cwd: string, text: string): void {
  writeFileSync(resolve(cwd, path), text, 'utf8');
}
