import test from 'ava';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { SourceFile, renderDiagnostic } from '@rddl/core';
import { parseRddl, printExpressionText, type Expression } from '@rddl/syntax';
import { expressionArbitrary, expressionHost } from '../support/expression-arbitrary.js';
import { stripPositions } from '../support/ast-compare.js';

// Property: printing any expression tree and parsing the text back gives the
// same tree (positions and brackets aside), in normal and explicit mode.
// Fixed seed, so a failure reproduces; fast-check shrinks it first.

function reparse(expression: Expression, explicit: boolean): { text: string; tree: unknown; errors: string[] } {
  const text = printExpressionText(expression, { explicit });
  const source = new SourceFile('host.rddl', expressionHost.replace('$EXPR', text));
  const { file, diagnostics } = parseRddl(source);
  const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => renderDiagnostic(d));
  const domain = file.blocks[0];
  const tree = domain?.kind === 'Domain' ? domain.cpfs?.list[0]?.expression : undefined;
  return { text, tree: tree && stripPositions(tree), errors };
}

for (const explicit of [false, true]) {
  test(`print → parse gives back any expression tree${explicit ? ' (explicit)' : ''}`, (t) => {
    let runs = 0;
    t.notThrows(() =>
      fc.assert(
        fc.property(expressionArbitrary, (expression) => {
          runs++;
          const { text, tree, errors } = reparse(expression, explicit);
          if (errors.length > 0) throw new Error(`printed as\n${text}\nwhich does not parse:\n${errors.join('\n')}`);
          if (!isDeepStrictEqual(tree, stripPositions(expression))) throw new Error(`printed as\n${text}\nwhich parses to a different tree`);
        }),
        { seed: explicit ? 1_234 : 4_321, numRuns: 2_000 },
      ),
    );
    t.is(runs, 2_000);
  });
}
