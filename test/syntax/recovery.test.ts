import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceFile } from '@rddl/core';
import { parseRddl } from '@rddl/syntax';
import { repoRoot } from '../support/corpus.js';

const fixture = 'test/fixtures/recovery/25-errors.rddl';

function errorLines(text: string): number[] {
  const source = new SourceFile(fixture, text);
  return parseRddl(source)
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => source.positionAt(d.span!.start).line);
}

test('one run reports all 25 independent errors, each on its own line', (t) => {
  const text = readFileSync(join(repoRoot, fixture), 'utf8');
  const marked = text
    .split('\n')
    .map((line, i) => (line.trimEnd().endsWith('// error') ? i + 1 : 0))
    .filter((line) => line > 0);
  t.is(marked.length, 25);
  t.deepEqual(errorLines(text), marked);
});

test('after the errors, the statements around them are still read', (t) => {
  const text = readFileSync(join(repoRoot, fixture), 'utf8');
  const { file } = parseRddl(new SourceFile(fixture, text));
  t.deepEqual(
    file.blocks.map((b) => `${b.kind} ${b.name.name}`),
    ['Domain recovery', 'NonFluents nf', 'Instance inst'],
  );
  const [domain, nonFluents, instance] = file.blocks;
  if (domain?.kind !== 'Domain' || nonFluents?.kind !== 'NonFluents' || instance?.kind !== 'Instance') return t.fail();
  t.deepEqual(
    domain.cpfs?.list.map((c) => c.name.name),
    ['wealth', 'cash', 'mood', 'other', 'fourth'],
  );
  t.deepEqual(
    domain.pvariables?.list.map((p) => p.name.name),
    ['PRICE', 'hold', 'cash', 'buy', 'sell', 'wealth', 'score', 'mood'],
  );
  t.is(domain.stateInvariants?.list.length, 3);
  t.deepEqual(
    nonFluents.nonFluents?.list.map((a) => a.name.name),
    ['PRICE', 'RATE', 'RATE'],
  );
  t.deepEqual(
    instance.initState?.list.map((a) => a.name.name),
    ['cash', 'hold', 'mood'],
  );
  t.is(instance.discount?.value, 0.9);
});

test('a section left open does not hide the errors of the sections after it', (t) => {
  const text = [
    'domain d {',
    '    pvariables {',
    '        p : { state-fluent, real, default = 0.0 };',
    '        q : { state-fluent, real, default = ',
    '    cpfs {',
    "        p' = ;",
    '    };',
    '    reward = p +;',
    '}',
    '',
  ].join('\n');
  t.deepEqual(errorLines(text), [5, 6, 8]);
});

test('statement-level errors in an instance do not stop the rest of the file', (t) => {
  const text = ['instance i {', '    domain = ;', '    horizon = 10 10;', '    discount = ;', '}', 'garbage', 'instance j { horizon = ; }', ''].join('\n');
  t.deepEqual(errorLines(text), [2, 3, 4, 6, 7]);
});
