import type { CatalogueEntry } from './entry.js';

/** 1xxx: reading the text (characters, tokens, grammar, file limits). */
export const syntaxCodes = {
  RDDL1001: {
    severity: 'error',
    title: 'unknown character',
    description:
      'A character that no RDDL token can start with (for example `#`, `%` or a non-ASCII letter outside a comment). The parser reports it and skips it; nothing is silently ignored.',
  },
  RDDL1002: {
    severity: 'error',
    title: 'unterminated block comment',
    description: 'A `/*` comment is never closed by `*/`. Everything up to the end of the file was read as comment.',
  },
  RDDL1003: {
    severity: 'error',
    title: 'malformed number',
    description:
      'A numeric literal that is not a valid number, such as `1e` (exponent without digits) or a literal that overflows to infinity. Write digits after `e`, or use `pos-inf`/`neg-inf` where a default allows them.',
  },
  RDDL1010: {
    severity: 'error',
    title: 'unexpected token',
    description:
      'The parser found a token where the grammar does not allow it; the message says what it expected. The parser then skips ahead to a point where it can resume, so later errors are reported too.',
  },
  RDDL1011: {
    severity: 'error',
    title: 'missing token',
    description:
      'A required token such as `;`, `)` or `}` is missing. The parser assumes it is there and goes on; the caret points where it was expected.',
  },
  RDDL1012: {
    severity: 'error',
    title: 'unexpected end of file',
    description: 'The file ends in the middle of a block or expression (a truncated file, or a missing closing brace).',
  },
  RDDL1013: {
    severity: 'error',
    title: 'expected an expression',
    description: 'An expression was required here (after an operator, in a CPF, in a constraint) but the next token cannot start one.',
  },
  RDDL1014: {
    severity: 'error',
    title: 'expected a block',
    description: 'At the top level of a file only `domain`, `non-fluents` and `instance` blocks may appear.',
  },
  RDDL1020: {
    severity: 'error',
    title: 'expression nested too deeply',
    description:
      'Brackets, prefix operators and the arguments, branches and bodies of expressions may nest at most 256 levels (the brackets around an if condition or an aggregation body do not count, so formatting never makes a file too deep), and an expression tree (long operator chains included) may be at most 1,000 levels deep. Deeper input is rejected with this error instead of exhausting the stack; split the expression with interm-fluents. Real domains stay far below both limits.',
  },
  RDDL1021: {
    severity: 'error',
    title: 'input too large',
    description:
      'The file exceeds the size limit (16 MiB) or the number of tokens the parser accepts (4 million), which keep memory bounded (a 10 MB file needs about 600 MB while parsing). Very large instances should be split into several files.',
  },
  RDDL1022: {
    severity: 'error',
    title: 'too many errors',
    description:
      'Reporting stopped after the maximum number of errors for one file (100); fix the ones shown and run again. Warnings are limited in the same way, and then this diagnostic is itself a warning.',
  },
  RDDL1030: {
    severity: 'warning',
    title: 'hyphenated name read as subtraction',
    description:
      'RDDL names may contain hyphens (`REALLOCATION-PERIOD`), so `a-b` is first read as one name. When the domain declares no pvariable of that name but the pieces between the hyphens are declared parameterless pvariables or whole numbers (the last piece takes any arguments written after the name; in `?t-1` the first piece must be a bound variable), it is read as the subtraction `a - b` and this warning asks you to write the spaces. Arguments of pvariables are object names and are never split.',
  },
  RDDL1031: {
    severity: 'warning',
    title: 'ambiguous hyphenated name',
    description:
      '`a-b` names a declared pvariable, and `a` and `b` are declared too, so `a - b` would also make sense. It is read as the name; write `a - b` with spaces if you meant subtraction.',
  },
  RDDL1032: {
    severity: 'warning',
    title: 'chained implication',
    description:
      '`a => b => c` groups to the left as `(a => b) => c` (as in pyRDDLGym), which is rarely what is meant. Add parentheses to say which grouping you want.',
  },
  RDDL1033: {
    severity: 'warning',
    title: 'aggregation body extends to the right',
    description:
      'The body of an aggregation (`sum_`, `forall_`, `det_`, ...) extends as far to the right as possible: `sum_{?x : t} [f(?x)] + 1` is `sum_{?x : t} ([f(?x)] + 1)`. When the body starts with a bracketed group that is followed by an operator, this warning points it out; wrap the aggregation in parentheses, `(sum_{?x : t} [f(?x)]) + 1`, to add after summing. (`Discrete_` bodies and the `else` branch of an `if` extend the same way, without a warning.)',
  },
  RDDL1040: {
    severity: 'error',
    title: 'duplicate section',
    description: 'A block contains the same section twice (two `cpfs`, two `reward`, two `horizon`, ...).',
  },
  RDDL1041: {
    severity: 'error',
    title: 'invalid constant',
    description:
      'A default value, non-fluent or init-state value, horizon, discount or `max-nondef-actions` must be a literal constant (number, `true`/`false`, `@enum`, object name, `pos-inf`/`neg-inf`), not an expression.',
  },
  RDDL1042: {
    severity: 'warning',
    title: 'unknown requirement',
    description:
      'A name in the `requirements` list is not one of the requirements RDDL defines (concurrent, constrained-state, continuous, cpf-deterministic, integer-valued, intermediate-nodes, multivalued, partially-observed, reward-deterministic, preconditions). Requirements are informational; the domain is still read.',
  },
  RDDL1043: {
    severity: 'error',
    title: 'invalid pvariable declaration',
    description:
      'A pvariable declaration has an unknown kind (must be non-fluent, state-fluent, action-fluent, interm-fluent, derived-fluent or observ-fluent), a repeated attribute, or an attribute its kind cannot have (a `level` on a state-fluent).',
  },
  RDDL1044: {
    severity: 'error',
    title: 'unsupported construct',
    description:
      'A construct that some RDDL dialects accept but this toolkit does not (policy blocks, external `$function[...]` calls). The message names it.',
  },
} as const satisfies Record<string, CatalogueEntry>;
