import test from 'ava';
import {
  checkBinomial,
  checkDiscrete,
  checkNormal,
  checkPoisson,
  checkUniform,
  scalarDistributions,
} from '@rddl/distributions';
import { validParams } from './cases.js';

/** Parameter sets each distribution must reject (pyRDDLGym's checks, plus NaN and infinities). */
const invalid: Readonly<Record<string, readonly (readonly number[])[]>> = {
  KronDelta: [[1.5], [NaN], [Infinity]],
  DiracDelta: [[NaN]],
  Bernoulli: [[-0.1], [1.1], [NaN]],
  Normal: [[0, -1], [NaN, 1], [Infinity, 1], [0, NaN], [0, Infinity]],
  Uniform: [[2, 1], [NaN, 1], [0, Infinity], [-Infinity, 0]],
  Exponential: [[0], [-1], [NaN], [Infinity]],
  Weibull: [[0, 1], [1, 0], [-1, 1], [1, NaN]],
  Gamma: [[0, 1], [1, 0], [NaN, 1], [1, -2]],
  Poisson: [[-1], [NaN], [Infinity]],
  Binomial: [[-1, 0.5], [2.5, 0.5], [10, 1.5], [10, -0.5], [NaN, 0.5], [Infinity, 0.5]],
  NegativeBinomial: [[0, 0.5], [-1, 0.5], [3, 0], [3, 1.2], [3, NaN]],
  Beta: [[0, 1], [1, 0], [NaN, 1]],
  Geometric: [[0], [1.5], [-0.2], [NaN]],
  Pareto: [[0, 1], [1, 0], [NaN, 1]],
  Student: [[0], [-1], [NaN]],
  Gumbel: [[0, 0], [NaN, 1], [0, -1]],
  Laplace: [[0, 0], [NaN, 1], [0, -1]],
  Cauchy: [[0, 0], [NaN, 1], [0, -1]],
  Gompertz: [[0, 1], [1, 0], [NaN, 1]],
  ChiSquare: [[0], [-3], [NaN]],
  Kumaraswamy: [[0, 1], [1, 0], [1, NaN]],
};

test('every distribution rejects invalid parameters with a message', (t) => {
  for (const [name, distribution] of scalarDistributions) {
    const cases = invalid[name];
    t.truthy(cases, `${name} has invalid cases`);
    for (const params of cases!) {
      const message = distribution.check(params);
      t.is(typeof message, 'string', `${name}(${params.join(', ')}) is rejected`);
      t.true(message!.length > 0 && message!.length < 120, message);
    }
  }
});

test('every distribution rejects the wrong number of parameters', (t) => {
  for (const [name, distribution] of scalarDistributions) {
    const params = validParams[name]!;
    t.regex(distribution.check([...params, 1]) ?? '', /takes \d parameter/, name);
    t.regex(distribution.check(params.slice(1)) ?? '', /takes \d parameter/, name);
  }
});

test('messages name the parameter and the value', (t) => {
  t.is(checkNormal(0, -1), 'variance must be >= 0, got -1');
  t.is(checkNormal(NaN, 1), 'mean must be finite, got NaN');
  t.is(checkUniform(2, 1), 'lower must be <= upper, got 2 > 1');
  t.is(checkPoisson(-0.5), 'rate must be >= 0, got -0.5');
  t.is(checkBinomial(2.5, 0.5), 'trials must be an integer >= 0, got 2.5');
  t.is(scalarDistributions.get('Bernoulli')!.check([1.5]), 'p must be in [0, 1], got 1.5');
  t.is(scalarDistributions.get('Geometric')!.check([0]), 'p must be in (0, 1], got 0');
  t.is(scalarDistributions.get('Normal')!.check([1]), 'Normal takes 2 parameter(s) (mean, variance), got 1');
});

test('boundary parameters that pyRDDLGym accepts are accepted', (t) => {
  const ok = (name: string, params: number[]) =>
    t.is(scalarDistributions.get(name)!.check(params), undefined, `${name}(${params.join(', ')})`);
  ok('Normal', [0, 0]);
  ok('Uniform', [1, 1]);
  ok('Bernoulli', [0]);
  ok('Bernoulli', [1]);
  ok('Poisson', [0]);
  ok('Binomial', [0, 0.5]);
  ok('Binomial', [10, 0]);
  ok('Binomial', [10, 1]);
  ok('NegativeBinomial', [2.5, 1]);
  ok('Geometric', [1]);
  ok('KronDelta', [-3]);
  ok('DiracDelta', [-Infinity]);
});

test('Discrete checks probabilities: non-negative, summing to 1 within 1e-9 unless unnormalised', (t) => {
  t.is(checkDiscrete([0.2, 0.3, 0.5], true), undefined);
  t.is(checkDiscrete([0.1, 0.2, 0.7], true), undefined, 'rounding in the sum is tolerated');
  t.is(checkDiscrete([1 / 3, 1 / 3, 1 / 3 + 5e-10], true), undefined);
  t.is(checkDiscrete([0.2, 0.3, 0.49], true), 'probabilities must sum to 1, got 0.99');
  t.regex(checkDiscrete([1 / 3, 1 / 3, 1 / 3 + 2e-9], true) ?? '', /must sum to 1/);
  t.is(checkDiscrete([0.5, -0.1, 0.6], true), 'probability 1 must be finite and >= 0, got -0.1');
  t.is(checkDiscrete([0.5, NaN], false), 'probability 1 must be finite and >= 0, got NaN');
  t.is(checkDiscrete([], false), 'needs at least one probability');
  t.is(checkDiscrete([2, 3, 5], false), undefined);
  t.is(checkDiscrete([2, 3, 5], true), 'probabilities must sum to 1, got 10');
  t.is(checkDiscrete([0, 0], false), 'weights must have a positive finite sum, got 0');
  t.regex(checkDiscrete([1, Infinity], false) ?? '', /must be finite/);
});
