// Parameter sets every scalar distribution is tested at: typical values and
// the awkward ones (shapes below 1, real-valued counts, large rates). Heavy
// tails are kept to shapes where the 8th moment exists, so the sample
// variance's own standard error is estimable.

export interface ScalarCase {
  readonly name: string;
  readonly params: readonly number[];
}

export const continuousCases: readonly ScalarCase[] = [
  { name: 'Normal', params: [1, 4] },
  { name: 'Normal', params: [-3, 0.01] },
  { name: 'Uniform', params: [-2, 5] },
  { name: 'Exponential', params: [2] },
  { name: 'Weibull', params: [1.5, 2] },
  { name: 'Weibull', params: [0.7, 1] },
  { name: 'Gamma', params: [3, 2] },
  { name: 'Gamma', params: [0.5, 1] },
  { name: 'Beta', params: [2, 5] },
  { name: 'Beta', params: [0.5, 0.5] },
  { name: 'Pareto', params: [10, 2] },
  { name: 'Student', params: [10] },
  { name: 'Gumbel', params: [1, 2] },
  { name: 'Laplace', params: [-1, 0.5] },
  { name: 'Cauchy', params: [2, 3] },
  { name: 'Gompertz', params: [1, 1] },
  { name: 'Gompertz', params: [0.001, 2] },
  { name: 'Gompertz', params: [50, 0.5] },
  { name: 'ChiSquare', params: [4] },
  { name: 'ChiSquare', params: [0.7] },
  { name: 'Kumaraswamy', params: [2, 5] },
  { name: 'Kumaraswamy', params: [0.5, 0.5] },
];

export const discreteCases: readonly ScalarCase[] = [
  { name: 'Bernoulli', params: [0.3] },
  { name: 'Poisson', params: [4] },
  { name: 'Poisson', params: [150] },
  { name: 'Poisson', params: [0.05] },
  { name: 'Binomial', params: [20, 0.3] },
  { name: 'Binomial', params: [1000, 0.02] },
  { name: 'NegativeBinomial', params: [3, 0.4] },
  { name: 'NegativeBinomial', params: [2.5, 0.8] },
  { name: 'Geometric', params: [0.3] },
  { name: 'Geometric', params: [0.02] },
];

/** Where each discrete distribution's support starts. */
export const supportStart: Readonly<Record<string, number>> = {
  Bernoulli: 0,
  Poisson: 0,
  Binomial: 0,
  NegativeBinomial: 0,
  Geometric: 1,
  KronDelta: 0,
};

/** One valid parameter set per distribution in the table. */
export const validParams: Readonly<Record<string, readonly number[]>> = {
  KronDelta: [4],
  DiracDelta: [3.5],
  Bernoulli: [0.3],
  Normal: [1, 4],
  Uniform: [-2, 5],
  Exponential: [2],
  Weibull: [1.5, 2],
  Gamma: [3, 2],
  Poisson: [4],
  Binomial: [20, 0.3],
  NegativeBinomial: [3, 0.4],
  Beta: [2, 5],
  Geometric: [0.3],
  Pareto: [3, 2],
  Student: [4],
  Gumbel: [1, 2],
  Laplace: [-1, 0.5],
  Cauchy: [2, 3],
  Gompertz: [1, 1],
  ChiSquare: [4],
  Kumaraswamy: [2, 5],
};

export function describe(c: ScalarCase): string {
  return `${c.name}(${c.params.join(', ')})`;
}
