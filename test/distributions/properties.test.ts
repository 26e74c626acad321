import test from 'ava';
import { CounterStream, deriveSeedKey } from '@rddl/core';
import { scalarDistributions } from '@rddl/distributions';
import { validParams } from './cases.js';
import { fixedUniform, replayUniforms } from './support.js';

const names = [...scalarDistributions.keys()];

test('the table has every scalar RDDL distribution, each with a valid test parameter set', (t) => {
  t.deepEqual(new Set(names), new Set(Object.keys(validParams)));
  for (const [name, distribution] of scalarDistributions) {
    t.is(distribution.name, name);
    t.is(distribution.check(validParams[name]!), undefined, name);
    t.is(distribution.parameters.length, validParams[name]!.length, name);
  }
});

test('every sampler is a pure function of its stream position', (t) => {
  const key = deriveSeedKey(7, 'test');
  const stream = new CounterStream(key);
  const other = new CounterStream(key);
  for (const [name, distribution] of scalarDistributions) {
    const params = validParams[name]!;
    const first: number[] = [];
    for (let i = 0; i < 50; i++) first.push(distribution.sample(stream.reset(0, i, 3), params));
    // Other sites in between, in another order, must not change anything.
    for (let i = 49; i >= 0; i--) {
      distribution.sample(stream.reset(1, i, 4), params);
      t.is(distribution.sample(stream.reset(0, i, 3), params), first[i], `${name} draw ${i}`);
      t.is(distribution.sample(other.reset(0, i, 3), params), first[i], `${name} draw ${i} on another stream`);
    }
  }
});

test('every scalar sampler is its quantile applied to one uniform, nondecreasing in it', (t) => {
  const grid = [2 ** -53, 1e-12, 1e-6, 0.001, 0.01, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.99, 0.999, 1 - 1e-6, 1 - 2 ** -53];
  for (const [name, distribution] of scalarDistributions) {
    const params = validParams[name]!;
    let previous = -Infinity;
    for (const u of grid) {
      // replayUniforms throws if the sampler reads a second uniform.
      const x = distribution.sample(replayUniforms([u]), params);
      t.is(x, distribution.quantile!(u, params), `${name} at U = ${u}`);
      t.false(Number.isNaN(x), `${name} at U = ${u}`);
      t.true(x >= previous, `${name} decreases at U = ${u}: ${x} < ${previous}`);
      previous = x;
    }
  }
});

test('every sampler is finite at the extreme uniforms', (t) => {
  for (const [name, distribution] of scalarDistributions) {
    const params = validParams[name]!;
    for (const u of [2 ** -53, 1 - 2 ** -53]) {
      t.true(Number.isFinite(distribution.sample(fixedUniform(u), params)), `${name} at U = ${u}`);
    }
  }
});

test('the cdf inverts the quantile', (t) => {
  for (const [name, distribution] of scalarDistributions) {
    if (distribution.support !== 'real' || name === 'DiracDelta') continue;
    const params = validParams[name]!;
    for (const p of [0.001, 0.1, 0.37, 0.5, 0.8, 0.999]) {
      const x = distribution.quantile!(p, params);
      t.true(Math.abs(distribution.cdf!(x, params) - p) < 1e-9, `${name}: cdf(quantile(${p})) = ${distribution.cdf!(x, params)}`);
    }
  }
});

test('discrete quantiles are the smallest k with cdf(k) >= p', (t) => {
  for (const [name, distribution] of scalarDistributions) {
    if (distribution.support === 'real') continue;
    const params = validParams[name]!;
    for (const p of [0.001, 0.1, 0.37, 0.5, 0.8, 0.999]) {
      const k = distribution.quantile!(p, params);
      t.true(distribution.cdf!(k, params) >= p, `${name}: cdf(${k}) >= ${p}`);
      t.true(distribution.cdf!(k - 1, params) < p, `${name}: cdf(${k - 1}) < ${p}`);
    }
  }
});

// Fixed points that pin each parameterisation to pyRDDLGym's (numpy's) meaning,
// independent of how the sampler is written.
test('parameterisations match pyRDDLGym at known values', (t) => {
  const get = (name: string) => scalarDistributions.get(name)!;
  const close = (actual: number, expected: number, what: string) =>
    t.true(Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
  // Normal(mean, variance): variance 4 means standard deviation 2.
  close(get('Normal').cdf!(3, [1, 4]), 0.8413447460685429, 'Normal(1, 4) cdf at mean + 1 sd');
  // Exponential(scale): mean = scale, P(X <= scale) = 1 - 1/e.
  close(get('Exponential').cdf!(2, [2]), 1 - Math.exp(-1), 'Exponential(2) cdf at 2');
  close(get('Exponential').mean([2]), 2, 'Exponential(2) mean');
  // Weibull(shape, scale): P(X <= scale) = 1 - 1/e whatever the shape.
  close(get('Weibull').cdf!(2, [1.5, 2]), 1 - Math.exp(-1), 'Weibull(1.5, 2) cdf at scale');
  // Gamma(shape, scale): shape 1 is Exponential(scale).
  close(get('Gamma').cdf!(3, [1, 3]), 1 - Math.exp(-1), 'Gamma(1, 3) cdf at 3');
  close(get('Gamma').mean([3, 2]), 6, 'Gamma(3, 2) mean');
  // Pareto is numpy's Lomax times scale: support from 0, P(X <= scale) = 1 - 2^-shape.
  close(get('Pareto').cdf!(2, [3, 2]), 1 - 2 ** -3, 'Pareto(3, 2) cdf at scale');
  t.is(get('Pareto').quantile!(0, [3, 2]), 0, 'Pareto support starts at 0');
  // Geometric counts trials including the success: P(X = 1) = p, support from 1.
  close(get('Geometric').pmf!(1, [0.3]), 0.3, 'Geometric(0.3) pmf at 1');
  t.is(get('Geometric').pmf!(0, [0.3]), 0, 'Geometric has no 0');
  // NegativeBinomial(n, p) counts failures before the n-th success: P(X = 0) = p^n.
  close(get('NegativeBinomial').pmf!(0, [3, 0.4]), 0.4 ** 3, 'NegativeBinomial(3, 0.4) pmf at 0');
  close(get('NegativeBinomial').mean([3, 0.4]), (3 * 0.6) / 0.4, 'NegativeBinomial(3, 0.4) mean');
  // Gumbel(loc, scale) is the max-Gumbel: P(X <= loc) = 1/e, mean loc + γ scale.
  close(get('Gumbel').cdf!(1, [1, 2]), Math.exp(-1), 'Gumbel(1, 2) cdf at loc');
  close(get('Gumbel').mean([1, 2]), 1 + 2 * 0.5772156649015329, 'Gumbel(1, 2) mean');
  // Laplace(loc, scale): variance 2 scale².
  close(get('Laplace').variance([-1, 0.5]), 0.5, 'Laplace(-1, 0.5) variance');
  // Cauchy(loc, scale): quartiles at loc ± scale.
  close(get('Cauchy').quantile!(0.75, [2, 3]), 5, 'Cauchy(2, 3) upper quartile');
  // Gompertz(shape, scale): CDF 1 - exp(-shape (e^(scale x) - 1)); mean of (1, 1) is the Gompertz constant.
  close(get('Gompertz').cdf!(Math.log(2) / 3, [0.5, 3]), 1 - Math.exp(-0.5), 'Gompertz(0.5, 3) cdf');
  close(get('Gompertz').mean([1, 1]), 0.596347362323194, 'Gompertz(1, 1) mean');
  close(get('Gompertz').mean([1, 4]), 0.596347362323194 / 4, 'Gompertz(1, 4) mean');
  // Kumaraswamy(a, b): CDF 1 - (1 - x^a)^b; (1, b) is Beta(1, b).
  close(get('Kumaraswamy').cdf!(0.5, [2, 3]), 1 - (1 - 0.25) ** 3, 'Kumaraswamy(2, 3) cdf at 0.5');
  close(get('Kumaraswamy').mean([1, 3]), 0.25, 'Kumaraswamy(1, 3) mean');
  // Student(df) is standard: variance df / (df - 2).
  close(get('Student').variance([4]), 2, 'Student(4) variance');
  // ChiSquare(df) is Gamma(df / 2, 2).
  close(get('ChiSquare').cdf!(3, [4]), get('Gamma').cdf!(3, [2, 2]), 'ChiSquare(4) is Gamma(2, 2)');
});

test('moments that do not exist are NaN or Infinity', (t) => {
  const get = (name: string) => scalarDistributions.get(name)!;
  t.true(Number.isNaN(get('Cauchy').mean([0, 1])));
  t.true(Number.isNaN(get('Cauchy').variance([0, 1])));
  t.true(Number.isNaN(get('Student').mean([1])));
  t.is(get('Student').mean([1.5]), 0);
  t.is(get('Student').variance([1.5]), Infinity);
  t.is(get('Student').variance([2]), Infinity);
  t.true(Number.isNaN(get('Student').variance([0.8])));
  t.is(get('Pareto').mean([1, 2]), Infinity);
  t.is(get('Pareto').mean([0.5, 2]), Infinity);
  t.is(get('Pareto').variance([2, 2]), Infinity);
  t.true(Number.isNaN(get('Pareto').variance([1, 2])));
  t.is(get('Pareto').mean([2, 2]), 2);
});
