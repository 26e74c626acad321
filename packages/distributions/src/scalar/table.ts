import { bernoulli } from './bernoulli.js';
import { beta } from './beta.js';
import { binomial } from './binomial.js';
import { cauchy } from './cauchy.js';
import { chiSquare } from './chi-square.js';
import { diracDelta } from './dirac-delta.js';
import type { ScalarDistribution } from './distribution.js';
import { exponential } from './exponential.js';
import { gamma } from './gamma.js';
import { geometric } from './geometric.js';
import { gompertz } from './gompertz.js';
import { gumbel } from './gumbel.js';
import { kronDelta } from './kron-delta.js';
import { kumaraswamy } from './kumaraswamy.js';
import { laplace } from './laplace.js';
import { negativeBinomial } from './negative-binomial.js';
import { normal } from './normal.js';
import { pareto } from './pareto.js';
import { poisson } from './poisson.js';
import { student } from './student.js';
import { uniform } from './uniform.js';
import { weibull } from './weibull.js';

/** Every scalar RDDL distribution by its RDDL name. */
export const scalarDistributions: ReadonlyMap<string, ScalarDistribution> = new Map(
  [
    kronDelta,
    diracDelta,
    bernoulli,
    normal,
    uniform,
    exponential,
    weibull,
    gamma,
    poisson,
    binomial,
    negativeBinomial,
    beta,
    geometric,
    pareto,
    student,
    gumbel,
    laplace,
    cauchy,
    gompertz,
    chiSquare,
    kumaraswamy,
  ].map((distribution) => [distribution.name, distribution] as const),
);
