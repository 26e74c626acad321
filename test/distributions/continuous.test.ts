import test from 'ava';
import { scalarDistributions } from '@rddl/distributions';
import { ksPValue } from '@rddl/distributions/testing';
import { continuousCases, describe } from './cases.js';
import { DRAWS, Z, draws, moments, standardErrors } from './support.js';

continuousCases.forEach((c, index) => {
  const distribution = scalarDistributions.get(c.name)!;

  test(`${describe(c)}: sample moments match the closed form and the KS test passes`, (t) => {
    const x = draws(100 + index, DRAWS, (u) => distribution.sample(u, c.params));
    const mean = distribution.mean(c.params);
    const variance = distribution.variance(c.params);
    const sample = moments(x);
    if (Number.isFinite(mean) && Number.isFinite(variance)) {
      const se = standardErrors(sample, DRAWS, variance);
      t.true(
        Math.abs(sample.mean - mean) <= Z * se.mean,
        `mean ${sample.mean} vs ${mean} (${Z} SE = ${Z * se.mean})`,
      );
      t.true(
        Math.abs(sample.variance - variance) <= Z * se.variance,
        `variance ${sample.variance} vs ${variance} (${Z} SE = ${Z * se.variance})`,
      );
    } else {
      // No moments (Cauchy): the sample median must sit at the location instead.
      const sorted = Float64Array.from(x).sort();
      const median = sorted[DRAWS / 2]!;
      const [location, scale] = c.params as [number, number];
      // The median of n Cauchy draws has standard error ≈ π scale / (2 sqrt(n)).
      t.true(Math.abs(median - location) <= (Z * Math.PI * scale) / (2 * Math.sqrt(DRAWS)), `median ${median}`);
    }
    const p = ksPValue(x, (v) => distribution.cdf!(v, c.params));
    t.true(p > 0.001, `KS p-value ${p}`);
  });
});
