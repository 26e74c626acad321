import type { ConstraintList, DomainBlock, Expression, InstanceBlock, RddlFile } from './ast.js';

/**
 * The places where expressions hang off blocks (CPFs, reward, constraint
 * lists, terminate-when). `params` are the variables a CPF head binds.
 */
export type RootMapper = (expr: Expression, params: readonly string[]) => Expression;

export function mapDomainExpressions(domain: DomainBlock, fn: RootMapper): DomainBlock {
  const list = (c: ConstraintList | undefined): ConstraintList | undefined =>
    c ? { ...c, list: c.list.map((e) => fn(e, [])) } : undefined;
  return {
    ...domain,
    cpfs: domain.cpfs
      ? {
          ...domain.cpfs,
          list: domain.cpfs.list.map((d) => ({
            ...d,
            expression: fn(
              d.expression,
              d.parameters.map((p) => p.name),
            ),
          })),
        }
      : undefined,
    reward: domain.reward ? { ...domain.reward, expression: fn(domain.reward.expression, []) } : undefined,
    stateInvariants: list(domain.stateInvariants),
    actionPreconditions: list(domain.actionPreconditions),
    stateActionConstraints: list(domain.stateActionConstraints),
    termination: list(domain.termination),
  };
}

export function mapInstanceExpressions(instance: InstanceBlock, fn: RootMapper): InstanceBlock {
  if (!instance.horizon || !('terminateWhen' in instance.horizon)) return instance;
  return { ...instance, horizon: { ...instance.horizon, terminateWhen: fn(instance.horizon.terminateWhen, []) } };
}

export function mapFileExpressions(file: RddlFile, fn: RootMapper): RddlFile {
  return {
    ...file,
    blocks: file.blocks.map((b) =>
      b.kind === 'Domain' ? mapDomainExpressions(b, fn) : b.kind === 'Instance' ? mapInstanceExpressions(b, fn) : b,
    ),
  };
}
