import { boolType, intType, realType, type FiniteType, type ValueType } from './types.js';

/** Booleans, ints and reals are numeric (booleans count 0/1, as in pyRDDLGym). */
export function isNumeric(t: ValueType): boolean {
  return t.kind !== 'finite';
}

/** The type of `a + b`-like arithmetic: int when both are int or bool, else real. */
export function widen(a: ValueType, b: ValueType): ValueType {
  return a.kind === 'real' || b.kind === 'real' ? realType : intType;
}

/** Int or real result of an integer-valued operation on bools and ints. */
export function integral(t: ValueType): ValueType {
  return t.kind === 'real' ? realType : intType;
}

export function typeName(t: ValueType): string {
  return t.kind === 'finite' ? `'${t.type.name}'` : t.kind;
}

/** The common type of two branches (if/switch), or undefined when they cannot be unified. */
export function unify(a: ValueType, b: ValueType, isSubtype: (x: FiniteType, y: FiniteType) => boolean): ValueType | undefined {
  if (a.kind === 'finite' || b.kind === 'finite') {
    if (a.kind !== 'finite' || b.kind !== 'finite') return undefined;
    if (isSubtype(a.type, b.type)) return b;
    if (isSubtype(b.type, a.type)) return a;
    return undefined;
  }
  if (a.kind === 'bool' && b.kind === 'bool') return boolType;
  return widen(a, b);
}

/** Whether a value of type `value` may be stored in a fluent of range `range`. */
export function fitsRange(value: ValueType, range: ValueType, isSubtype: (x: FiniteType, y: FiniteType) => boolean): boolean {
  switch (range.kind) {
    case 'real':
      return value.kind !== 'finite';
    case 'int':
      return value.kind === 'int' || value.kind === 'bool';
    case 'bool':
      return value.kind === 'bool';
    case 'finite':
      return value.kind === 'finite' && isSubtype(value.type, range.type);
  }
}
