/** Load an instance from files through the real pipeline (parse → model → compile). */
import { readFileSync } from 'node:fs';
import { SourceFile, type Diagnostic } from '@rddl/core';
import { compileModel, type CompiledModel } from '@rddl/compiler';
import { buildModel, collectProgram } from '@rddl/model';
import { parseRddl } from '@rddl/syntax';

export const CORPUS = '../shared/corpus/rddlrepository/competitions';

/** Compile the model of the files (paths relative to the repository root, or `{ path, text }`). */
export function compileFiles(inputs: readonly (string | { path: string; text: string })[], instance?: string): CompiledModel {
  const errors: Diagnostic[] = [];
  const keep = (ds: readonly Diagnostic[]) => errors.push(...ds.filter((d) => d.severity === 'error'));
  const files = inputs.map((i) => {
    const source = typeof i === 'string' ? new SourceFile(i, readFileSync(i, 'utf8')) : new SourceFile(i.path, i.text);
    const r = parseRddl(source);
    keep(r.diagnostics);
    return r.file;
  });
  const collected = collectProgram(files);
  keep(collected.diagnostics);
  const built = buildModel(collected.program, instance !== undefined ? { instance } : {});
  keep(built.diagnostics);
  if (!built.model) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('; '));
  const { compiled, diagnostics } = compileModel(built.model);
  keep(diagnostics);
  if (!compiled) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('; '));
  return compiled;
}

/** A FinRDDL domain with one of its instances (`domains/X.rddl`, `instances/X_N.rddl`). */
export function finance(domain: string, instance = 1): CompiledModel {
  return compileFiles([`domains/${domain}.rddl`, `instances/${domain}_${instance}.rddl`]);
}

/** An IPPC corpus instance, e.g. corpus('IPPC2011/SysAdmin', 1). */
export function corpus(dir: string, instance = 1): CompiledModel {
  return compileFiles([`${CORPUS}/${dir}/MDP/domain.rddl`, `${CORPUS}/${dir}/MDP/instance${instance}.rddl`]);
}
