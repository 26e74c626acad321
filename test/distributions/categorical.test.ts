import test from 'ava';
import { CounterStream, deriveSeedKey } from '@rddl/core';
import { sampleDiscrete } from '@rddl/distributions';
import { chiSquarePValue } from '@rddl/distributions/testing';
import { DRAWS, draws } from './support.js';

const probabilities = [0.1, 0, 0.25, 0.4, 0.05, 0.2, 0];

test('Discrete draws indices with the given probabilities and never a zero-probability one', (t) => {
  const x = draws(300, DRAWS, (u) => sampleDiscrete(u, probabilities, true));
  t.true(x.every((i) => Number.isInteger(i) && i >= 0 && i < probabilities.length && probabilities[i]! > 0));
  const p = chiSquarePValue(x, (k) => probabilities[k] ?? 0, 0);
  t.true(p > 0.001, `chi-square p-value ${p}`);
});

test('UnnormDiscrete normalises its weights', (t) => {
  const weights = probabilities.map((p) => p * 37.5);
  const x = draws(301, DRAWS, (u) => sampleDiscrete(u, weights, false));
  const p = chiSquarePValue(x, (k) => probabilities[k] ?? 0, 0);
  t.true(p > 0.001, `chi-square p-value ${p}`);
  // Same uniforms, same categories: scaling the weights changes nothing.
  const y = draws(301, DRAWS, (u) => sampleDiscrete(u, probabilities, true));
  let differ = 0;
  for (let i = 0; i < DRAWS; i++) if (x[i] !== y[i]) differ++;
  t.true(differ <= 2, `${differ} draws changed (only exact ties at a boundary may)`);
});

test('Discrete is the inverse CDF of one uniform', (t) => {
  const source = (u: number) => ({ next: () => u, nextOpen: () => u });
  t.is(sampleDiscrete(source(0), probabilities, true), 0);
  t.is(sampleDiscrete(source(0.0999), probabilities, true), 0);
  t.is(sampleDiscrete(source(0.1), probabilities, true), 2, 'skips the zero-probability index 1');
  t.is(sampleDiscrete(source(0.7499), probabilities, true), 3);
  t.is(sampleDiscrete(source(0.8), probabilities, true), 5);
  t.is(sampleDiscrete(source(1 - 2 ** -53), probabilities, true), 5, 'never the trailing zero');
});

test('Discrete whose probabilities fall short of 1 by rounding gives the last positive entry', (t) => {
  const short = [0.5, 0.5 - 1e-12, 0];
  t.is(sampleDiscrete({ next: () => 1 - 2 ** -53, nextOpen: () => 1 - 2 ** -53 }, short, true), 1);
});

test('Discrete is a pure function of the stream position', (t) => {
  const stream = new CounterStream(deriveSeedKey(9, 'test'));
  const first = sampleDiscrete(stream.reset(0, 5, 1), probabilities, true);
  sampleDiscrete(stream.reset(0, 6, 1), probabilities, true);
  t.is(sampleDiscrete(stream.reset(0, 5, 1), probabilities, true), first);
});
