import type { Diagnostic } from '@rddl/core';
import type { DomainBlock, NonFluentsBlock, RddlFile } from '@rddl/syntax';
import { blocksOf, buildModelFromBlocks } from './build-model.js';
import { collectObjects } from './domain-context.js';
import { assignValues } from './instance.js';
import { allInstances, collectProgram, findBlock } from './program.js';
import { resolveDomain } from './resolve-domain.js';

/**
 * Every check `rddl check` runs on files read together: each instance is
 * resolved against its domain and non-fluents; domains and non-fluents blocks
 * that no instance uses are checked on their own. Each problem is reported once.
 */
export function checkProgram(files: readonly RddlFile[]): Diagnostic[] {
  const { program, diagnostics } = collectProgram(files);
  const usedDomains = new Set<DomainBlock>();
  const usedNonFluents = new Set<NonFluentsBlock>();
  for (const instance of allInstances(program)) {
    const blocks = blocksOf(program, instance, diagnostics);
    if (!blocks) continue;
    usedDomains.add(blocks.domain);
    if (blocks.nonFluents) usedNonFluents.add(blocks.nonFluents);
    buildModelFromBlocks(blocks.domain, blocks.nonFluents, blocks.instance, diagnostics);
  }
  for (const nf of [...program.nonFluents.values()].flat()) {
    if (usedNonFluents.has(nf) || !nf.domain) continue;
    const domain = findBlock(program.domains, nf.domain.name.name, nf.span);
    if (!domain || domain === 'ambiguous') continue;
    usedDomains.add(domain);
    const objects = collectObjects(domain, [nf.objects?.list ?? []], diagnostics);
    const { context } = resolveDomain(domain, objects, diagnostics);
    assignValues(context, 'non-fluent', nf.nonFluents?.list ?? [], 'the non-fluents', diagnostics);
  }
  for (const domain of [...program.domains.values()].flat()) {
    if (!usedDomains.has(domain)) resolveDomain(domain, undefined, diagnostics);
  }
  return dedupe(diagnostics);
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.span?.source.path}|${d.span?.start}|${d.span?.end}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
