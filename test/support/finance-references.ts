/**
 * Reference computations for the FinRDDL domains (`domains/*.rddl`), written
 * independently of the toolkit so that simulator and planner tests can check
 * against them. Every figure of `../shared/REFERENCE.md` sections 1-4 comes
 * out of one of these functions; each function cites where its formula is
 * from. Plain float64 arithmetic, no dependencies.
 */

// ---------------------------------------------------------------- normal distribution

/** Standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
}

/**
 * Standard normal distribution function: absolute error below 1e-16
 * (relative error under 1e-10 down to x = -5, 1e-8 at x = -8). Hart's
 * algorithm 5666 as given by G. West, "Better approximations to
 * cumulative normal functions", Wilmott Magazine (2005), figure 2.
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x);
  let c: number;
  if (z > 37) {
    c = 0;
  } else {
    const e = Math.exp((-z * z) / 2);
    if (z < 7.07106781186547) {
      let n = 3.52624965998911e-2 * z + 0.700383064443688;
      n = n * z + 6.37396220353165;
      n = n * z + 33.912866078383;
      n = n * z + 112.079291497871;
      n = n * z + 221.213596169931;
      n = n * z + 220.206867912376;
      let d = 8.83883476483184e-2 * z + 1.75566716318264;
      d = d * z + 16.064177579207;
      d = d * z + 86.7807322029461;
      d = d * z + 296.564248779674;
      d = d * z + 637.333633378831;
      d = d * z + 793.826512519948;
      d = d * z + 440.413735824752;
      c = (e * n) / d;
    } else {
      let d = z + 0.65;
      d = z + 4 / d;
      d = z + 3 / d;
      d = z + 2 / d;
      d = z + 1 / d;
      c = e / d / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

/**
 * Standard normal quantile: P. J. Acklam's rational approximation (relative
 * error 1.15e-9) refined by one Halley step on `normalCdf`, which brings it
 * to about 1e-15 for p in [1e-5, 1 - 1e-5] (1e-10 at p = 1e-10).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Standard normal loss function L(z) = E[(Z - z)+] = phi(z) - z (1 - Phi(z)). */
export function normalLoss(z: number): number {
  return normalPdf(z) - z * (1 - normalCdf(z));
}

// ---------------------------------------------------------------- asset allocation (FinRDDL section 3)

/** One asset of `domains/asset_allocation*.rddl`: daily mean log return and volatility. */
export interface AllocationAsset {
  readonly mean: number;
  readonly risk: number;
}

export interface AllocationParams {
  readonly assets: readonly AllocationAsset[];
  readonly alphaRisk: number;
  readonly alphaTransCost: number;
}

/**
 * Expected one-day reward per unit of weight, mean(a) - alpha_risk * risk(a):
 * the linear part of FinRDDL eq 3.1 (E[ln p'/p] = mean by eq 3.8).
 * REFERENCE.md section 4: (0, 0.0005) for the Table 1 instance.
 */
export function linearRewardCoefficients(p: AllocationParams): number[] {
  return p.assets.map((a) => a.mean - p.alphaRisk * a.risk);
}

/**
 * The portfolio a greedy actor on the linear reward holds (FinRDDL section
 * 3.2, "Greedy Markowitz", which ignores transaction costs): everything in
 * the asset with the largest coefficient (the first one on ties).
 */
export function greedyLinearPortfolio(p: AllocationParams): number[] {
  const c = linearRewardCoefficients(p);
  let best = 0;
  for (let i = 1; i < c.length; i++) if (c[i]! > c[best]!) best = i;
  return c.map((_, i) => (i === best ? 1 : 0));
}

/**
 * Minimum-variance portfolio of uncorrelated assets (Markowitz 1952, FinRDDL
 * eq 3.12 with a diagonal covariance): w(a) proportional to 1 / risk(a)^2.
 * REFERENCE.md section 4: (0.2, 0.8) for the Table 1 instance.
 */
export function minimumVariancePortfolio(risks: readonly number[]): number[] {
  const inv = risks.map((r) => 1 / (r * r));
  const total = inv.reduce((s, v) => s + v, 0);
  return inv.map((v) => v / total);
}

/**
 * Mean and variance of the total reward of a policy that moves to `weights`
 * on day 0 and keeps them for `horizon` days (a constant portfolio) in
 * `domains/asset_allocation.rddl`. The reward is FinRDDL eq 3.1 with the
 * day's log return mean + risk * N(0, 1) (eq 3.8), independent across assets
 * and days; the only transaction cost is the move on day 0. With every risk
 * set to 0 the variance is 0 and the mean is the exact return.
 */
export function constantPortfolioRewardMoments(
  p: AllocationParams & { readonly initialWeights: readonly number[]; readonly weights: readonly number[]; readonly horizon: number },
): { mean: number; variance: number } {
  let daily = 0;
  let dailyVariance = 0;
  let turnover = 0;
  p.assets.forEach((a, i) => {
    const w = p.weights[i]!;
    daily += w * (a.mean - p.alphaRisk * a.risk);
    dailyVariance += w * w * a.risk * a.risk;
    turnover += Math.abs(w - p.initialWeights[i]!);
  });
  return { mean: p.horizon * daily - p.alphaTransCost * turnover, variance: p.horizon * dailyVariance };
}

// ---------------------------------------------------------------- optimal execution (FinRDDL section 4)

/** The inputs of `domains/trade_execution.rddl` for one security. */
export interface ExecutionParams {
  /** Initial price S0, $/share. */
  readonly initialPrice: number;
  /** Bid-ask spread, $/share. */
  readonly spread: number;
  /** Annual volatility, a fraction. */
  readonly annualVolatility: number;
  /** Median daily traded volume, shares. */
  readonly dailyVolume: number;
  /** Shares to sell, X. */
  readonly shares: number;
  /** Number of trades N. */
  readonly numTrades: number;
  /** Horizon T, days. */
  readonly horizonDays: number;
  /** Risk aversion lambda. */
  readonly lambda: number;
  /** Trading days a year (default 250). */
  readonly tradingDaysPerYear?: number;
}

/** The constants of the Almgren-Chriss model. */
export interface ExecutionModel {
  /** Trade interval tau = T / N, days. */
  readonly tau: number;
  /** Volatility sigma, $/share/sqrt(day). */
  readonly sigma: number;
  /** Permanent impact gamma, ($/share)/share. */
  readonly gamma: number;
  /** Fixed cost epsilon, $/share. */
  readonly epsilon: number;
  /** Temporary impact eta, ($/share)/(share/day). */
  readonly eta: number;
  /** eta~ = eta - gamma tau / 2. */
  readonly etaTilde: number;
}

/**
 * Model constants from market data, as in the numerical example of Almgren
 * and Chriss (2001) and FinRDDL listing 3: sigma = AV / sqrt(250) * S0,
 * gamma = spread / (10 % of daily volume), epsilon = spread / 2,
 * eta = spread / (1 % of daily volume).
 */
export function executionModel(p: ExecutionParams): ExecutionModel {
  const tau = p.horizonDays / p.numTrades;
  const gamma = p.spread / (0.1 * p.dailyVolume);
  const eta = p.spread / (0.01 * p.dailyVolume);
  return {
    tau,
    sigma: (p.annualVolatility / Math.sqrt(p.tradingDaysPerYear ?? 250)) * p.initialPrice,
    gamma,
    epsilon: p.spread / 2,
    eta,
    etaTilde: eta - (gamma * tau) / 2,
  };
}

export interface ExecutionMoments {
  /** Shares sold in each interval, n_1..n_N. */
  readonly trades: number[];
  /** Holdings after each trade, x_1..x_N. */
  readonly holdings: number[];
  /** E[C], the expected implementation shortfall. */
  readonly expectedCost: number;
  /** V[C]. */
  readonly variance: number;
  /** E[C] + lambda V[C] (FinRDDL eq 4.5). */
  readonly objective: number;
}

/**
 * Mean and variance of the implementation shortfall C = X S0 - sum n_k S~_k
 * (FinRDDL eq 4.4) of a fixed schedule under the dynamics of eqs 4.2-4.3
 * (Almgren and Chriss 2001, section 2, with linear impact):
 *   E[C] = sum_k (gamma x_k n_k + epsilon n_k + (eta / tau) n_k^2)
 *        = gamma X^2 / 2 + epsilon X + (eta~ / tau) sum n_k^2   when sum n_k = X,
 *   V[C] = sigma^2 tau sum_k x_k^2,
 * with x_k the holdings after trade k. A schedule that does not sell
 * everything is completed in its last interval, as the domain does.
 */
export function executionMoments(p: ExecutionParams, trades: readonly number[]): ExecutionMoments {
  const m = executionModel(p);
  const n = [...trades];
  if (n.length !== p.numTrades) throw new RangeError(`executionMoments: expected ${p.numTrades} trades, got ${n.length}`);
  let left = p.shares;
  const holdings: number[] = [];
  let expectedCost = 0;
  let sumSquares = 0;
  for (let k = 0; k < n.length; k++) {
    const sold = k === n.length - 1 ? left : Math.max(0, Math.min(n[k]!, left));
    n[k] = sold;
    left -= sold;
    holdings.push(left);
    expectedCost += m.gamma * left * sold + m.epsilon * sold + (m.eta / m.tau) * sold * sold;
    sumSquares += left * left;
  }
  const variance = m.sigma * m.sigma * m.tau * sumSquares;
  return { trades: n, holdings, expectedCost, variance, objective: expectedCost + p.lambda * variance };
}

/**
 * Whole-share trades from a real schedule by rounding the holdings after
 * each trade (so they still sum to X). For the T = 5 optimum this changes
 * E[C] and V[C] by under 1e-7 relative (REFERENCE.md section 3).
 */
export function roundTradesToShares(trades: readonly number[], shares: number): number[] {
  let left = shares;
  let prev = Math.round(shares);
  return trades.map((n, k) => {
    left -= n;
    const held = k === trades.length - 1 ? 0 : Math.round(left);
    const sold = prev - held;
    prev = held;
    return sold;
  });
}

/** Equal slices X / N (the risk-neutral optimum, Bertsimas and Lo 1998). */
export function equalSlicesMoments(p: ExecutionParams): ExecutionMoments {
  return executionMoments(p, Array.from({ length: p.numTrades }, () => p.shares / p.numTrades));
}

/**
 * The optimal static schedule minimising E[C] + lambda V[C] (Almgren and
 * Chriss 2001, eqs 17-18): kappa~^2 = lambda sigma^2 / eta~,
 * kappa = acosh(kappa~^2 tau^2 / 2 + 1) / tau,
 * x_j = sinh(kappa (T - t_j)) / sinh(kappa T) X,  t_j = j tau,  n_j = x_{j-1} - x_j.
 * With lambda = 0 it is equal slices. Because the noise is independent of
 * the trades, no adaptive policy does better on the domain's reward.
 */
export function almgrenChrissOptimal(p: ExecutionParams): ExecutionMoments & { kappa: number } {
  const m = executionModel(p);
  const kappaTilde2 = (p.lambda * m.sigma * m.sigma) / m.etaTilde;
  const kappa = Math.acosh((kappaTilde2 * m.tau * m.tau) / 2 + 1) / m.tau;
  if (kappa === 0) return { ...equalSlicesMoments(p), kappa };
  const T = p.horizonDays;
  const x = (j: number) => (Math.sinh(kappa * (T - j * m.tau)) / Math.sinh(kappa * T)) * p.shares;
  const trades = Array.from({ length: p.numTrades }, (_, i) => x(i) - x(i + 1));
  return { ...executionMoments(p, trades), kappa };
}

// ---------------------------------------------------------------- goal-based wealth management

/** One portfolio on the efficient frontier: mean return and volatility per year. */
export interface FrontierPortfolio {
  readonly mu: number;
  readonly sigma: number;
}

/**
 * The 15 efficient-frontier portfolios of Volakakis (2023), Table 2 (from
 * three asset classes, after Das et al. 2020); index 0 is portfolio 1, the
 * most conservative.
 */
export const GBWM_PORTFOLIOS: readonly FrontierPortfolio[] = [
  [0.0526, 0.037],
  [0.0552, 0.0396],
  [0.0577, 0.0463],
  [0.0604, 0.0557],
  [0.0629, 0.0664],
  [0.0655, 0.0781],
  [0.068, 0.0904],
  [0.0706, 0.1031],
  [0.0732, 0.1159],
  [0.0757, 0.129],
  [0.0783, 0.1421],
  [0.0809, 0.1554],
  [0.0834, 0.1687],
  [0.086, 0.1821],
  [0.0886, 0.1955],
].map(([mu, sigma]) => ({ mu: mu!, sigma: sigma! }));

/**
 * Moments of wealth after `years` in one portfolio, W = W0 exp((mu -
 * sigma^2 / 2) t + sigma sqrt(t) Z) (Volakakis 2023, eq 3): ln W is normal;
 * E[W] = W0 e^{mu t}, V[W] = W0^2 e^{2 mu t} (e^{sigma^2 t} - 1).
 */
export function lognormalWealthMoments(
  portfolio: FrontierPortfolio,
  initialWealth: number,
  years: number,
): { mean: number; variance: number; logMean: number; logVariance: number } {
  const { mu, sigma } = portfolio;
  return {
    mean: initialWealth * Math.exp(mu * years),
    variance: initialWealth * initialWealth * Math.exp(2 * mu * years) * (Math.exp(sigma * sigma * years) - 1),
    logMean: Math.log(initialWealth) + (mu - (sigma * sigma) / 2) * years,
    logVariance: sigma * sigma * years,
  };
}

/**
 * P(W_T >= G) when the same portfolio is held throughout (the return of the
 * constant policy in `domains/gbwm.rddl`, e.g. noop = portfolio 1):
 * 1 - Phi((ln(G / W0) - (mu - sigma^2 / 2) T) / (sigma sqrt(T))).
 */
export function constantPortfolioSuccessProbability(portfolio: FrontierPortfolio, initialWealth: number, goal: number, years: number): number {
  const m = lognormalWealthMoments(portfolio, initialWealth, years);
  return 1 - normalCdf((Math.log(goal) - m.logMean) / Math.sqrt(m.logVariance));
}

/**
 * Bounds of the "Das grid" (Das et al. 2020; Volakakis 2023, eqs 8-9):
 * W0 exp((mu_min - s_max^2 / 2) T -/+ 3 s_max sqrt(T)), with mu_max for the
 * upper bound. REFERENCE.md section 1: 21.876064377 and 1280.165676978.
 */
export function dasGridBounds(portfolios: readonly FrontierPortfolio[], initialWealth: number, years: number): { wMin: number; wMax: number } {
  const muMin = Math.min(...portfolios.map((p) => p.mu));
  const muMax = Math.max(...portfolios.map((p) => p.mu));
  const sMax = Math.max(...portfolios.map((p) => p.sigma));
  return {
    wMin: initialWealth * Math.exp((muMin - (sMax * sMax) / 2) * years - 3 * sMax * Math.sqrt(years)),
    wMax: initialWealth * Math.exp((muMax - (sMax * sMax) / 2) * years + 3 * sMax * Math.sqrt(years)),
  };
}

/** A goal of the multi-goal problem: can be bought at `period` for `cost`, earning `utility`. */
export interface WealthGoal {
  readonly period: number;
  readonly cost: number;
  readonly utility: number;
}

export interface GoalDpOptions {
  readonly portfolios?: readonly FrontierPortfolio[];
  readonly initialWealth: number;
  /** Number of decision periods before the last goal (T / h). */
  readonly periods: number;
  /** Years per period h (default 1). */
  readonly periodYears?: number;
  /** Goals; one falling due at `periods` is bought whenever affordable. */
  readonly goals: readonly WealthGoal[];
  /** Grid points, equally spaced in ln W between the bounds (200 in the thesis). */
  readonly gridPoints: number;
  /** Grid bounds; default the Das bounds for `initialWealth` and `periods * periodYears` years. */
  readonly bounds?: { readonly wMin: number; readonly wMax: number };
  /** Shift the grid so that ln(alignWealth) lies midway between two points (Denault and Simonato 2022). */
  readonly alignWealth?: number;
  /**
   * Instead of `gridPoints` points between the bounds, use this spacing in
   * ln W, with ln(alignWealth) midway between two points, covering the bounds.
   */
  readonly logStep?: number;
}

export interface GoalDpResult {
  /** ln W of the grid points. */
  readonly logGrid: number[];
  /** values[t][i]: optimal expected utility at period t, grid point i (t = 0..periods). */
  readonly values: number[][];
  /** actions[t][i]: best portfolio number (1-based) at period t < periods. */
  readonly actions: number[][];
  /** buys[t][i]: whether the goal due at period t is bought. */
  readonly buys: boolean[][];
  /** Value at W0, linear in ln W between the grid neighbours of W0. */
  readonly valueAtW0: number;
  /** The grid neighbours of W0 at period 0. */
  readonly neighbours: readonly { wealth: number; value: number; action: number }[];
}

/**
 * Backward induction on a wealth grid (Das et al. 2020; Volakakis 2023,
 * section 3.2 for one goal, eqs 4-7, and section 5.2 for several): points
 * equally spaced in ln W; the transition row from ln W (or ln(W - C) after a
 * purchase, as REFERENCE.md section 2 prescribes instead of the thesis's
 * eq 26) is the normal density of the ln-wealth increment at the grid
 * points, normalised per row (computed in log space, so rows far off the
 * grid put their mass on the nearest end instead of underflowing). The value
 * at the last period is the utility of the goals due then when affordable;
 * earlier goals may be bought or skipped. With one goal of utility 1 and cost
 * G at the last period this is the single-goal problem (reward 1[W_T >= G]).
 */
export function goalBasedDp(o: GoalDpOptions): GoalDpResult {
  const portfolios = o.portfolios ?? GBWM_PORTFOLIOS;
  const h = o.periodYears ?? 1;
  const { wMin, wMax } = o.bounds ?? dasGridBounds(portfolios, o.initialWealth, o.periods * h);
  const lo = Math.log(wMin);
  const hi = Math.log(wMax);
  let logGrid: number[];
  let step: number;
  if (o.logStep !== undefined) {
    if (o.alignWealth === undefined) throw new RangeError('goalBasedDp: logStep needs alignWealth');
    step = o.logStep;
    const g = Math.log(o.alignWealth) + step / 2;
    const kMin = Math.floor((lo - g) / step);
    const kMax = Math.ceil((hi - g) / step);
    logGrid = Array.from({ length: kMax - kMin + 1 }, (_, i) => g + (kMin + i) * step);
  } else {
    step = (hi - lo) / (o.gridPoints - 1);
    logGrid = Array.from({ length: o.gridPoints }, (_, i) => lo + i * step);
    if (o.alignWealth !== undefined) {
      const g = Math.log(o.alignWealth);
      const k = logGrid.findIndex((w) => w >= g);
      if (k > 0) {
        const shift = g - (logGrid[k - 1]! + logGrid[k]!) / 2;
        logGrid = logGrid.map((w) => w + shift);
      }
    }
  }
  const n = logGrid.length;
  const wealth = logGrid.map(Math.exp);
  const dueAt = (t: number) => o.goals.filter((g) => g.period === t);

  // E[V(ln W + increment)] from every grid point, for every portfolio. The
  // grid is uniform, so the density depends on the offset j - i only; rows
  // stay well inside the range of exp (the increment's mean is a fraction of
  // its standard deviation), so no log-space normalisation is needed.
  const expectationOnGrid = (V: readonly number[]): number[][] =>
    portfolios.map(({ mu, sigma }) => {
      const drift = (mu - (sigma * sigma) / 2) * h;
      const sd = sigma * Math.sqrt(h);
      const kernel = Array.from({ length: 2 * n - 1 }, (_, o) => {
        const z = ((o - (n - 1)) * step - drift) / sd;
        return Math.exp(-0.5 * z * z);
      });
      return logGrid.map((_, i) => {
        let total = 0;
        let acc = 0;
        for (let j = 0; j < n; j++) {
          const d = kernel[j - i + n - 1]!;
          total += d;
          acc += d * V[j]!;
        }
        return acc / total;
      });
    });

  // The same from arbitrary points ln W (after a purchase).
  const expectation = (V: readonly number[], sources: readonly number[]): number[][] =>
    portfolios.map(({ mu, sigma }) => {
      const drift = (mu - (sigma * sigma) / 2) * h;
      const sd = sigma * Math.sqrt(h);
      return sources.map((src) => {
        if (!Number.isFinite(src)) return V[0]!;
        let maxExp = -Infinity;
        const ex = logGrid.map((w) => {
          const z = (w - src - drift) / sd;
          const e = -0.5 * z * z;
          if (e > maxExp) maxExp = e;
          return e;
        });
        let total = 0;
        let acc = 0;
        for (let j = 0; j < n; j++) {
          const d = Math.exp(ex[j]! - maxExp);
          total += d;
          acc += d * V[j]!;
        }
        return acc / total;
      });
    });

  const T = o.periods;
  const values: number[][] = new Array<number[]>(T + 1);
  const actions: number[][] = new Array<number[]>(T);
  const buys: boolean[][] = new Array<boolean[]>(T + 1);
  values[T] = wealth.map((w) => dueAt(T).reduce((s, g) => s + (w >= g.cost ? g.utility : 0), 0));
  buys[T] = wealth.map((w) => dueAt(T).some((g) => w >= g.cost));
  for (let t = T - 1; t >= 0; t--) {
    const next = values[t + 1]!;
    const skip = expectationOnGrid(next);
    const best = (rows: number[][], i: number): [number, number] => {
      let value = -Infinity;
      let action = 0;
      rows.forEach((row, k) => {
        if (row[i]! > value) {
          value = row[i]!;
          action = k + 1;
        }
      });
      return [value, action];
    };
    const goal = dueAt(t)[0];
    const buy = goal ? expectation(next, wealth.map((w) => (w > goal.cost ? Math.log(w - goal.cost) : -Infinity))) : undefined;
    values[t] = [];
    actions[t] = [];
    buys[t] = [];
    for (let i = 0; i < n; i++) {
      let [value, action] = best(skip, i);
      let bought = false;
      if (goal && buy && wealth[i]! >= goal.cost) {
        const [bv, ba] = best(buy, i);
        if (bv + goal.utility > value) {
          value = bv + goal.utility;
          action = ba;
          bought = true;
        }
      }
      values[t]!.push(value);
      actions[t]!.push(action);
      buys[t]!.push(bought);
    }
  }
  const lw = Math.log(o.initialWealth);
  const j = logGrid.findIndex((w) => w >= lw);
  const a = logGrid[j - 1]!;
  const b = logGrid[j]!;
  const v0 = values[0]!;
  const valueAtW0 = v0[j - 1]! + ((v0[j]! - v0[j - 1]!) * (lw - a)) / (b - a);
  const neighbours = [j - 1, j].map((i) => ({ wealth: wealth[i]!, value: v0[i]!, action: actions[0]![i]! }));
  return { logGrid, values, actions, buys, valueAtW0, neighbours };
}

/** The single-goal problem of `domains/gbwm.rddl` (REFERENCE.md section 1). */
export function gbwmDp(o: { initialWealth: number; goal: number; periods: number; gridPoints: number; alignGoal?: boolean }): GoalDpResult {
  return goalBasedDp({
    initialWealth: o.initialWealth,
    periods: o.periods,
    goals: [{ period: o.periods, cost: o.goal, utility: 1 }],
    gridPoints: o.gridPoints,
    ...(o.alignGoal ? { alignWealth: o.goal } : {}),
  });
}

/**
 * The two-goal problem of `instances/mgwm_*.rddl` (REFERENCE.md section 2):
 * W0 = 100, goal 1 at year 5 for 100, goal 2 at year 10 for 150.
 */
export function mgwmDp(o: { u5: number; u10: number; gridPoints: number }): GoalDpResult {
  return goalBasedDp({
    initialWealth: 100,
    periods: 10,
    goals: [
      { period: 5, cost: 100, utility: o.u5 },
      { period: 10, cost: 150, utility: o.u10 },
    ],
    gridPoints: o.gridPoints,
  });
}

/**
 * The two-goal problem on a grid fine enough to be converged (REFERENCE.md
 * section 2, "converged optimum", tolerance 0.5): spacing ln(150 / 100) /
 * `stepsBetweenGoals` in ln W, so that both thresholds (150 at year 10, 100
 * at year 5) lie midway between grid points, over the Das bounds. 160 steps
 * (about 1,600 points) come within 0.2 of the converged figures; a few
 * seconds per scenario.
 */
export function mgwmConvergedDp(o: { u5: number; u10: number; stepsBetweenGoals?: number }): GoalDpResult {
  return goalBasedDp({
    initialWealth: 100,
    periods: 10,
    goals: [
      { period: 5, cost: 100, utility: o.u5 },
      { period: 10, cost: 150, utility: o.u10 },
    ],
    gridPoints: 0,
    alignWealth: 150,
    logStep: Math.log(1.5) / (o.stepsBetweenGoals ?? 160),
  });
}

/** The portfolio (1-based) a grid policy picks at period t for a wealth off the grid: the nearest point in ln W. */
export function gridPolicyAction(result: GoalDpResult, t: number, wealth: number): { portfolio: number; buy: boolean } {
  const g = result.logGrid;
  const lw = Math.log(wealth);
  const step = g[1]! - g[0]!;
  const i = Math.min(g.length - 1, Math.max(0, Math.round((lw - g[0]!) / step)));
  return { portfolio: result.actions[t]![i]!, buy: result.buys[t]![i]! };
}

// ---------------------------------------------------------------- inventory (newsvendor)

/**
 * The classic newsvendor with normal demand (Arrow, Harris and Marschak
 * 1951; e.g. Porteus, "Foundations of Stochastic Inventory Theory", 2002,
 * chapter 1): with underage cost cu and overage cost co the optimal stock
 * is the critical fractile a* = mu + sd z*, z* = Phi^-1(cu / (cu + co)), and
 * the expected cost co E[(a - D)+] + cu E[(D - a)+] = sd (co z* + (co + cu) L(z*)).
 */
export function newsvendorOptimum(o: { mean: number; sd: number; underageCost: number; overageCost: number }): {
  criticalFractile: number;
  orderUpTo: number;
  expectedCost: number;
} {
  const criticalFractile = o.underageCost / (o.underageCost + o.overageCost);
  const z = normalQuantile(criticalFractile);
  return {
    criticalFractile,
    orderUpTo: o.mean + o.sd * z,
    expectedCost: o.sd * (o.overageCost * z + (o.overageCost + o.underageCost) * normalLoss(z)),
  };
}

/**
 * The daily problem of `instances/inventory_2.rddl` (`domains/inventory.rddl`
 * with a free daily delivery): holding cost h on the whole stock a after the
 * delivery and emergency premium e per unit short cost h a + e E[(D - a)+]
 * = h mu + h E[(a - D)+] + (e - h) E[(D - a)+], a newsvendor with co = h and
 * cu = e - h. Leftover stock never exceeds a, so ordering up to a* every day
 * is optimal for the whole horizon. Returns a* and the expected cost per day.
 */
export function inventoryNewsvendorOptimum(o: { mean: number; sd: number; holdingCost: number; emergencyCost: number }): {
  orderUpTo: number;
  dailyCost: number;
} {
  const nv = newsvendorOptimum({ mean: o.mean, sd: o.sd, underageCost: o.emergencyCost - o.holdingCost, overageCost: o.holdingCost });
  return { orderUpTo: nv.orderUpTo, dailyCost: o.holdingCost * o.mean + nv.expectedCost };
}

/** Expected daily cost of ordering up to `orderUpTo` every day in the setting of `inventoryNewsvendorOptimum`. */
export function inventoryOrderUpToDailyCost(o: { mean: number; sd: number; holdingCost: number; emergencyCost: number; orderUpTo: number }): number {
  const z = (o.orderUpTo - o.mean) / o.sd;
  return o.holdingCost * o.orderUpTo + o.emergencyCost * o.sd * normalLoss(z);
}
