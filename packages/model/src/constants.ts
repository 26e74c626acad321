import { createDiagnostic, type Diagnostic } from '@rddl/core';
import type { Constant } from '@rddl/syntax';
import type { FiniteType, ValueType } from './types.js';

/** How to read a literal constant in a declaration or instance: what range, which names exist. */
export interface ConstantContext {
  /** Look up an object or enum value of the given finite type by name (without '@' or '$'). */
  readonly findValue: (type: FiniteType, name: string) => number | undefined;
  /** Whether object names are known (false when checking a domain without an instance). */
  readonly objectsKnown: boolean;
}

/**
 * Encode a literal constant for a range: booleans as 0/1, numbers as
 * themselves, finite values as their index. Reports RDDL2010 and returns
 * undefined when the constant does not fit.
 */
export function encodeConstant(
  constant: Constant,
  range: ValueType,
  what: string,
  context: ConstantContext,
  diagnostics: Diagnostic[],
): number | undefined {
  const fail = (reason: string) => {
    diagnostics.push(createDiagnostic('RDDL2010', constant.span, `${what}: ${reason}`));
    return undefined;
  };
  const numeric = numericValue(constant);
  switch (range.kind) {
    case 'bool':
      if (constant.kind === 'Boolean') return constant.value ? 1 : 0;
      return fail(`expected true or false for a bool, found ${describe(constant)}`);
    case 'int':
      if (constant.kind === 'Boolean') return constant.value ? 1 : 0;
      if (numeric !== undefined && Number.isInteger(numeric) && isIntegerLiteral(constant)) return numeric;
      return fail(`expected a whole number for an int, found ${describe(constant)}`);
    case 'real':
      if (constant.kind === 'Boolean') return constant.value ? 1 : 0;
      if (numeric !== undefined) return numeric;
      return fail(`expected a number for a real, found ${describe(constant)}`);
    case 'finite': {
      const name =
        constant.kind === 'EnumLiteral'
          ? constant.name.slice(1)
          : constant.kind === 'ObjectLiteral'
            ? constant.name
            : constant.kind === 'PVariable' && !constant.args
              ? constant.name.name
              : undefined;
      if (name === undefined) return fail(`expected a value of type '${range.type.name}', found ${describe(constant)}`);
      const index = context.findValue(range.type, name);
      if (index !== undefined) return index;
      if (range.type.kind === 'object' && !context.objectsKnown) return undefined;
      return fail(`'${name}' is not a value of type '${range.type.name}'${valueList(range.type)}`);
    }
  }
}

function numericValue(c: Constant): number | undefined {
  if (c.kind === 'Number') return c.value;
  if (c.kind === 'Infinity') return c.negative ? -Infinity : Infinity;
  if (c.kind === 'Unary' && c.operand.kind === 'Number') return -c.operand.value;
  return undefined;
}

function isIntegerLiteral(c: Constant): boolean {
  if (c.kind === 'Number') return c.isInteger;
  if (c.kind === 'Unary' && c.operand.kind === 'Number') return c.operand.isInteger;
  return false;
}

function describe(c: Constant): string {
  switch (c.kind) {
    case 'Number':
      return `'${c.text}'`;
    case 'Boolean':
      return `'${c.value}'`;
    case 'Infinity':
      return c.negative ? "'neg-inf'" : "'pos-inf'";
    case 'EnumLiteral':
      return `'${c.name}'`;
    case 'ObjectLiteral':
      return `'$${c.name}'`;
    case 'PVariable':
      return `'${c.name.name}'`;
    case 'Unary':
      return c.operand.kind === 'Number' ? `'-${c.operand.text}'` : 'an expression';
  }
}

/** ` (values: @a, @b, @c)` for short lists, for messages. */
export function valueList(type: FiniteType): string {
  if (type.values.length === 0) return type.kind === 'object' ? ' (the type has no objects)' : '';
  const prefix = type.kind === 'enum' ? '@' : '';
  const shown = type.values.slice(0, 8).map((v) => prefix + v);
  return ` (values: ${shown.join(', ')}${type.values.length > 8 ? ', ...' : ''})`;
}
