/** Load an instance through the real pipeline: parseRddl → collectProgram → buildModel → compileModel. */
import { readFileSync } from 'node:fs';
import { SourceFile, type Diagnostic } from '@rddl/core';
import { parseRddl } from '@rddl/syntax';
import { buildModel, collectProgram } from '@rddl/model';
import { compileModel, type CompiledModel } from '@rddl/compiler';

/** A file to read, or `{ path, text }` for instance text generated in memory. */
export type Input = string | { readonly path: string; readonly text: string };

export function compileFiles(inputs: readonly Input[]): CompiledModel {
  const sources = inputs.map((i) => (typeof i === 'string' ? new SourceFile(i, readFileSync(i, 'utf8')) : new SourceFile(i.path, i.text)));
  const errors: Diagnostic[] = [];
  const keep = (ds: readonly Diagnostic[]) => errors.push(...ds.filter((d) => d.severity === 'error'));
  const files = sources.map((s) => {
    const r = parseRddl(s);
    keep(r.diagnostics);
    return r.file;
  });
  const collected = collectProgram(files);
  keep(collected.diagnostics);
  const built = buildModel(collected.program);
  keep(built.diagnostics);
  if (!built.model) throw new Error(`model failed: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  const { compiled, diagnostics } = compileModel(built.model);
  keep(diagnostics);
  if (!compiled || errors.length > 0) throw new Error(`compile failed: ${errors.map((d) => `${d.code} ${d.message}`).join('; ')}`);
  return compiled;
}

/** Values of a non-fluent, all groundings in row-major order. */
export function nonFluent(compiled: CompiledModel, name: string): Float64Array {
  const v = compiled.model.nonFluentValues.get(name);
  if (!v) throw new Error(`no non-fluent '${name}'`);
  return v;
}

/** Number of objects of a type. */
export function objectCount(compiled: CompiledModel, type: string): number {
  const t = compiled.model.types.get(type);
  if (!t) throw new Error(`no type '${type}'`);
  return t.values.length;
}

/** First index of a state or action fluent's groundings in its array. */
export function offsetOf(compiled: CompiledModel, space: 'state' | 'action', name: string): number {
  const o = compiled.layout[space].offsets.get(name);
  if (o === undefined) throw new Error(`no ${space} fluent '${name}'`);
  return o;
}

/** Initial values of a state fluent (a copy). */
export function initialValues(compiled: CompiledModel, name: string): Float64Array {
  const v = compiled.model.initialState.get(name);
  if (!v) throw new Error(`no state fluent '${name}'`);
  return Float64Array.from(v);
}
