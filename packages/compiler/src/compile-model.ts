import { createDiagnostic, hasErrors, type Diagnostic } from '@rddl/core';
import { groundingCount, type Condition, type Cpf, type FiniteType, type Model } from '@rddl/model';
import { Grounder, GroundingLimitError, irKind } from './ground.js';
import type { IrKind, IrNode } from './ir.js';
import { buildLayout, type GroundFluent, type Layout } from './layout.js';

/** One ground CPF: the value of `target` for one object tuple. */
export interface GroundCpf {
  /** Where the value goes: next state, interm or observation array. */
  readonly space: 'next' | 'interm' | 'observ';
  readonly index: number;
  readonly fluent: GroundFluent;
  readonly expr: IrNode;
  readonly kind: IrKind;
  /** For enum/object-valued fluents: their type (values are indices into it). */
  readonly finiteType: FiniteType | undefined;
  readonly cpf: Cpf;
}

/** A ground constraint, reward or termination condition (quantifiers expanded). */
export interface GroundCondition {
  readonly expr: IrNode;
  readonly condition: Condition;
}

export interface CompiledModel {
  readonly model: Model;
  readonly layout: Layout;
  /** In evaluation order (by level, then declaration, then grounding). */
  readonly cpfs: readonly GroundCpf[];
  readonly reward: IrNode;
  readonly invariants: readonly GroundCondition[];
  readonly preconditions: readonly GroundCondition[];
  readonly terminations: readonly GroundCondition[];
  readonly initialState: Float64Array;
  /** The noop action: every action fluent at its default. */
  readonly defaultAction: Float64Array;
  readonly horizon: number;
  readonly discount: number;
  readonly maxNondefActions: number;
  /** IR nodes created while grounding (a size measure). */
  readonly nodeCount: number;
}

export interface CompileOptions {
  /** Most IR nodes grounding may create before it stops with RDDL4001. Default 5 million. */
  readonly maxNodes?: number;
}

/** Ground a model into the IR. Never throws on bad input: limits and unsupported cases are diagnostics. */
export function compileModel(model: Model, options: CompileOptions = {}): { compiled: CompiledModel | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const layout = buildLayout(model);
  const grounder = new Grounder(model, layout, options.maxNodes ?? 5_000_000, diagnostics);
  try {
    const cpfs: GroundCpf[] = [];
    for (const cpf of model.cpfs) {
      const p = cpf.pvariable;
      const space = p.kind === 'state-fluent' ? 'next' : p.kind === 'observ-fluent' ? 'observ' : 'interm';
      const layoutSpace = space === 'next' ? layout.state : layout[space];
      const offset = layoutSpace.offsets.get(p.name)!;
      const env = new Int32Array(Math.max(1, cpf.slotCount));
      const n = groundingCount(p);
      for (let g = 0; g < n; g++) {
        // Bind the head's parameters to the grounding's value indices.
        let rest = g;
        for (let i = p.parameters.length - 1; i >= 0; i--) {
          const size = p.parameters[i]!.values.length;
          env[cpf.parameters[i]!.slot] = rest % size;
          rest = Math.floor(rest / size);
        }
        const expr = grounder.groundAs(cpf.expression, p.range, env, g);
        cpfs.push({
          space,
          index: offset + g,
          fluent: layoutSpace.fluents[offset + g]!,
          expr,
          kind: irKind(p.range),
          finiteType: p.range.kind === 'finite' ? p.range.type : undefined,
          cpf,
        });
      }
    }
    const groundCondition = (condition: Condition): GroundCondition => ({
      expr: grounder.ground(condition.expression, new Int32Array(Math.max(1, condition.slotCount)), 0),
      condition,
    });
    const reward = groundCondition(model.reward).expr;
    const invariants = model.stateInvariants.map(groundCondition);
    const preconditions = model.actionPreconditions.map(groundCondition);
    const terminations = model.termination.map(groundCondition);
    if (hasErrors(diagnostics)) return { compiled: undefined, diagnostics };
    const compiled: CompiledModel = {
      model,
      layout,
      cpfs,
      reward,
      invariants,
      preconditions,
      terminations,
      initialState: flatten(layout.state.fluents, (f) => model.initialState.get(f.pvariable.name)![f.grounding]!),
      defaultAction: flatten(layout.action.fluents, (f) => f.pvariable.defaultValue ?? 0),
      horizon: model.horizon,
      discount: model.discount,
      maxNondefActions: model.maxNondefActions,
      nodeCount: grounder.nodeCount,
    };
    return { compiled, diagnostics };
  } catch (err) {
    if (!(err instanceof GroundingLimitError)) throw err;
    diagnostics.push(
      createDiagnostic('RDDL4001', err.span, `grounding this instance needs more than ${options.maxNodes ?? 5_000_000} expression nodes`, {
        hint: 'use fewer objects, or rewrite large aggregations with interm-fluents',
      }),
    );
    return { compiled: undefined, diagnostics };
  }
}

function flatten(fluents: readonly GroundFluent[], value: (f: GroundFluent) => number): Float64Array {
  const out = new Float64Array(fluents.length);
  fluents.forEach((f, i) => (out[i] = value(f)));
  return out;
}
