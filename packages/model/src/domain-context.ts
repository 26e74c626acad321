import { createDiagnostic, type Diagnostic, type Span } from '@rddl/core';
import type { DomainBlock, ObjectsDeclaration, TypeDeclaration } from '@rddl/syntax';
import { encodeConstant } from './constants.js';
import { withArticle } from './suggest.js';
import { boolType, intType, realType, type FiniteType, type PVariable, type ValueType } from './types.js';

/** Objects declared by an instance (and its non-fluents), per type name. */
export type ObjectDeclarations = ReadonlyMap<string, readonly { readonly name: string; readonly span: Span }[]>;

/** The resolved declarations of a domain: its types (with objects, when an instance gives them) and pvariables. */
export interface DomainContext {
  readonly domain: DomainBlock;
  readonly types: ReadonlyMap<string, FiniteType>;
  readonly pvariables: ReadonlyMap<string, PVariable>;
  /** Finite types that contain a value of this name (enum values and objects), for resolving `@x`, `$x` and bare names. */
  readonly valueOwners: ReadonlyMap<string, readonly FiniteType[]>;
  /** False when checking a domain on its own: object names cannot be checked then. */
  readonly objectsKnown: boolean;
  findValue(type: FiniteType, name: string): number | undefined;
  /** Is `sub` the same type as `sup` or a descendant of it? */
  isSubtype(sub: FiniteType, sup: FiniteType): boolean;
}

// A Map, not an object literal: a type named `constructor` must not find Object.prototype.constructor.
const builtinRanges: ReadonlyMap<string, ValueType> = new Map([
  ['bool', boolType],
  ['int', intType],
  ['real', realType],
]);

export function buildDomainContext(domain: DomainBlock, objects: ObjectDeclarations | undefined, diagnostics: Diagnostic[]): DomainContext {
  const types = buildTypes(domain, objects, diagnostics);
  const valueIndexes = new Map<FiniteType, Map<string, number>>();
  const valueOwners = new Map<string, FiniteType[]>();
  for (const type of types.values()) {
    const index = new Map<string, number>();
    type.values.forEach((v, i) => index.set(v, i));
    valueIndexes.set(type, index);
    for (const v of type.values) {
      const owners = valueOwners.get(v) ?? [];
      owners.push(type);
      valueOwners.set(v, owners);
    }
  }
  const isSubtype = (sub: FiniteType, sup: FiniteType): boolean => {
    for (let t: FiniteType | undefined = sub; t; t = t.parent) if (t === sup) return true;
    return false;
  };
  const partial = {
    domain,
    types,
    valueOwners,
    objectsKnown: objects !== undefined,
    findValue: (type: FiniteType, name: string) => valueIndexes.get(type)?.get(name),
    isSubtype,
  };
  const pvariables = buildPVariables(domain, partial, diagnostics);
  return { ...partial, pvariables };
}

/** Object and enum types; an object type's values are its own objects, then its subtypes' objects. */
function buildTypes(domain: DomainBlock, objects: ObjectDeclarations | undefined, diagnostics: Diagnostic[]): Map<string, FiniteType> {
  const declarations = new Map<string, TypeDeclaration>();
  for (const decl of domain.types?.list ?? []) {
    const name = decl.name.name;
    const first = declarations.get(name);
    if (first) {
      diagnostics.push(
        createDiagnostic('RDDL2001', decl.name.span, `type '${name}' is declared twice`, { related: [{ message: 'first declaration', span: first.name.span }] }),
      );
      continue;
    }
    if (builtinRanges.has(name)) {
      diagnostics.push(createDiagnostic('RDDL2001', decl.name.span, `'${name}' is a built-in type and cannot be redeclared`));
      continue;
    }
    declarations.set(name, decl);
  }

  // Resolve parents, rejecting unknown parents, enum parents and cycles.
  const parentOf = new Map<string, string | undefined>();
  for (const [name, decl] of declarations) {
    if (decl.definition.kind !== 'parent') continue;
    const parentName = decl.definition.parent.name;
    const parent = declarations.get(parentName);
    if (!parent) {
      diagnostics.push(createDiagnostic('RDDL2002', decl.definition.parent.span, `undefined type '${parentName}'`));
    } else if (parent.definition.kind === 'enum') {
      diagnostics.push(createDiagnostic('RDDL2008', decl.definition.parent.span, `type '${name}' cannot extend enum type '${parentName}'`));
    } else parentOf.set(name, parentName);
  }
  for (const name of parentOf.keys()) {
    const seen = new Set<string>([name]);
    for (let p = parentOf.get(name); p !== undefined; p = parentOf.get(p)) {
      if (seen.has(p)) {
        const decl = declarations.get(name)!;
        diagnostics.push(createDiagnostic('RDDL2008', decl.name.span, `type '${name}' inherits from itself (${[...seen, p].join(' -> ')})`));
        parentOf.delete(name);
        break;
      }
      seen.add(p);
    }
  }

  // Own values of each type.
  const own = new Map<string, string[]>();
  for (const [name, decl] of declarations) {
    if (decl.definition.kind === 'enum') {
      const values: string[] = [];
      for (const v of decl.definition.values) {
        const value = v.name.slice(1);
        if (values.includes(value)) diagnostics.push(createDiagnostic('RDDL2001', v.span, `enum value '${v.name}' is listed twice in '${name}'`));
        else values.push(value);
      }
      own.set(name, values);
    } else own.set(name, (objects?.get(name) ?? []).map((o) => o.name));
  }
  const children = new Map<string, string[]>();
  for (const [child, parent] of parentOf) if (parent) children.set(parent, [...(children.get(parent) ?? []), child]);

  const built = new Map<string, FiniteType>();
  const build = (name: string): FiniteType => {
    const existing = built.get(name);
    if (existing) return existing;
    const decl = declarations.get(name)!;
    const parentName = parentOf.get(name);
    const type: { -readonly [K in keyof FiniteType]: FiniteType[K] } = {
      name,
      kind: decl.definition.kind === 'enum' ? 'enum' : 'object',
      values: [],
      parent: undefined,
      span: decl.name.span,
    };
    built.set(name, type);
    type.parent = parentName ? build(parentName) : undefined;
    return type;
  };
  for (const name of declarations.keys()) build(name);
  const collect = (name: string): string[] => [...(own.get(name) ?? []), ...(children.get(name) ?? []).flatMap(collect)];
  for (const [name, type] of built) (type as { values: readonly string[] }).values = collect(name);
  return built;
}

/** Check an instance's `objects` sections against the domain's types (RDDL3015) and gather them. */
export function collectObjects(
  domain: DomainBlock,
  sections: readonly (readonly ObjectsDeclaration[])[],
  diagnostics: Diagnostic[],
): Map<string, { name: string; span: Span }[]> {
  const kinds = new Map((domain.types?.list ?? []).map((t) => [t.name.name, t.definition.kind]));
  const out = new Map<string, { name: string; span: Span }[]>();
  const seen = new Map<string, Span>();
  for (const list of sections) {
    for (const decl of list) {
      const typeName = decl.type.name;
      const kind = kinds.get(typeName);
      if (kind === undefined) {
        diagnostics.push(createDiagnostic('RDDL3015', decl.type.span, `objects declared for undeclared type '${typeName}'`));
        continue;
      }
      if (kind === 'enum') {
        diagnostics.push(createDiagnostic('RDDL3015', decl.type.span, `'${typeName}' is an enum type; its values are fixed in the domain, not declared as objects`));
        continue;
      }
      const list2 = out.get(typeName) ?? [];
      for (const obj of decl.objects) {
        const first = seen.get(obj.name);
        if (first) {
          diagnostics.push(
            createDiagnostic('RDDL3015', obj.span, `object '${obj.name}' is declared twice`, { related: [{ message: 'first declaration', span: first }] }),
          );
          continue;
        }
        seen.set(obj.name, obj.span);
        list2.push({ name: obj.name, span: obj.span });
      }
      out.set(typeName, list2);
    }
  }
  return out;
}

function buildPVariables(domain: DomainBlock, context: Omit<DomainContext, 'pvariables'>, diagnostics: Diagnostic[]): Map<string, PVariable> {
  const out = new Map<string, PVariable>();
  const lookupType = (name: string, span: Span, allowBuiltin: boolean): ValueType | undefined => {
    const builtin = builtinRanges.get(name);
    if (builtin) {
      if (allowBuiltin) return builtin;
      diagnostics.push(createDiagnostic('RDDL2002', span, `parameter type '${name}' must be an object or enum type`));
      return undefined;
    }
    const type = context.types.get(name);
    if (!type) {
      diagnostics.push(createDiagnostic('RDDL2002', span, `undefined type '${name}'`));
      return undefined;
    }
    return { kind: 'finite', type };
  };
  let index = 0;
  for (const decl of domain.pvariables?.list ?? []) {
    const name = decl.name.name;
    const first = out.get(name);
    if (first) {
      diagnostics.push(
        createDiagnostic('RDDL2001', decl.name.span, `pvariable '${name}' is declared twice`, { related: [{ message: 'first declaration', span: first.span }] }),
      );
      continue;
    }
    const params: FiniteType[] = [];
    let ok = true;
    for (const p of decl.parameters) {
      const t = lookupType(p.name, p.span, false);
      if (t?.kind === 'finite') params.push(t.type);
      else ok = false;
    }
    const range = lookupType(decl.range.name, decl.range.span, true);
    if (!range || !ok) continue;
    if (decl.level && (decl.fluentKind !== 'interm-fluent' && decl.fluentKind !== 'derived-fluent')) {
      diagnostics.push(createDiagnostic('RDDL1043', decl.level.span, `'level' is only for interm- and derived-fluents; '${name}' is ${withArticle(decl.fluentKind)}`));
    }
    const defaultValue = decl.defaultValue
      ? encodeConstant(decl.defaultValue, range, `default of '${name}'`, context, diagnostics)
      : undefined;
    out.set(name, { name, kind: decl.fluentKind, parameters: params, range, defaultValue, span: decl.name.span, index: index++ });
  }
  return out;
}
