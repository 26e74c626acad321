import type { Command } from 'commander';
import { hasErrors, renderDiagnostic } from '@rddl/core';
import { parseRddl, printRddl } from '@rddl/syntax';
import { CliError, expandInputs, readSource, writeText, type CliIo } from '../io.js';

export interface FmtOptions {
  readonly write?: boolean;
  readonly check?: boolean;
  readonly explicit?: boolean;
  readonly width?: string;
}

export function registerFmt(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('fmt')
    .description('print RDDL files in canonical form (comments kept)')
    .argument('<files...>', '.rddl files or directories')
    .option('-w, --write', 'rewrite the files in place instead of printing them')
    .option('--check', 'print nothing; exit 1 if any file is not already formatted')
    .option('--explicit', 'parenthesise every compound sub-expression, to show how each line was read')
    .option('--width <columns>', 'preferred line width', '100')
    .addHelpText(
      'after',
      `
A file with syntax errors is never rewritten: its errors are printed and the
exit status is 1.

Examples:
  rddl fmt domains/asset_allocation.rddl
  rddl fmt --explicit domains/asset_allocation.rddl     # see how each expression groups
  rddl fmt --write domains/ instances/`,
    )
    .action((files: string[], options: FmtOptions) => setExit(runFmt(files, options, io)));
}

export function runFmt(paths: readonly string[], options: FmtOptions, io: CliIo): number {
  const width = Number(options.width ?? '100');
  if (!Number.isInteger(width) || width < 20 || width > 1000) throw new CliError(`--width must be a whole number from 20 to 1000, got '${options.width}'`);
  if (options.write && options.explicit) throw new CliError('--explicit output is for reading; it cannot be combined with --write');
  const files = expandInputs(paths, io.cwd);
  let status = 0;
  for (const path of files) {
    const source = readSource(path, io.cwd);
    const parsed = parseRddl(source);
    if (hasErrors(parsed.diagnostics)) {
      for (const d of parsed.diagnostics) io.stderr(`${renderDiagnostic(d, { color: io.color })}\n\n`);
      io.stderr(`${path}: not formatted because of the errors above\n`);
      status = 1;
      continue;
    }
    const text = printRddl(parsed.file, { explicit: options.explicit ?? false, printWidth: width });
    if (options.check) {
      if (text !== source.text) {
        io.stderr(`${path}: not formatted\n`);
        status = 1;
      }
    } else if (options.write) {
      if (text !== source.text) writeText(path, io.cwd, text);
    } else {
      io.stdout(files.length > 1 ? `// ${path}\n${text}` : text);
    }
  }
  return status;
}
