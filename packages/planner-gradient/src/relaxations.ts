/**
 * The table of relaxations: how each construct that has no useful gradient is
 * replaced while planning. The plan is optimised on the relaxed rollouts and
 * always evaluated on the exact simulator.
 *
 * Only expressions whose value depends on the actions (directly or through
 * the state) are relaxed; everything else is computed exactly, so a calendar
 * test like `mod[day, 60] == 0` stays exact.
 *
 * "straight-through" keeps the exact value in the forward pass and uses the
 * derivative of the smooth version in the backward pass, so the planner
 * optimises the real model with surrogate gradients. The smooth methods
 * change the forward pass too (what tf-plan and JaxPlan do).
 */

export type Construct =
  | 'comparison'
  | 'equality'
  | 'logic'
  | 'switch'
  | 'argmax'
  | 'rounding'
  | 'minmax'
  | 'bernoulli'
  | 'discrete'
  | 'integer-sampler'
  | 'continuous-sampler'
  | 'discrete-action'
  | 'termination';

export interface Relaxation {
  readonly method: string;
  /** Sharpness of the smooth version (1 / temperature); larger is closer to exact. */
  readonly weight: number;
}

export type RelaxationTable = Readonly<Record<Construct, Relaxation>>;

/** For each construct: the methods it accepts (the first is the default), the default weight, and what they do. */
export const relaxationCatalogue: Readonly<Record<Construct, { readonly methods: readonly string[]; readonly weight: number; readonly covers: string; readonly describe: Readonly<Record<string, string>> }>> = {
  comparison: {
    methods: ['straight-through', 'sigmoid', 'exact'],
    weight: 10,
    covers: '< <= > >=',
    describe: {
      'straight-through': 'exact 0/1 forward, gradient of sigmoid(w (a - b))',
      sigmoid: 'sigmoid(w (a - b)) forward and backward',
      exact: 'exact, no gradient',
    },
  },
  equality: {
    methods: ['straight-through', 'tanh', 'exact'],
    weight: 10,
    covers: '== ~=',
    describe: {
      'straight-through': 'exact 0/1 forward, gradient of 1 - tanh(w (a - b))^2',
      tanh: '1 - tanh(w (a - b))^2 forward and backward',
      exact: 'exact, no gradient',
    },
  },
  logic: {
    methods: ['product', 'goedel', 'lukasiewicz'],
    weight: 1,
    covers: '^ | ~ => <=> forall exists',
    describe: {
      product: 'product t-norm: a ^ b = ab, a | b = a + b - ab, ~a = 1 - a (exact on 0/1)',
      goedel: 'Goedel t-norm: min / max (exact on 0/1)',
      lukasiewicz: 'Lukasiewicz t-norm: max(0, a + b - 1) / min(1, a + b) (exact on 0/1)',
    },
  },
  switch: {
    methods: ['straight-through', 'softmax', 'exact'],
    weight: 10,
    covers: 'switch, if on a finite value, nested fluents with a computed argument',
    describe: {
      'straight-through': 'exact option forward, gradient of the softmax(-w (i - index)^2) mixture',
      softmax: 'softmax(-w (i - index)^2) mixture of the options',
      exact: 'exact option, no gradient to the index',
    },
  },
  argmax: {
    methods: ['straight-through', 'softmax', 'exact'],
    weight: 10,
    covers: 'argmax argmin',
    describe: {
      'straight-through': 'exact index forward, gradient of sum_i i softmax(w x)_i',
      softmax: 'sum_i i softmax(w x)_i',
      exact: 'exact, no gradient',
    },
  },
  rounding: {
    methods: ['straight-through', 'soft', 'exact'],
    weight: 10,
    covers: 'floor ceil round sgn div mod fmod',
    describe: {
      'straight-through': 'exact forward; floor, ceil, round pass the gradient through (slope 1), sgn uses tanh(w x)',
      soft: 'smooth staircase n + sigmoid(w (x - n - 1/2)) for floor (ceil, round alike), tanh(w x) for sgn',
      exact: 'exact, no gradient',
    },
  },
  minmax: {
    methods: ['straight-through', 'exact', 'softmax'],
    weight: 2,
    covers: 'min max (abs stays exact)',
    describe: {
      'straight-through': 'exact value; the gradient is shared by softmax weights of w (difference / size of the arguments), so a clipped argument still learns which way to go',
      exact: 'exact value, subgradient to the selected argument (split on ties)',
      softmax: 'log-sum-exp with weight w forward and backward',
    },
  },
  bernoulli: {
    methods: ['straight-through', 'gumbel', 'exact'],
    weight: 10,
    covers: 'Bernoulli',
    describe: {
      'straight-through': 'exact draw 1[logit p + logit u >= 0] forward, gradient of the binary concrete sigmoid(w (logit p + logit u))',
      gumbel: 'binary concrete (Gumbel-sigmoid) sigmoid(w (logit p + logit u)), temperature 1 / w',
      exact: 'exact draw, no gradient to p',
    },
  },
  discrete: {
    methods: ['straight-through', 'gumbel-softmax', 'exact'],
    weight: 10,
    covers: 'Discrete',
    describe: {
      'straight-through': 'exact Gumbel-max draw forward, gradient of sum_i i softmax(w (ln p_i + g_i))_i',
      'gumbel-softmax': 'sum_i i softmax(w (ln p_i + g_i))_i, temperature 1 / w',
      exact: 'exact draw, no gradient to the probabilities',
    },
  },
  'integer-sampler': {
    methods: ['straight-through', 'exact'],
    weight: 1,
    covers: 'Poisson Binomial NegativeBinomial Geometric',
    describe: {
      'straight-through': 'exact inverse-CDF draw forward, gradient of mean + sd z (z = standardised draw)',
      exact: 'exact draw, no gradient to the parameters',
    },
  },
  'continuous-sampler': {
    methods: ['reparameterisation', 'exact'],
    weight: 1,
    covers: 'Normal Uniform Exponential Gamma Beta Weibull Student ... (every sampler with a quantile)',
    describe: {
      reparameterisation: 'inverse CDF of a fixed uniform: x = Q(u; params), exact value and pathwise gradient',
      exact: 'exact draw, no gradient to the parameters',
    },
  },
  termination: {
    methods: ['straight-through', 'exact'],
    weight: 1,
    covers: 'termination conditions',
    describe: {
      'straight-through': 'rewards after a termination do not count (exact), but their gradients still flow, as if the episode went on: the plan learns what ending early forgoes',
      exact: 'rewards after a termination do not count and give no gradient',
    },
  },
  'discrete-action': {
    methods: ['straight-through', 'soft'],
    weight: 1,
    covers: 'bool and int action fluents',
    describe: {
      'straight-through': 'rounded value forward (bool: p >= 1/2), identity gradient',
      soft: 'the relaxed value itself (bool: probability, int: real)',
    },
  },
};

export const constructs = Object.keys(relaxationCatalogue) as Construct[];

/** The default table: the first method of each construct, with its default weight. */
export const defaultRelaxations: RelaxationTable = Object.fromEntries(
  constructs.map((c) => [c, { method: relaxationCatalogue[c].methods[0]!, weight: relaxationCatalogue[c].weight }]),
) as unknown as RelaxationTable;

/** Every construct smooth in the forward pass: the gradient is then the exact derivative of the relaxed loss (gradient checks use it). */
export const smoothRelaxations: RelaxationTable = {
  ...defaultRelaxations,
  comparison: { method: 'sigmoid', weight: 10 },
  equality: { method: 'tanh', weight: 10 },
  switch: { method: 'softmax', weight: 10 },
  argmax: { method: 'softmax', weight: 10 },
  rounding: { method: 'soft', weight: 10 },
  bernoulli: { method: 'gumbel', weight: 10 },
  discrete: { method: 'gumbel-softmax', weight: 10 },
  minmax: { method: 'exact', weight: 10 },
  'integer-sampler': { method: 'exact', weight: 1 },
  'discrete-action': { method: 'soft', weight: 1 },
};

/**
 * A relaxation table from text: `construct=method[:weight]` overrides,
 * comma-separated, applied in order over the defaults; the presets
 * `default` and `smooth` reset the whole table (e.g. `smooth,comparison=sigmoid:0.05`).
 * Throws with the accepted names on a mistake.
 */
export function parseRelaxations(text: string): RelaxationTable {
  let table: Record<string, Relaxation> = { ...defaultRelaxations };
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '' || part === 'default') {
      table = { ...defaultRelaxations };
      continue;
    }
    if (part === 'smooth') {
      table = { ...smoothRelaxations };
      continue;
    }
    const m = /^([a-z-]+)\s*=\s*([a-z-]+)\s*(?::\s*([0-9.eE+-]+))?$/.exec(part);
    if (!m) throw new Error(`cannot read the relaxation '${part}': write construct=method or construct=method:weight (or a preset: default, smooth)`);
    const construct = m[1] as Construct;
    const entry = relaxationCatalogue[construct];
    if (!entry) throw new Error(`unknown construct '${m[1]}' (constructs: ${constructs.join(', ')})`);
    if (!entry.methods.includes(m[2]!)) throw new Error(`unknown method '${m[2]}' for ${construct} (methods: ${entry.methods.join(', ')})`);
    const weight = m[3] !== undefined ? Number(m[3]) : table[construct]!.weight;
    if (!(weight > 0) || !Number.isFinite(weight)) throw new Error(`the weight of ${construct} must be a positive number, not '${m[3]}'`);
    table[construct] = { method: m[2]!, weight };
  }
  return table as unknown as RelaxationTable;
}

/** The table as `construct=method:weight,...` (for stats and docs). */
export function formatRelaxations(table: RelaxationTable): string {
  return constructs.map((c) => `${c}=${table[c].method}:${table[c].weight}`).join(',');
}
