import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { hasErrors, renderDiagnostic, SourceFile, type Diagnostic } from '@rddl/core';
import { parseRddl, type RddlFile } from '@rddl/syntax';
import { buildModel, collectProgram, type BuildModelResult, type Model } from '@rddl/model';
import { compileModel, irChildren, type CompiledModel, type CompileOptions, type IrNode } from '@rddl/compiler';
import { corpusRoot, repoRoot } from './corpus.js';

/**
 * Helpers of the model, compiler and simulator tests (test/sim, test/model):
 * build and compile inline RDDL text or corpus files, list corpus instances.
 */

export { corpusRoot, repoRoot };

/** The corpus directory, or a clear failure when it is missing (tests must not pass on nothing). */
export function requireCorpus(): string {
  if (!existsSync(corpusRoot)) {
    throw new Error(`RDDL corpus not found at ${corpusRoot} (expected ../shared/corpus beside the repository)`);
  }
  return corpusRoot;
}

/** Render diagnostics for assertion messages. */
export function render(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => renderDiagnostic(d)).join('\n');
}

/** Parse files given as (path, text); syntax errors throw (the inline domains of the tests must be valid syntax). */
export function parseTexts(texts: readonly { path: string; text: string }[]): RddlFile[] {
  return texts.map(({ path, text }) => {
    const { file, diagnostics } = parseRddl(new SourceFile(path, text));
    if (hasErrors(diagnostics)) throw new Error(`syntax errors in ${path}:\n${render(diagnostics)}`);
    return file;
  });
}

/** buildModel on inline RDDL text (one or several files); diagnostics of collectProgram included. */
export function buildText(text: string | readonly { path: string; text: string }[], instance?: string): BuildModelResult {
  const files = parseTexts(typeof text === 'string' ? [{ path: 'inline.rddl', text }] : text);
  const { program, diagnostics } = collectProgram(files);
  const built = buildModel(program, instance !== undefined ? { instance } : {});
  return { model: built.model, diagnostics: [...diagnostics, ...built.diagnostics] };
}

/** The model of inline RDDL text; throws with the rendered errors when there are any. */
export function modelOf(text: string, instance?: string): Model {
  const built = buildText(text, instance);
  if (!built.model || hasErrors(built.diagnostics)) throw new Error(`model errors:\n${render(built.diagnostics)}`);
  return built.model;
}

/** The compiled model of inline RDDL text; throws with the rendered errors when there are any. */
export function compileText(text: string, options: CompileOptions & { instance?: string } = {}): CompiledModel {
  const model = modelOf(text, options.instance);
  const { compiled, diagnostics } = compileModel(model, options);
  if (!compiled) throw new Error(`compile errors:\n${render(diagnostics)}`);
  return compiled;
}

/** Read files (paths relative to the repository root or absolute) into parsed files; syntax errors throw. */
export function parseFiles(paths: readonly string[]): RddlFile[] {
  return parseTexts(paths.map((p) => ({ path: relative(repoRoot, resolve(repoRoot, p)), text: readFileSync(resolve(repoRoot, p), 'utf8') })));
}

export type LoadOutcome =
  | { readonly stage: 'ok'; readonly compiled: CompiledModel; readonly diagnostics: Diagnostic[] }
  | { readonly stage: 'model' | 'compile'; readonly compiled: undefined; readonly diagnostics: Diagnostic[] };

/** Build and compile one instance of the given files (the real pipeline: parse, collect, build, compile). */
export function loadInstance(paths: readonly string[], instance?: string, options: CompileOptions = {}): LoadOutcome {
  const { program, diagnostics } = collectProgram(parseFiles(paths));
  const built = buildModel(program, instance !== undefined ? { instance } : {});
  const all = [...diagnostics, ...built.diagnostics];
  if (!built.model || hasErrors(all)) return { stage: 'model', compiled: undefined, diagnostics: all };
  const c = compileModel(built.model, options);
  if (!c.compiled) return { stage: 'compile', compiled: undefined, diagnostics: [...all, ...c.diagnostics] };
  return { stage: 'ok', compiled: c.compiled, diagnostics: [...all, ...c.diagnostics] };
}

/** Like loadInstance, but throws with the rendered diagnostics when the instance does not compile. */
export function compileFiles(paths: readonly string[], instance?: string, options: CompileOptions = {}): CompiledModel {
  const out = loadInstance(paths, instance, options);
  if (out.stage !== 'ok') throw new Error(`${paths.join(' ')} (${instance ?? 'the only instance'}) did not ${out.stage === 'model' ? 'build' : 'compile'}:\n${render(out.diagnostics)}`);
  return out.compiled;
}

/** `.rddl` files below a directory, sorted, absolute. */
function rddlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...rddlFilesUnder(full));
    else if (name.endsWith('.rddl')) out.push(full);
  }
  return out;
}

export interface CorpusInstance {
  /** Instance file, relative to the corpus root. */
  readonly file: string;
  /** The domain.rddl beside it, relative to the corpus root (undefined when the instance file holds its domain). */
  readonly domainFile: string | undefined;
  /** Instance name in the file. */
  readonly name: string;
  /** Absolute paths to read together. */
  readonly paths: readonly string[];
}

/**
 * Every instance of the corpus: each instance block of each file that is not
 * a `domain.rddl`, read with the `domain.rddl` beside it (rddlrepository's
 * layout) unless the file holds a domain itself.
 */
export function corpusInstances(): CorpusInstance[] {
  const root = requireCorpus();
  const out: CorpusInstance[] = [];
  for (const path of rddlFilesUnder(root)) {
    if (basename(path) === 'domain.rddl') continue;
    const { file } = parseRddl(new SourceFile(path, readFileSync(path, 'utf8')));
    const instances = file.blocks.filter((b) => b.kind === 'Instance');
    if (instances.length === 0) continue;
    const domainPath = join(dirname(path), 'domain.rddl');
    const ownDomain = file.blocks.some((b) => b.kind === 'Domain');
    const domainFile = !ownDomain && existsSync(domainPath) ? domainPath : undefined;
    for (const inst of instances) {
      out.push({
        file: relative(root, path),
        domainFile: domainFile && relative(root, domainFile),
        name: inst.name.name,
        paths: domainFile ? [domainFile, path] : [path],
      });
    }
  }
  return out;
}

/** Whether any node of the IR (CPFs, reward, constraints) belongs to a vector-sample or matrix group. */
export function usesGroups(compiled: CompiledModel): boolean {
  const seen = new Set<IrNode>();
  const visit = (n: IrNode): boolean => {
    if (n.op === 'vector-component' || n.op === 'matrix-entry') return true;
    if (seen.has(n)) return false;
    seen.add(n);
    return irChildren(n).some(visit);
  };
  const roots = [...compiled.cpfs.map((c) => c.expr), compiled.reward, ...compiled.invariants.map((c) => c.expr), ...compiled.preconditions.map((c) => c.expr), ...compiled.terminations.map((c) => c.expr)];
  return roots.some(visit);
}

/** 1-based line of the start of a diagnostic's span (undefined without a span). */
export function lineOf(d: Diagnostic): number | undefined {
  return d.span ? d.span.source.positionAt(d.span.start).line : undefined;
}

/** 1-based line of the first occurrence of `fragment` in `text` (throws when absent: a test bug). */
export function lineContaining(text: string, fragment: string, occurrence = 1): number {
  let at = -1;
  for (let k = 0; k < occurrence; k++) {
    at = text.indexOf(fragment, at + 1);
    if (at < 0) throw new Error(`'${fragment}' (occurrence ${occurrence}) is not in the text`);
  }
  return text.slice(0, at).split('\n').length;
}

/**
 * A small domain + instance text: `pvariables`, `cpfs` and `reward` are
 * inserted as given; types, objects and the rest are optional.
 */
export interface MiniDomain {
  readonly name?: string;
  readonly types?: string;
  readonly pvariables: string;
  readonly cpfs?: string;
  readonly reward?: string;
  readonly invariants?: string;
  readonly preconditions?: string;
  readonly termination?: string;
  readonly objects?: string;
  readonly nonFluents?: string;
  readonly initState?: string;
  readonly horizon?: number;
  readonly discount?: number;
  readonly maxNondefActions?: string;
}

/** A real literal (RDDL needs `1.0`, not `1`, where a real is meant). */
export function formatReal(x: number): string {
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}

export function miniDomain(d: MiniDomain): string {
  const name = d.name ?? 'mini';
  const section = (keyword: string, body: string | undefined) => (body === undefined ? '' : `    ${keyword} {\n${body}\n    };\n`);
  return [
    `domain ${name} {`,
    section('types', d.types),
    section('pvariables', d.pvariables),
    section('cpfs', d.cpfs ?? ''),
    `    reward = ${d.reward ?? '0'};`,
    section('state-invariants', d.invariants),
    section('action-preconditions', d.preconditions),
    section('termination', d.termination),
    '}',
    '',
    `instance ${name}_inst {`,
    `    domain = ${name};`,
    section('objects', d.objects),
    section('non-fluents', d.nonFluents),
    section('init-state', d.initState),
    `    max-nondef-actions = ${d.maxNondefActions ?? 'pos-inf'};`,
    `    horizon = ${d.horizon ?? 3};`,
    `    discount = ${formatReal(d.discount ?? 1)};`,
    '}',
    '',
  ].join('\n');
}
