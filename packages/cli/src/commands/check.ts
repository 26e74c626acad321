import type { Command } from 'commander';
import { diagnosticToJson, renderDiagnostic, summarizeDiagnostics, type Diagnostic } from '@rddl/core';
import { parseRddl } from '@rddl/syntax';
import { expandInputs, readSource, type CliIo } from '../io.js';

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
  const diagnostics: Diagnostic[] = [];
  for (const path of files) {
    const source = readSource(path, io.cwd);
    diagnostics.push(...parseRddl(source, { keepComments: false }).diagnostics);
  }
  const shown = options.warnings === false ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  const failed = diagnostics.some((d) => d.severity === 'error');
  if (options.json) {
    io.stdout(`${JSON.stringify(shown.map(diagnosticToJson), null, 2)}\n`);
  } else {
    for (const d of shown) io.stderr(`${renderDiagnostic(d, { color: io.color })}\n\n`);
    const summary = `${files.length} file${files.length === 1 ? '' : 's'} checked: ${summarizeDiagnostics(shown)}`;
    io.stderr(`${summary}\n`);
  }
  return failed ? 1 : 0;
}
