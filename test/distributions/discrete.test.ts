import test from 'ava';
import { scalarDistributions } from '@rddl/distributions';
import { chiSquarePValue } from '@rddl/distributions/testing';
import { describe, discreteCases, supportStart } from './cases.js';
import { DRAWS, Z, draws, moments, standardErrors } from './support.js';

discreteCases.forEach((c, index) => {
  const distribution = scalarDistributions.get(c.name)!;

  test(`${describe(c)}: sample moments match the closed form and the chi-square test passes`, (t) => {
    const x = draws(200 + index, DRAWS, (u) => distribution.sample(u, c.params));
    const mean = distribution.mean(c.params);
    const variance = distribution.variance(c.params);
    const sample = moments(x);
    const se = standardErrors(sample, DRAWS, variance);
    t.true(Math.abs(sample.mean - mean) <= Z * se.mean, `mean ${sample.mean} vs ${mean}`);
    t.true(Math.abs(sample.variance - variance) <= Z * se.variance, `variance ${sample.variance} vs ${variance}`);
    t.true(
      x.every((v) => Number.isInteger(v) && v >= supportStart[c.name]!),
      'every draw is an integer in the support',
    );
    const p = chiSquarePValue(x, (k) => distribution.pmf!(k, c.params), supportStart[c.name]!);
    t.true(p > 0.001, `chi-square p-value ${p}`);
  });
});

test('the pmf of every discrete case sums to 1 and agrees with the cdf', (t) => {
  for (const c of discreteCases) {
    const distribution = scalarDistributions.get(c.name)!;
    let total = 0;
    const first = supportStart[c.name]!;
    for (let k = first; k < first + 5000; k++) {
      total += distribution.pmf!(k, c.params);
      if (k < first + 50) {
        t.true(Math.abs(distribution.cdf!(k, c.params) - total) < 1e-9, `${describe(c)} cdf(${k})`);
      }
    }
    t.true(Math.abs(total - 1) < 1e-9, `${describe(c)} pmf sums to ${total}`);
  }
});
