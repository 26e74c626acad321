import test from 'ava';
import { CounterStream, deriveSeedKey } from '@rddl/core';
import {
  checkCovariance,
  checkDirichlet,
  checkMultinomial,
  checkMultivariateNormal,
  checkMultivariateStudent,
  choleskyFactor,
  dirichletCovariance,
  dirichletMean,
  multinomialCovariance,
  multinomialMean,
  multivariateStudentCovariance,
  multivariateStudentMean,
  sampleDirichlet,
  sampleMultinomial,
  sampleMultivariateNormal,
  sampleMultivariateStudent,
  scalarDistributions,
} from '@rddl/distributions';
import { chiSquarePValue, ksPValue } from '@rddl/distributions/testing';
import type { ExecutionContext } from 'ava';
import { DRAWS, Z, vectorDraws } from './support.js';

/**
 * Sample mean vector and covariance against the closed forms, each entry
 * within Z standard errors; the standard errors come from the sample's own
 * spread of x_i and of (x_i - m_i)(x_j - m_j).
 */
function assertMeanAndCovariance(
  t: ExecutionContext,
  rows: readonly Float64Array[],
  mean: ArrayLike<number>,
  covariance: ArrayLike<number>,
): void {
  const n = mean.length;
  const count = rows.length;
  const m = new Float64Array(n);
  for (const row of rows) for (let i = 0; i < n; i++) m[i]! += row[i]! / count;
  for (let i = 0; i < n; i++) {
    const se = Math.sqrt(Math.max(covariance[i * n + i]!, 0) / count) + 1e-12;
    t.true(Math.abs(m[i]! - mean[i]!) <= Z * se, `mean[${i}] ${m[i]} vs ${mean[i]}`);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = 0;
      let sumSquares = 0;
      for (const row of rows) {
        const product = (row[i]! - m[i]!) * (row[j]! - m[j]!);
        sum += product;
        sumSquares += product * product;
      }
      const c = sum / (count - 1);
      const se = Math.sqrt(Math.max(sumSquares / count - c * c, 0) / count) + 1e-12;
      const expected = covariance[i * n + j]!;
      t.true(Math.abs(c - expected) <= Z * se, `covariance[${i}][${j}] ${c} vs ${expected} (SE ${se})`);
    }
  }
}

function column(rows: readonly Float64Array[], i: number): Float64Array {
  return Float64Array.from(rows, (row) => row[i]!);
}

test('MultivariateNormal has the given mean and covariance and normal marginals', (t) => {
  const mean = [1, -2, 0.5];
  const covariance = [4, 1.2, -0.6, 1.2, 1, 0.3, -0.6, 0.3, 0.5];
  const lower = new Float64Array(9);
  t.is(checkMultivariateNormal(mean, covariance, lower), undefined);
  const rows = vectorDraws(400, DRAWS, 3, (u, out) => sampleMultivariateNormal(u, mean, lower, out));
  assertMeanAndCovariance(t, rows, mean, covariance);
  const normal = scalarDistributions.get('Normal')!;
  for (let i = 0; i < 3; i++) {
    const p = ksPValue(column(rows, i), (x) => normal.cdf!(x, [mean[i]!, covariance[i * 3 + i]!]));
    t.true(p > 0.001, `marginal ${i} KS p-value ${p}`);
  }
});

test('the Cholesky factor reproduces the covariance and check and factor agree', (t) => {
  const covariance = [4, 1.2, -0.6, 1.2, 1, 0.3, -0.6, 0.3, 0.5];
  const lower = choleskyFactor(covariance, 3);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      if (j > i) t.is(lower[i * 3 + j], 0);
      let sum = 0;
      for (let k = 0; k < 3; k++) sum += lower[i * 3 + k]! * lower[j * 3 + k]!;
      t.true(Math.abs(sum - covariance[i * 3 + j]!) < 1e-14, `(L Lᵀ)[${i}][${j}]`);
    }
  }
  const viaCheck = new Float64Array(9);
  t.is(checkCovariance(covariance, 3, viaCheck), undefined);
  t.deepEqual(viaCheck, lower);
});

test('covariance checks give clear errors', (t) => {
  t.regex(checkCovariance([1, 2, 2, 1], 2) ?? '', /positive definite \(pivot 1 .* is -3\)/);
  t.regex(checkCovariance([1, 1, 1, 1], 2) ?? '', /positive definite/, 'singular');
  t.regex(checkCovariance([1, 0.5, 0.4, 1], 2) ?? '', /symmetric/);
  t.regex(checkCovariance([1, 0, 0], 2) ?? '', /2×2 = 4 entries, got 3/);
  t.regex(checkCovariance([1, 0, 0, NaN], 2) ?? '', /must be finite/);
  t.regex(checkCovariance([-1], 1) ?? '', /positive definite/);
  t.throws(() => choleskyFactor([1, 2, 2, 1], 2), { instanceOf: RangeError, message: /positive definite/ });
  t.regex(checkMultivariateNormal([0, NaN], [1, 0, 0, 1]) ?? '', /mean\[1\] must be finite/);
  t.regex(checkMultivariateNormal([], []) ?? '', /at least one/);
  t.regex(checkMultivariateNormal([0, 0], [1, 0, 0]) ?? '', /entries/);
  t.is(checkMultivariateNormal([0, 0], [1, 1e-17, 0, 1]), undefined, 'asymmetry below 1e-9 relative');
  t.regex(checkMultivariateStudent([0], [1], 0) ?? '', /df must be > 0/);
});

test('MultivariateStudent has pyRDDLGym\'s mean and covariance and Student marginals', (t) => {
  const mean = [0.5, -1];
  const scale = [2, 0.6, 0.6, 1];
  const df = 12;
  const lower = new Float64Array(4);
  t.is(checkMultivariateStudent(mean, scale, df, lower), undefined);
  const rows = vectorDraws(401, DRAWS, 2, (u, out) => sampleMultivariateStudent(u, mean, lower, df, out));
  assertMeanAndCovariance(
    t,
    rows,
    multivariateStudentMean(mean, df, new Float64Array(2)),
    multivariateStudentCovariance(scale, 2, df, new Float64Array(4)),
  );
  // The first component is mean + L00 t0 with t0 a standard Student-t.
  const student = scalarDistributions.get('Student')!;
  const standardized = column(rows, 0).map((x) => (x - mean[0]!) / lower[0]!);
  const p = ksPValue(standardized, (x) => student.cdf!(x, [df]));
  t.true(p > 0.001, `KS p-value ${p}`);
});

test('MultivariateStudent moments that do not exist', (t) => {
  t.deepEqual([...multivariateStudentMean([1, 2], 1, new Float64Array(2))], [NaN, NaN]);
  t.deepEqual([...multivariateStudentMean([1, 2], 1.5, new Float64Array(2))], [1, 2]);
  t.deepEqual([...multivariateStudentCovariance([1, 0, 0, 1], 2, 2, new Float64Array(4))], [Infinity, NaN, NaN, Infinity]);
  t.deepEqual([...multivariateStudentCovariance([2, 0, 0, 1], 2, 4, new Float64Array(4))], [4, 0, 0, 2]);
});

test('Dirichlet has the closed-form mean and covariance, sums to 1 and has Beta marginals', (t) => {
  const alpha = [0.5, 2, 3.5];
  t.is(checkDirichlet(alpha), undefined);
  const rows = vectorDraws(402, DRAWS, 3, (u, out) => sampleDirichlet(u, alpha, out));
  t.true(rows.every((row) => Math.abs(row[0]! + row[1]! + row[2]! - 1) < 1e-12 && row.every((x) => x >= 0)));
  assertMeanAndCovariance(t, rows, dirichletMean(alpha, new Float64Array(3)), dirichletCovariance(alpha, new Float64Array(9)));
  const beta = scalarDistributions.get('Beta')!;
  for (let i = 0; i < 3; i++) {
    const p = ksPValue(column(rows, i), (x) => beta.cdf!(x, [alpha[i]!, 6 - alpha[i]!]));
    t.true(p > 0.001, `marginal ${i} KS p-value ${p}`);
  }
});

test('Dirichlet with tiny alphas neither underflows nor divides 0 by 0', (t) => {
  const alpha = [0.001, 0.002, 0.001];
  const rows = vectorDraws(403, 2000, 3, (u, out) => sampleDirichlet(u, alpha, out));
  t.true(rows.every((row) => row.every((x) => Number.isFinite(x) && x >= 0)));
  t.true(rows.every((row) => Math.abs(row[0]! + row[1]! + row[2]! - 1) < 1e-12));
  // Almost all mass on one component; the component's frequency is its mean.
  const firstWins = rows.filter((row) => row[0]! > 0.5).length / rows.length;
  t.true(Math.abs(firstWins - 0.25) < 0.05, `first component wins ${firstWins}`);
});

test('Dirichlet checks alpha', (t) => {
  t.regex(checkDirichlet([1, 0]) ?? '', /alpha\[1\] must be finite and > 0, got 0/);
  t.regex(checkDirichlet([1, NaN]) ?? '', /alpha\[1\]/);
  t.regex(checkDirichlet([]) ?? '', /at least one/);
});

test('Multinomial has the closed-form mean and covariance, sums to trials and has Binomial marginals', (t) => {
  const trials = 30;
  const probabilities = [0.2, 0, 0.5, 0.3];
  t.is(checkMultinomial(trials, probabilities), undefined);
  const rows = vectorDraws(404, DRAWS, 4, (u, out) => sampleMultinomial(u, trials, probabilities, out));
  t.true(rows.every((row) => row.reduce((a, b) => a + b, 0) === trials && row[1] === 0 && row.every(Number.isInteger)));
  assertMeanAndCovariance(
    t,
    rows,
    multinomialMean(trials, probabilities, new Float64Array(4)),
    multinomialCovariance(trials, probabilities, new Float64Array(16)),
  );
  const binomial = scalarDistributions.get('Binomial')!;
  for (const i of [0, 2, 3]) {
    const p = chiSquarePValue(column(rows, i), (k) => binomial.pmf!(k, [trials, probabilities[i]!]), 0);
    t.true(p > 0.001, `marginal ${i} chi-square p-value ${p}`);
  }
});

test('Multinomial edge cases and checks', (t) => {
  const stream = new CounterStream(deriveSeedKey(5, 'test'));
  t.deepEqual([...sampleMultinomial(stream.reset(0, 0, 0), 0, [0.5, 0.5], new Float64Array(2))], [0, 0]);
  t.deepEqual([...sampleMultinomial(stream.reset(0, 1, 0), 7, [0, 1, 0], new Float64Array(3))], [0, 7, 0]);
  t.regex(checkMultinomial(2.5, [1]) ?? '', /trials must be an integer/);
  t.regex(checkMultinomial(3, [0.5, 0.6]) ?? '', /sum to 1/);
  t.regex(checkMultinomial(3, [1.5, -0.5]) ?? '', /probability 1/);
});

test('vector samplers are pure functions of the stream position', (t) => {
  const stream = new CounterStream(deriveSeedKey(11, 'test'));
  const lower = choleskyFactor([2, 0.5, 0.5, 1], 2);
  const samplers: ((out: Float64Array) => Float64Array)[] = [
    (out) => sampleMultivariateNormal(stream, [0, 1], lower, out),
    (out) => sampleMultivariateStudent(stream, [0, 1], lower, 5, out),
    (out) => sampleDirichlet(stream, [0.5, 3], out),
    (out) => sampleMultinomial(stream, 10, [0.3, 0.7], out),
  ];
  for (const sample of samplers) {
    stream.reset(2, 3, 4);
    const first = [...sample(new Float64Array(2))];
    stream.reset(2, 4, 4);
    sample(new Float64Array(2));
    stream.reset(2, 3, 4);
    t.deepEqual([...sample(new Float64Array(2))], first);
  }
});
