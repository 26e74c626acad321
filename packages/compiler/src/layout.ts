import { groundingCount, groundName, groundingValues, type Model, type PVariable } from '@rddl/model';

/** One grounding of a pvariable and where its value lives. */
export interface GroundFluent {
  readonly pvariable: PVariable;
  /** Row-major index of the grounding within its pvariable. */
  readonly grounding: number;
  /** pyRDDLGym's ground name, e.g. `price___a0`. */
  readonly name: string;
  /** Objects (or enum values) of the parameters, e.g. ['a0']. */
  readonly objects: readonly string[];
  /** Position in its space's array. */
  readonly index: number;
}

/** The ground fluents of one kind, laid out in one array (pvariables in declaration order). */
export interface SpaceLayout {
  readonly fluents: readonly GroundFluent[];
  readonly size: number;
  /** First array index of each pvariable's groundings. */
  readonly offsets: ReadonlyMap<string, number>;
  /** Array index by ground name. */
  readonly byName: ReadonlyMap<string, number>;
}

export interface Layout {
  readonly state: SpaceLayout;
  readonly action: SpaceLayout;
  /** Interm- and derived-fluents. */
  readonly interm: SpaceLayout;
  readonly observ: SpaceLayout;
}

function spaceOf(pvariables: readonly PVariable[]): SpaceLayout {
  const fluents: GroundFluent[] = [];
  const offsets = new Map<string, number>();
  const byName = new Map<string, number>();
  for (const p of pvariables) {
    offsets.set(p.name, fluents.length);
    const n = groundingCount(p);
    for (let g = 0; g < n; g++) {
      const index = fluents.length;
      const name = groundName(p, g);
      const objects = groundingValues(p.parameters, g).map((v, i) => p.parameters[i]!.values[v]!);
      fluents.push({ pvariable: p, grounding: g, name, objects, index });
      byName.set(name, index);
    }
  }
  return { fluents, size: fluents.length, offsets, byName };
}

export function buildLayout(model: Model): Layout {
  const of = (...kinds: string[]) => model.pvariables.filter((p) => kinds.includes(p.kind));
  return {
    state: spaceOf(of('state-fluent')),
    action: spaceOf(of('action-fluent')),
    interm: spaceOf(of('interm-fluent', 'derived-fluent')),
    observ: spaceOf(of('observ-fluent')),
  };
}
