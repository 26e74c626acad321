import test from 'ava';
import { SourceFile } from '@rddl/core';
import { parseRddl, printExpressionText, printRddl, type Expression, type RddlFile } from '@rddl/syntax';
import { stripPositions } from '../support/ast-compare.js';

// How RDDL text groups, shown by `printExpressionText(e, { explicit: true })`
// (every compound sub-expression parenthesised) and by the tree. The choices
// are documented in docs/language.md.

const host = (expression: string, extraPvariables = '') => `domain d {
    types { t : object; e : { @a, @b }; };
    pvariables {
        a : { state-fluent, real, default = 0.0 };
        b : { state-fluent, real, default = 0.0 };
        c : { state-fluent, real, default = 0.0 };
        REALLOCATION-PERIOD : { non-fluent, int, default = 3 };
        q(t) : { non-fluent, real, default = 0.0 };
        s : { state-fluent, e, default = @a };${extraPvariables}
    };
    cpfs {
        a' = ${expression};
    };
}
`;

interface Reading {
  /** The expression printed with every grouping explicit. */
  readonly explicit: string;
  readonly tree: Expression;
  /** Diagnostic codes, in order. */
  readonly codes: string[];
}

function read(expression: string, extraPvariables = ''): Reading {
  const { file, diagnostics } = parseRddl(new SourceFile('test.rddl', host(expression, extraPvariables)));
  const domain = file.blocks[0];
  const tree = domain?.kind === 'Domain' ? domain.cpfs?.list[0]?.expression : undefined;
  if (!tree) throw new Error(`no expression read from ${expression}: ${diagnostics.map((d) => d.message).join('; ')}`);
  return { explicit: printExpressionText(tree, { explicit: true }), tree, codes: diagnostics.map((d) => d.code) };
}

function parseFile(text: string): { file: RddlFile; codes: string[] } {
  const { file, diagnostics } = parseRddl(new SourceFile('test.rddl', text));
  return { file, codes: diagnostics.map((d) => d.code) };
}

const groups = test.macro((t, expression: string, explicit: string, codes: string[] = []) => {
  const reading = read(expression);
  t.is(reading.explicit, explicit);
  t.deepEqual(reading.codes, codes);
});

// ---- hyphens
test('a - b with spaces is subtraction', groups, 'a - b', 'a - b');
test('a-b, with a and b declared and a-b not, is subtraction with RDDL1030', groups, 'a-b', 'a - b', ['RDDL1030']);
test('a declared hyphenated name is one name', groups, 'REALLOCATION-PERIOD', 'REALLOCATION-PERIOD');
test('a declared hyphenated name minus a number', groups, 'REALLOCATION-PERIOD-1', 'REALLOCATION-PERIOD - 1', ['RDDL1030']);
test('a-b naming a declared pvariable when a and b exist too is the name, with RDDL1031', (t) => {
  const reading = read('a-b', '\n        a-b : { interm-fluent, real };');
  t.deepEqual(reading.tree, { ...reading.tree, kind: 'PVariable' });
  t.is(reading.explicit, 'a-b');
  t.deepEqual(reading.codes, ['RDDL1031']);
});
test('?t-1 with ?t bound is ?t - 1 (RDDL1030)', groups, 'sum_{?t : t} ?t-1', 'sum_{?t : t} [?t - 1]', ['RDDL1030']);
test('?t-1 as a pvariable argument is an object name, never split', groups, 'sum_{?t : t} q(?t-1)', 'sum_{?t : t} [q(?t-1)]');
test('a--b is one (undeclared) name', groups, 'a--b', 'a--b');
test('a - -b is a minus negated b', groups, 'a - -b', 'a - (-b)');

// ---- bodies extend right
test('an aggregation body extends right, with RDDL1033', groups, 'sum_{?x : t} [q(?x)] + 1', 'sum_{?x : t} [[q(?x)] + 1]', ['RDDL1033']);
test('parentheses end an aggregation', groups, '(sum_{?x : t} [q(?x)]) + 1', '(sum_{?x : t} [q(?x)]) + 1');
test('a quantifier body takes the whole conjunction', groups, 'exists_{?x : t} q(?x) > 0 ^ a > 0', 'exists_{?x : t} [(q(?x) > 0) ^ (a > 0)]');
test('an else branch extends right', groups, 'if (a > b) then 1 else c + 1', 'if (a > b) then 1 else (c + 1)');
test('a then branch ends at else', groups, 'if (a) then sum_{?x : t} q(?x) else 0', 'if (a) then (sum_{?x : t} [q(?x)]) else 0');
test('an if condition need not be parenthesised', groups, 'if a > b then 1 else 2', 'if (a > b) then 1 else 2');
test('else-if chains nest in the else branch', (t) => {
  const reading = read('if (a) then 1 else if (b) then 2 else 3');
  t.is(reading.explicit, 'if (a) then 1 else if (b) then 2 else 3');
  t.is(reading.tree.kind === 'If' && reading.tree.else.kind, 'If');
});

// ---- prefix operators
test('~ binds tighter than ==, as pyRDDLGym\'s NOT expr %prec UMINUS', groups, '~a == b', '(~a) == b');
test('~ binds tighter than ^', groups, '~a ^ b', '(~a) ^ b');
test('~ of a parenthesised conjunction', groups, '~(a ^ b)', '~(a ^ b)');
test('unary minus binds tighter than *', groups, '-a * b', '(-a) * b');
test('unary plus', groups, '+a', '+a');

// ---- binary operators
test('+ and - are left-associative', groups, 'a - b - c', '(a - b) - c');
test('* and / are left-associative', groups, 'a / b * c', '(a / b) * c');
test('* binds tighter than +, + tighter than comparisons', groups, 'a + b < c * 2', '(a + b) < (c * 2)');
test('comparisons chain to the left', groups, 'a < b < c', '(a < b) < c');
test('== binds tighter than ^', groups, 'a == b ^ c', '(a == b) ^ c');
test('^ binds tighter than |', groups, 'a ^ b | c ^ a', '(a ^ b) | (c ^ a)');
test('=> chains to the left, with RDDL1032', groups, 'a => b => c', '(a => b) => c', ['RDDL1032']);
test('explicit grouping of => is not warned about', groups, 'a => (b => c)', 'a => (b => c)');
test('<=> is the loosest operator', groups, 'a <=> b => c', 'a <=> (b => c)');
test('=> in an else branch', groups, 'if a then b else c => a', 'if (a) then b else (c => a)');
test('& is ^', (t) => {
  const amp = read('a & b | c');
  t.is(amp.explicit, '(a ^ b) | c');
  t.deepEqual(stripPositions(amp.tree), stripPositions(read('a ^ b | c').tree));
});
test('[ ] and ( ) group alike', (t) => {
  t.deepEqual(stripPositions(read('[a + b] * c').tree), stripPositions(read('(a + b) * c').tree));
});

// ---- literals and references
test('numbers with exponents', (t) => {
  const reading = read('1e-3 + 2.5E+10 + 1. + .5 + 7');
  t.is(reading.explicit, '(((1e-3 + 2.5E+10) + 1.) + .5) + 7');
  const values: [number, boolean][] = [];
  const walk = (e: Expression) => {
    if (e.kind === 'Number') values.push([e.value, e.isInteger]);
    if (e.kind === 'Binary') [e.left, e.right].forEach(walk);
  };
  walk(reading.tree);
  t.deepEqual(values, [
    [0.001, false],
    [2.5e10, false],
    [1, false],
    [0.5, false],
    [7, true],
  ]);
});
test('pos-inf and neg-inf', groups, 'pos-inf - neg-inf', 'pos-inf - neg-inf');
test('$object and @enum literals', (t) => {
  const reading = read('if (s == @a) then q($o1) else 0');
  t.is(reading.explicit, 'if (s == @a) then q($o1) else 0');
  t.true(JSON.stringify(stripPositions(reading.tree)).includes('{"kind":"ObjectLiteral","name":"o1"}'));
  t.true(JSON.stringify(stripPositions(reading.tree)).includes('{"kind":"EnumLiteral","name":"@a"}'));
});
test('nested pvariables as arguments', (t) => {
  const reading = read('q(next(?x))');
  const tree = reading.tree;
  t.is(reading.explicit, 'q(next(?x))');
  t.true(tree.kind === 'PVariable' && tree.args?.[0]?.kind === 'PVariable');
});

// ---- special forms
test('min_ and max_ are minimum_ and maximum_', groups, 'min_{?x : t} q(?x) + max_{?x : t} q(?x)', 'minimum_{?x : t} [q(?x) + (maximum_{?x : t} [q(?x)])]');
test('switch with a default', groups, 'switch (s) { case @a : 1, default : 2 }', 'switch (s) {\n    case @a : 1,\n    default : 2\n}');
test('Discrete with otherwise', (t) => {
  const reading = read('Discrete(e, @a : 0.3, @b : otherwise)');
  t.is(reading.explicit, 'Discrete(e, @a : 0.3, @b : otherwise)');
  t.true(reading.tree.kind === 'Discrete' && reading.tree.cases[1]?.probability === undefined);
});
test('UnnormDiscrete', (t) => {
  const reading = read('UnnormDiscrete(e, @a : 1, @b : 2)');
  t.true(reading.tree.kind === 'Discrete' && reading.tree.unnormalized);
});
test('Discrete_ over a type', (t) => {
  const reading = read('Discrete_{?x : t} [q(?x)]');
  t.is(reading.explicit, 'Discrete_{?x : t}[q(?x)]');
  t.is(reading.tree.kind, 'DiscreteAggregation');
});
test('vector distributions', groups, 'MultivariateNormal[?x](q(_), q(_))', 'MultivariateNormal[?x](q(_), q(_))');
test('det_ and inverse[row=..., col=...]', (t) => {
  t.is(read('det_{?r : t, ?c : t} [q(?r)]').tree.kind, 'Determinant');
  const inverse = read('inverse[row=?r, col=?c][q(?r)]');
  t.is(inverse.explicit, 'inverse[row=?r, col=?c][q(?r)]');
  t.is(inverse.tree.kind, 'MatrixFunction');
});
test('both comment styles inside an expression are kept', (t) => {
  const { file, codes } = parseFile(host('a /* inline */ + // to the end of the line\n            b'));
  t.deepEqual(codes, []);
  const printed = printRddl(file);
  t.true(printed.includes('/* inline */'));
  t.true(printed.includes('// to the end of the line'));
});

// ---- sections and blocks
test('requirements = { ... } (older form) and requirements { ... }', (t) => {
  for (const [text, assign] of [
    ['domain d { requirements = { concurrent, continuous }; }', true],
    ['domain d { requirements { concurrent, continuous }; }', false],
  ] as const) {
    const { file, codes } = parseFile(text);
    t.deepEqual(codes, []);
    const domain = file.blocks[0];
    t.true(domain?.kind === 'Domain' && domain.requirements?.assign === assign);
    t.deepEqual(domain?.kind === 'Domain' ? domain.requirements?.list.map((r) => r.name) : [], ['concurrent', 'continuous']);
    t.is(printRddl(file), `domain d {\n    requirements${assign ? ' =' : ''} { concurrent, continuous };\n}\n`);
  }
});
test('the ; after a section is optional', (t) => {
  const { codes } = parseFile('domain d { types { t : object; } pvariables { p : { state-fluent, real, default = 0 }; } cpfs { p\' = p; } }');
  t.deepEqual(codes, []);
});
test('state-action-constraints', (t) => {
  const { file, codes } = parseFile(host('a').replace('    };\n}\n', '    };\n    state-action-constraints {\n        a >= 0;\n        forall_{?x : t} q(?x) <= 1;\n    };\n}\n'));
  t.deepEqual(codes, []);
  const domain = file.blocks[0];
  t.is(domain?.kind === 'Domain' ? domain.stateActionConstraints?.list.length : 0, 2);
});
test('an instance with inline objects and non-fluents (2018 style)', (t) => {
  const { file, codes } = parseFile(`instance i {
    domain = d;
    objects { t : { o1, o2 }; };
    non-fluents { q(o1) = 1.5; q(o2) = -2; };
    init-state { a = 3.0; };
    max-nondef-actions = pos-inf;
    horizon = 40;
    discount = 1.0;
}`);
  t.deepEqual(codes, []);
  const instance = file.blocks[0];
  if (instance?.kind !== 'Instance') return t.fail();
  t.deepEqual(instance.objects?.list.map((o) => o.objects.map((x) => x.name)), [['o1', 'o2']]);
  t.is(instance.nonFluents?.list.length, 2);
  t.is(instance.maxNondefActions?.value, 'pos-inf');
  t.true(instance.horizon !== undefined && 'value' in instance.horizon && instance.horizon.value === 40);
});
test('horizon = terminate-when (...)', (t) => {
  const { file, codes } = parseFile('instance i { domain = d; horizon = terminate-when (a > 3 | b); }');
  t.deepEqual(codes, []);
  const instance = file.blocks[0];
  const horizon = instance?.kind === 'Instance' ? instance.horizon : undefined;
  t.true(horizon !== undefined && 'terminateWhen' in horizon && printExpressionText(horizon.terminateWhen, { explicit: true }) === '(a > 3) | b');
});
