import { createDiagnostic, type Diagnostic, type Span } from '@rddl/core';
import type { DomainBlock, InstanceBlock, NonFluentsBlock, RddlFile } from '@rddl/syntax';

/**
 * The blocks of several files read together, indexed by name. The same name
 * may appear in different files (rddlrepository keeps many `domain.rddl`
 * files, and its instance files reuse non-fluents names); a reference is
 * resolved to the block in the same file first, then the same directory.
 */
export interface Program {
  readonly domains: ReadonlyMap<string, readonly DomainBlock[]>;
  readonly nonFluents: ReadonlyMap<string, readonly NonFluentsBlock[]>;
  readonly instances: ReadonlyMap<string, readonly InstanceBlock[]>;
}

function directoryOf(span: Span): string {
  const path = span.source.path.replace(/\\/g, '/');
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Index the blocks of the given files; a name used twice in one file is RDDL2001. */
export function collectProgram(files: readonly RddlFile[]): { program: Program; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const domains = new Map<string, DomainBlock[]>();
  const nonFluents = new Map<string, NonFluentsBlock[]>();
  const instances = new Map<string, InstanceBlock[]>();
  const add = <T extends DomainBlock | NonFluentsBlock | InstanceBlock>(map: Map<string, T[]>, block: T, what: string) => {
    const list = map.get(block.name.name) ?? [];
    const clash = list.find((b) => b.span.source === block.span.source);
    if (clash) {
      diagnostics.push(
        createDiagnostic('RDDL2001', block.name.span, `${what} '${block.name.name}' is defined twice`, {
          related: [{ message: 'first definition', span: clash.name.span }],
        }),
      );
      return;
    }
    list.push(block);
    map.set(block.name.name, list);
  };
  for (const file of files) {
    for (const block of file.blocks) {
      if (block.kind === 'Domain') add(domains, block, 'domain');
      else if (block.kind === 'NonFluents') add(nonFluents, block, 'non-fluents block');
      else add(instances, block, 'instance');
    }
  }
  return { program: { domains, nonFluents, instances }, diagnostics };
}

/**
 * The block named `name` for a reference made at `from`: the one in the same
 * file, else in the same directory, else the only one; `'ambiguous'` when
 * several remain.
 */
export function findBlock<T extends { span: Span }>(
  map: ReadonlyMap<string, readonly T[]>,
  name: string,
  from: Span,
): T | 'ambiguous' | undefined {
  const list = map.get(name);
  if (!list || list.length === 0) return undefined;
  if (list.length === 1) return list[0];
  const sameFile = list.filter((b) => b.span.source === from.source);
  if (sameFile.length === 1) return sameFile[0];
  const near = list.filter((b) => directoryOf(b.span) === directoryOf(from));
  return near.length === 1 ? near[0] : 'ambiguous';
}

/** Every instance of the program, in file order. */
export function allInstances(program: Program): InstanceBlock[] {
  return [...program.instances.values()].flat();
}
