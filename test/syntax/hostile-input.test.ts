import test from 'ava';
import { SourceFile } from '@rddl/core';
import { defaultParseLimits, parseRddl } from '@rddl/syntax';
import { Rng } from '../support/random.js';
import { checkParseInvariants } from '../support/parse-invariants.js';

// Inputs built to exhaust the parser: a 10 MB file, nesting 10,000 deep,
// operator chains of 100,000 terms, a megabyte of random bytes. None may
// throw, hang (ava's timeout) or need unbounded memory.

const cpf = (expression: string) => `domain d {\n    cpfs {\n        p' = ${expression};\n    };\n}\n`;

/** A valid non-fluents block of about `chars` characters. */
function bigNonFluents(chars: number): string {
  const objects = 2000;
  const parts = ['non-fluents big {\n    domain = d;\n    objects {\n        t : { '];
  parts.push(Array.from({ length: objects }, (_, i) => `o${i}`).join(', '), ' };\n    };\n    non-fluents {\n');
  let size = parts.reduce((n, p) => n + p.length, 0);
  for (let i = 0; size < chars; i++) {
    const line = `        q(o${i % objects}, o${(i * 7) % objects}) = ${(i % 1000) / 10};\n`;
    parts.push(line);
    size += line.length;
  }
  parts.push('    };\n}\n');
  return parts.join('');
}

test('a 10 MB file parses without errors and with a bounded heap', (t) => {
  const text = bigNonFluents(10 * 1024 * 1024);
  t.true(text.length >= 10 * 1024 * 1024);
  const result = parseRddl(new SourceFile('big.rddl', text));
  const heap = process.memoryUsage().heapUsed;
  t.deepEqual(result.diagnostics, []);
  const block = result.file.blocks[0];
  t.is(block?.kind, 'NonFluents');
  t.true((block?.kind === 'NonFluents' ? block.nonFluents?.list.length : 0)! > 300_000);
  t.true(heap < 1.5 * 1024 ** 3, `heap ${(heap / 1024 ** 2).toFixed(0)} MiB while the tree is alive`);
  t.log(`${(text.length / 1024 ** 2).toFixed(1)} MiB parsed, heap ${(heap / 1024 ** 2).toFixed(0)} MiB`);
});

test('a file over the size limit is refused with RDDL1021 before lexing', (t) => {
  const text = ' '.repeat(defaultParseLimits.maxFileChars + 1);
  t.deepEqual(
    parseRddl(new SourceFile('huge.rddl', text)).diagnostics.map((d) => d.code),
    ['RDDL1021'],
  );
});

test('a megabyte of random bytes gives at most 100 errors and RDDL1022', (t) => {
  const rng = new Rng(7);
  let text = '';
  for (let i = 0; i < 1024 * 1024; i++) text += String.fromCharCode(rng.int(256));
  const source = new SourceFile('random.rddl', text);
  const report = checkParseInvariants(source);
  t.deepEqual(report.problems, []);
  const codes = parseRddl(source).diagnostics.map((d) => d.code);
  t.is(codes.filter((c) => c !== 'RDDL1022').length, defaultParseLimits.maxErrors);
  t.is(codes[codes.length - 1], 'RDDL1022');
});

const deep = 10_000;
const nested: Record<string, string> = {
  parentheses: `${'('.repeat(deep)}p${')'.repeat(deep)}`,
  brackets: `${'['.repeat(deep)}p${']'.repeat(deep)}`,
  'unclosed parentheses': `${'('.repeat(deep)}p`,
  negation: `${'~'.repeat(deep)}p`,
  'unary minus': `${'-'.repeat(deep)}p`,
  'alternating prefix operators': `${'-~+'.repeat(deep / 2)}p`,
  'if in then-branches': `${'if (p) then '.repeat(deep)}p${' else p'.repeat(deep)}`,
  'if in conditions': `${'if '.repeat(deep)}p${' then p else p'.repeat(deep)}`,
  'else-if chain': `${'if (p) then p else '.repeat(deep)}p`,
  aggregations: `${'sum_{?x : t} '.repeat(deep)}p`,
  'bracketed aggregations': `${'sum_{?x : t} ['.repeat(deep)}p${']'.repeat(deep)}`,
  'function calls': `${'exp['.repeat(deep)}p${']'.repeat(deep)}`,
  'pvariable arguments': `${'f('.repeat(deep)}p${')'.repeat(deep)}`,
  distributions: `${'Bernoulli('.repeat(deep)}p${')'.repeat(deep)}`,
  'Discrete_ bodies': `${'Discrete_{?x : t} '.repeat(deep)}p`,
  switches: `${'switch (p) { default : '.repeat(deep)}p${' }'.repeat(deep)}`,
};

for (const [name, expression] of Object.entries(nested)) {
  test(`nesting 10,000 deep (${name}) is RDDL1020, not a crash`, (t) => {
    const source = new SourceFile(`${name}.rddl`, cpf(expression));
    const report = checkParseInvariants(source);
    t.deepEqual(report.problems, []);
    t.true(
      parseRddl(source).diagnostics.some((d) => d.code === 'RDDL1020'),
      'expected RDDL1020',
    );
  });
}

const chains: Record<string, string> = {
  '+': `p${' + 1'.repeat(100_000)}`,
  'mixed * and +': `p${' * 2 + 1'.repeat(50_000)}`,
  '^': `p${' ^ p'.repeat(100_000)}`,
  '=>': `p${' => p'.repeat(100_000)}`,
  'comparisons': `p${' < p'.repeat(100_000)}`,
};

for (const [name, expression] of Object.entries(chains)) {
  test(`an operator chain of 100,000 terms (${name}) is RDDL1020, not a crash`, (t) => {
    const source = new SourceFile(`chain.rddl`, cpf(expression));
    const report = checkParseInvariants(source);
    t.deepEqual(report.problems, []);
    t.true(parseRddl(source).diagnostics.some((d) => d.code === 'RDDL1020'));
  });
}

test('nesting right at the limit parses, and its formatted text parses too', (t) => {
  // The top expression is one level, so 255 brackets reach the limit of 256.
  const expression = `${'('.repeat(defaultParseLimits.maxNesting - 1)}p${')'.repeat(defaultParseLimits.maxNesting - 1)}`;
  const report = checkParseInvariants(new SourceFile('limit.rddl', cpf(`sum_{?x : t} ${expression}`)));
  t.deepEqual(report.problems, []);
  t.true(report.printed);
  const over = `(${expression})`;
  t.true(parseRddl(new SourceFile('over.rddl', cpf(`sum_{?x : t} ${over}`))).diagnostics.some((d) => d.code === 'RDDL1020'));
});

test('a chain of 999 operators (tree depth 1000) is accepted', (t) => {
  const source = new SourceFile('chain.rddl', cpf(`p${' + 1'.repeat(defaultParseLimits.maxExpressionDepth - 1)}`));
  t.deepEqual(
    parseRddl(source).diagnostics.map((d) => d.code),
    [],
  );
});
