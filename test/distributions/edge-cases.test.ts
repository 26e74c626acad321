import test from 'ava';
import {
  sampleBernoulli,
  sampleBinomial,
  sampleExponential,
  sampleGeometric,
  sampleNegativeBinomial,
  sampleNormal,
  samplePoisson,
  sampleUniform,
  scalarDistributions,
} from '@rddl/distributions';
import { draws } from './support.js';

const N = 2000;

test('Normal with variance 0 returns the mean exactly', (t) => {
  t.true(draws(1, N, (u) => sampleNormal(u, 3.25, 0)).every((x) => x === 3.25));
  t.true(draws(1, N, (u) => sampleNormal(u, -0.1, 0)).every((x) => x === -0.1));
});

test('Poisson with rate 0 returns 0', (t) => {
  t.true(draws(2, N, (u) => samplePoisson(u, 0)).every((x) => x === 0));
});

test('Bernoulli with p = 0 is never true and with p = 1 always is', (t) => {
  t.true(draws(3, N, (u) => (sampleBernoulli(u, 0) ? 1 : 0)).every((x) => x === 0));
  t.true(draws(3, N, (u) => (sampleBernoulli(u, 1) ? 1 : 0)).every((x) => x === 1));
  t.false(sampleBernoulli({ next: () => 0, nextOpen: () => 2 ** -53 }, 0));
  t.true(sampleBernoulli({ next: () => 1 - 2 ** -53, nextOpen: () => 1 - 2 ** -53 }, 1));
});

test('degenerate Binomial, NegativeBinomial, Geometric and Uniform parameters', (t) => {
  t.true(draws(4, N, (u) => sampleBinomial(u, 0, 0.4)).every((x) => x === 0));
  t.true(draws(4, N, (u) => sampleBinomial(u, 12, 0)).every((x) => x === 0));
  t.true(draws(4, N, (u) => sampleBinomial(u, 12, 1)).every((x) => x === 12));
  t.true(draws(4, N, (u) => sampleNegativeBinomial(u, 3, 1)).every((x) => x === 0));
  t.true(draws(4, N, (u) => sampleGeometric(u, 1)).every((x) => x === 1));
  t.true(draws(4, N, (u) => sampleUniform(u, 2.5, 2.5)).every((x) => x === 2.5));
});

test('Uniform stays in [lower, upper) and Exponential in [0, inf)', (t) => {
  t.true(draws(5, N, (u) => sampleUniform(u, -1, 3)).every((x) => x >= -1 && x < 3));
  t.true(draws(5, N, (u) => sampleExponential(u, 0.5)).every((x) => x >= 0 && Number.isFinite(x)));
});

test('Pareto draws start at 0, not at the scale (numpy Lomax)', (t) => {
  const x = draws(6, N, (u) => scalarDistributions.get('Pareto')!.sample(u, [3, 2]));
  t.true(x.every((v) => v >= 0));
  // P(X < scale) = 1 - 2^-3 = 0.875 for shape 3.
  const below = x.filter((v) => v < 2).length / N;
  t.true(Math.abs(below - 0.875) < 0.04, `fraction below scale ${below}`);
});

test('KronDelta and DiracDelta return their argument and draw nothing', (t) => {
  const noDraws = {
    next: (): number => {
      throw new Error('drew a uniform');
    },
    nextOpen: (): number => {
      throw new Error('drew a uniform');
    },
  };
  t.is(scalarDistributions.get('KronDelta')!.sample(noDraws, [7]), 7);
  t.is(scalarDistributions.get('DiracDelta')!.sample(noDraws, [-2.5]), -2.5);
});

test('discrete samplers terminate and stay finite for extreme parameters and uniforms', (t) => {
  const extremes: [string, number[]][] = [
    ['Poisson', [1e-12]],
    ['Poisson', [1e7]],
    ['Binomial', [1_000_000_000, 0.5]],
    ['Binomial', [10, 1e-300]],
    ['NegativeBinomial', [0.01, 0.5]],
    ['NegativeBinomial', [1e6, 0.5]],
    ['NegativeBinomial', [3, 1 - 1e-12]],
    ['Geometric', [1e-12]],
  ];
  for (const [name, params] of extremes) {
    const distribution = scalarDistributions.get(name)!;
    for (const u of [0, 2 ** -53, 0.5, 1 - 2 ** -53]) {
      const x = distribution.sample({ next: () => u, nextOpen: () => u || 2 ** -53 }, params);
      t.true(Number.isInteger(x) && x >= 0, `${name}(${params.join(', ')}) at U = ${u}: ${x}`);
    }
  }
});

test('shape parameters far from 1 still give finite, ordered draws', (t) => {
  const extremes: [string, number[]][] = [
    ['Gamma', [0.01, 1]],
    ['Gamma', [1e5, 1e-3]],
    ['Beta', [0.05, 0.05]],
    ['Beta', [500, 2]],
    ['Student', [0.3]],
    ['Student', [1e6]],
    ['Weibull', [0.1, 1]],
    ['Pareto', [0.2, 1]],
    ['Gompertz', [1e-9, 1]],
    ['Gompertz', [1e6, 1]],
    ['Kumaraswamy', [0.05, 20]],
    ['ChiSquare', [1e-3]],
  ];
  for (const [name, params] of extremes) {
    const distribution = scalarDistributions.get(name)!;
    let previous = -Infinity;
    for (const u of [2 ** -53, 1e-9, 0.3, 0.5, 0.7, 1 - 1e-9, 1 - 2 ** -53]) {
      const x = distribution.sample({ next: () => u, nextOpen: () => u }, params);
      t.false(Number.isNaN(x), `${name}(${params.join(', ')}) at U = ${u}`);
      t.true(x >= previous, `${name}(${params.join(', ')}) ordered at U = ${u}`);
      previous = x;
    }
  }
});

test('Gompertz moments hold at extreme shapes', (t) => {
  const gompertz = scalarDistributions.get('Gompertz')!;
  // Large shape: X ≈ Exponential with rate shape * scale.
  const mean = gompertz.mean([1e6, 2]);
  t.true(Math.abs(mean * 2e6 - 1) < 1e-5, `mean ${mean}`);
  t.true(Math.abs(gompertz.variance([1e6, 2]) * 4e12 - 1) < 1e-4);
  // Small shape: scale X ≈ ln(E / shape) with E ~ Exponential(1), mean ln(1/shape) - γ.
  const small = gompertz.mean([1e-9, 1]);
  t.true(Math.abs(small - (Math.log(1e9) - 0.5772156649015329)) < 1e-6, `mean ${small}`);
  t.true(Math.abs(gompertz.variance([1e-9, 1]) - Math.PI ** 2 / 6) < 1e-6);
});
