export type { UniformSource } from './uniform-source.js';
export type { ScalarDistribution, Support } from './scalar/distribution.js';
export { scalarDistributions } from './scalar/table.js';
export { standardNormalQuantile } from './numeric/normal-quantile.js';

export { checkBernoulli, sampleBernoulli } from './scalar/bernoulli.js';
export { checkNormal, sampleNormal } from './scalar/normal.js';
export { checkUniform, sampleUniform } from './scalar/uniform.js';
export { checkExponential, exponentialQuantile, sampleExponential } from './scalar/exponential.js';
export { checkWeibull, sampleWeibull, weibullMean, weibullQuantile, weibullVariance } from './scalar/weibull.js';
export { checkGamma, gammaQuantile, sampleGamma } from './scalar/gamma.js';
export { checkPoisson, poissonQuantile, samplePoisson } from './scalar/poisson.js';
export { binomialQuantile, checkBinomial, sampleBinomial } from './scalar/binomial.js';
export {
  checkNegativeBinomial,
  negativeBinomialQuantile,
  sampleNegativeBinomial,
} from './scalar/negative-binomial.js';
export { checkBeta, sampleBeta } from './scalar/beta.js';
export { checkGeometric, geometricQuantile, sampleGeometric } from './scalar/geometric.js';
export {
  checkPareto,
  paretoCdf,
  paretoMean,
  paretoQuantile,
  paretoVariance,
  samplePareto,
} from './scalar/pareto.js';
export { checkStudent, sampleStudent, studentMean, studentVariance } from './scalar/student.js';
export { checkGumbel, gumbelQuantile, sampleGumbel } from './scalar/gumbel.js';
export { checkLaplace, laplaceQuantile, sampleLaplace } from './scalar/laplace.js';
export { cauchyQuantile, checkCauchy, sampleCauchy } from './scalar/cauchy.js';
export {
  checkGompertz,
  gompertzCdf,
  gompertzMean,
  gompertzQuantile,
  gompertzVariance,
  sampleGompertz,
} from './scalar/gompertz.js';
export { checkChiSquare, sampleChiSquare } from './scalar/chi-square.js';
export { checkKumaraswamy, kumaraswamyQuantile, sampleKumaraswamy } from './scalar/kumaraswamy.js';
export { checkKronDelta } from './scalar/kron-delta.js';
export { checkDiracDelta } from './scalar/dirac-delta.js';

export { DISCRETE_SUM_TOLERANCE, checkDiscrete, sampleDiscrete } from './vector/discrete.js';
export { checkCovariance, choleskyFactor } from './vector/cholesky.js';
export { checkDirichlet, dirichletCovariance, dirichletMean, sampleDirichlet } from './vector/dirichlet.js';
export {
  checkMultinomial,
  multinomialCovariance,
  multinomialMean,
  sampleMultinomial,
} from './vector/multinomial.js';
export { checkMultivariateNormal, sampleMultivariateNormal } from './vector/multivariate-normal.js';
export {
  checkMultivariateStudent,
  multivariateStudentCovariance,
  multivariateStudentMean,
  sampleMultivariateStudent,
} from './vector/multivariate-student.js';
