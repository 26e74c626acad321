import type { Command } from 'commander';
import { diagnosticToJson, renderDiagnostic, sortDiagnostics, summarizeDiagnostics, type Diagnostic } from '@rddl/core';
import { checkProgram } from '@rddl/model';
import { expandInputs, type CliIo } from '../io.js';
import { loadFiles } from '../load-program.js';

export interface CheckOptions {
  readonly json?: boolean;
  readonly warnings?: boolean;
}

/** Register `rddl check`. */
export function registerCheck(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('check')
    .description('read RDDL files and report every error and warning with file:line:col')
    .argument('<files...>', '.rddl files or directories; files given together are read together')
    .option('--json', 'print the diagnostics as a JSON array on stdout')
    .option('--no-warnings', 'report errors only')
    .addHelpText(
      'after',
      `
Exit status: 0 when no file has an error, 1 when any has, 2 for bad usage.

Examples:
  rddl check domains/
  rddl check domain.rddl instance1.rddl --json`,
    )
    .action((files: string[], options: CheckOptions) => setExit(runCheck(files, options, io)));
}

export function runCheck(paths: readonly string[], options: CheckOptions, io: CliIo): number {
  const files = expandInputs(paths, io.cwd);
  const loaded = loadFiles(files, io.cwd);
  const diagnostics: Diagnostic[] = [...loaded.diagnostics];
  // Names and types are checked once the files read cleanly, so that one
  // syntax error does not cascade into undefined-name errors.
  if (!loaded.syntaxErrors) diagnostics.push(...checkProgram(loaded.files));
  const sorted = sortDiagnostics(diagnostics);
  const shown = options.warnings === false ? sorted.filter((d) => d.severity === 'error') : sorted;
  const failed = diagnostics.some((d) => d.severity === 'error');
  if (options.json) {
    io.stdout(`${JSON.stringify(shown.map(diagnosticToJson), null, 2)}\n`);
  } else {
    for (const d of shown) io.stderr(`${renderDiagnostic(d, { color: io.color })}\n\n`);
    const count = loaded.paths.length;
    const skipped = loaded.syntaxErrors ? ' (name and type checks run once the syntax errors are fixed)' : '';
    const summary = `${count} file${count === 1 ? '' : 's'} checked: ${summarizeDiagnostics(shown)}${skipped}`;
    io.stderr(`${summary}\n`);
  }
  return failed ? 1 : 0;
}
