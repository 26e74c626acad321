import { irChildren, type CompiledModel, type IrNode } from '@rddl/compiler';

/**
 * Indices (into `compiled.cpfs`) of the CPFs a step needs: every next-state
 * CPF, and the interm and observation CPFs that the roots or they read.
 * Observations nobody reads are not computed.
 */
export function neededCpfs(compiled: CompiledModel, roots: readonly IrNode[]): Set<number> {
  const bySlot = new Map<string, number>();
  compiled.cpfs.forEach((c, i) => bySlot.set(`${c.space}:${c.index}`, i));
  const needed = new Set<number>();
  const seen = new Set<IrNode>();
  const stack: IrNode[] = [...roots];
  const need = (i: number) => {
    if (needed.has(i)) return;
    needed.add(i);
    stack.push(compiled.cpfs[i]!.expr);
  };
  compiled.cpfs.forEach((c, i) => {
    if (c.space === 'next') need(i);
  });
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.op === 'ref' && n.space !== 'state' && n.space !== 'action') {
      const i = bySlot.get(`${n.space}:${n.index}`);
      if (i !== undefined) need(i);
    }
    if (n.op === 'vector-component') for (const p of n.group.params) stack.push(...p);
    else if (n.op === 'matrix-entry') stack.push(...n.group.entries);
    else stack.push(...irChildren(n));
  }
  return needed;
}
