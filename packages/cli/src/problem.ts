import { readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { hasErrors, renderDiagnostic, sortDiagnostics, type Diagnostic } from '@rddl/core';
import { compileModel, type CompiledModel } from '@rddl/compiler';
import { buildModel, collectProgram, type Model } from '@rddl/model';
import { CliError, type CliIo } from './io.js';
import { loadFiles } from './load-program.js';

export interface ProblemOptions {
  /** Instance name (`--instance`). */
  readonly instance?: string;
  /** Grounding limit (`--max-nodes`). */
  readonly maxNodes?: number;
}

export interface Problem {
  readonly model: Model;
  readonly compiled: CompiledModel;
  /** Files read (domain, instance, and any found beside or in instances/). */
  readonly files: readonly string[];
  /** Warnings found on the way (already printed unless `quiet`). */
  readonly warnings: readonly Diagnostic[];
}

/** Print diagnostics to stderr and stop with exit status 1 if any is an error. */
export function reportDiagnostics(diagnostics: readonly Diagnostic[], io: CliIo): void {
  for (const d of sortDiagnostics(diagnostics)) io.stderr(`${renderDiagnostic(d, { color: io.color })}\n\n`);
  if (hasErrors(diagnostics)) throw new CliError('stopped because of the errors above', 1);
}

/**
 * Instance files in `instances/` for a domain file given alone: files named
 * `<domain-file>_*.rddl` or `<domain-file>.rddl` next to the domain's folder
 * or in ./instances, whose instances are for that domain.
 */
function candidateInstanceFiles(domainPath: string, cwd: string): string[] {
  const base = basename(domainPath, '.rddl');
  const dirs = [...new Set([resolve(cwd, dirname(domainPath), '..', 'instances'), resolve(cwd, 'instances')])];
  const out: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    const matching = names.filter((n) => n === `${base}.rddl` || (n.startsWith(`${base}_`) && n.endsWith('.rddl')));
    matching.sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
    for (const n of matching) out.push(join(dir, n));
  }
  return out;
}

/**
 * Load what `rddl simulate`/`solve` need: the files given, plus (when they hold
 * no instance) the matching instance files from `instances/`; choose the
 * instance; build and compile the model. Errors are printed and end the command.
 */
export function loadProblem(paths: readonly string[], options: ProblemOptions, io: CliIo, quiet = false): Problem {
  if (paths.length === 0) throw new CliError('give a domain file (and optionally an instance file)');
  let loaded = loadFiles(paths, io.cwd);
  const instances = () => loaded.files.flatMap((f) => f.blocks.filter((b) => b.kind === 'Instance'));
  const domains = loaded.files.flatMap((f) => f.blocks.filter((b) => b.kind === 'Domain'));
  let note: string | undefined;
  if (instances().length === 0 && domains.length > 0 && !loaded.syntaxErrors) {
    const domainName = domains[0]!.name.name;
    const candidates = candidateInstanceFiles(paths[0]!, io.cwd);
    if (candidates.length > 0) {
      loaded = loadFiles([...paths, ...candidates], io.cwd);
      const forDomain = instances().filter((i) => i.domain?.name.name === domainName);
      if (forDomain.length > 1 && options.instance === undefined) {
        const first = forDomain[0]!;
        note = `using instance '${first.name.name}' (${first.span.source.path}); others: ${forDomain
          .slice(1)
          .map((i) => i.name.name)
          .join(', ')} (choose with --instance NAME or give the instance file)`;
        options = { ...options, instance: first.name.name };
      } else if (forDomain.length === 1 && options.instance === undefined) {
        options = { ...options, instance: forDomain[0]!.name.name };
      }
    }
  }
  if (!quiet) reportDiagnostics(loaded.diagnostics, io);
  else if (hasErrors(loaded.diagnostics)) reportDiagnostics(loaded.diagnostics, io);
  const { program, diagnostics: collectDiagnostics } = collectProgram(loaded.files);
  if (options.instance === undefined && instances().length === 0) {
    throw new CliError(
      `no instance found: ${paths.join(' ')} contain${paths.length === 1 ? 's' : ''} no instance block and there is no matching file in instances/`,
      1,
    );
  }
  const built = buildModel(program, options.instance !== undefined ? { instance: options.instance } : {});
  reportDiagnostics([...collectDiagnostics, ...built.diagnostics.filter((d) => !quiet || d.severity === 'error')], io);
  if (note && !quiet) io.stderr(`note: ${note}\n`);
  const model = built.model!;
  const compiled = compileModel(model, options.maxNodes !== undefined ? { maxNodes: options.maxNodes } : {});
  reportDiagnostics(compiled.diagnostics, io);
  return { model, compiled: compiled.compiled!, files: loaded.paths, warnings: built.diagnostics.filter((d) => d.severity !== 'error') };
}
