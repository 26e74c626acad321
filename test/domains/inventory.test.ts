import test from 'ava';
import { constantPolicy, noopPolicy, pairedDifference, randomPolicy } from '@rddl/sim';
import { inventoryNewsvendorOptimum, inventoryOrderUpToDailyCost, normalCdf, normalLoss, normalPdf } from '../support/finance-references.js';
import { action, assertMean, assertVariance, checkBaselines, fmt, indexOf, instanceFilesOf, loadInstance, moments, play, SEED } from './helpers.js';

// domains/inventory.rddl (Mana et al. 2023, the inventory working example;
// docs/domains/inventory.md). inventory_2 is a newsvendor with a closed form.

const DAYS = 28;
/** inventory_2: demand Normal(100, 20^2), holding 0.1 per unit on the shelf, emergency 1.0 per unit short. */
const NEWSVENDOR = { mean: 100, sd: 20, holdingCost: 0.1, emergencyCost: 1.0 };

/** Expected return and its variance of "schedule 1, order up to a every day" on inventory_2: the 28 days are independent. */
function orderUpTo(a: number): { mean: number; variance: number } {
  const z = (a - NEWSVENDOR.mean) / NEWSVENDOR.sd;
  // E[(Z - z)+^2] = (1 + z^2)(1 - Phi(z)) - z phi(z); the daily cost is h a + e (D - a)+.
  const second = (1 + z * z) * (1 - normalCdf(z)) - z * normalPdf(z);
  const shortfallVariance = NEWSVENDOR.sd ** 2 * (second - normalLoss(z) ** 2);
  return {
    mean: -DAYS * inventoryOrderUpToDailyCost({ ...NEWSVENDOR, orderUpTo: a }),
    variance: DAYS * NEWSVENDOR.emergencyCost ** 2 * shortfallVariance,
  };
}

/** Composite Simpson rule of f on [a, b] with n (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

/**
 * Relative standard error of the sample variance of M returns of "order up
 * to a" on inventory_2: sqrt((kurtosis - 1) / M), the return being a sum of
 * 28 iid copies of -e (D - a)+ (kurtosis mu4 / (28 sigma^4) + 3 * 27 / 28).
 */
function returnVarianceSe(a: number, m: number): number {
  const z = (a - NEWSVENDOR.mean) / NEWSVENDOR.sd;
  const raw = [1, 2, 3, 4].map((k) => simpson((x) => normalPdf(x) * (x - z) ** k, z, z + 14, 20_000));
  const [m1, m2, m3, m4] = raw as [number, number, number, number];
  const variance = m2 - m1 * m1;
  const mu4 = m4 - 4 * m3 * m1 + 6 * m2 * m1 * m1 - 3 * m1 ** 4;
  const kurtosis = mu4 / (DAYS * variance * variance) + (3 * (DAYS - 1)) / DAYS;
  return Math.sqrt((kurtosis - 1) / m);
}

test('both instances parse, check clean, compile, and run noop and random with no violation', (t) => {
  const files = instanceFilesOf('inventory');
  t.deepEqual(files, ['instances/inventory_1.rddl', 'instances/inventory_2.rddl']);
  for (const file of files) checkBaselines(t, 'inventory', file);
});

test('inventory_2: the closed-form optimum is a* = 125.6310313, daily cost 13.5099666, return -378.2790659 over 28 days', (t) => {
  const opt = inventoryNewsvendorOptimum(NEWSVENDOR);
  t.is(opt.orderUpTo.toFixed(7), '125.6310313');
  t.is(opt.dailyCost.toFixed(7), '13.5099666');
  t.is((-DAYS * opt.dailyCost).toFixed(7), '-378.2790659');
  t.true(Math.abs(orderUpTo(opt.orderUpTo).mean + 378.2790659) < 1e-6);
  // The documented returns of other order-up-to levels.
  t.is(orderUpTo(100).mean.toFixed(4), '-503.4077');
  t.is(orderUpTo(115).mean.toFixed(4), '-395.4535');
  t.is(orderUpTo(140).mean.toFixed(4), '-396.7548');
  // a* maximises the closed form.
  for (const d of [-1, -0.1, 0.1, 1]) t.true(orderUpTo(opt.orderUpTo + d).mean < orderUpTo(opt.orderUpTo).mean);
});

test('inventory_2: ordering up to a* every day gives the optimal return -378.279 (20,000 episodes); other levels give their lower closed-form returns', (t) => {
  const { compiled } = loadInstance('inventory', 'instances/inventory_2.rddl');
  const stock = indexOf(compiled.layout.interm, 'stock');
  const aStar = inventoryNewsvendorOptimum(NEWSVENDOR).orderUpTo;
  let offLevel = 0;
  const best = play(compiled, constantPolicy(action(compiled, `schedule_choice=1, order_up_to=${aStar}`)), {
    episodes: 20_000,
    onStep: (s) => {
      // Leftover stock never exceeds a, so the shelf holds exactly a after every delivery.
      if (Math.abs(s.interm[stock]! - aStar) > 1e-9) offLevel++;
    },
  });
  t.is(offLevel, 0);
  const opt = orderUpTo(aStar);
  t.log(`a* = ${aStar}: return sd ${fmt(Math.sqrt(opt.variance))}`);
  assertMean(t, 'return at a*', best, opt.mean, opt.variance);
  assertVariance(t, 'return at a*', best, opt.variance, 4, returnVarianceSe(aStar, best.length));
  const n = 5_000;
  for (const a of [100, 115, 140]) {
    const worse = play(compiled, constantPolicy(action(compiled, `schedule_choice=1, order_up_to=${a}`)), { episodes: n });
    const m = orderUpTo(a);
    assertMean(t, `return at ${a}`, worse, m.mean, m.variance);
    // Same draws (common random numbers): a* is better episode by episode on average.
    const diff = pairedDifference(best.subarray(0, n), worse);
    t.log(`a* - ${a}: ${fmt(diff.mean)} ± ${fmt(diff.standardError)} (closed form ${fmt(opt.mean - m.mean)})`);
    t.true(diff.mean - 4 * diff.standardError > 0, `ordering up to ${a} is not worse than a*`);
  }
});

test('inventory_2: noop serves every unit by emergency orders: reward -e * demand each day, expected return -2800', (t) => {
  const { compiled } = loadInstance('inventory', 'instances/inventory_2.rddl');
  const demand = indexOf(compiled.layout.interm, 'demand');
  let wrong = 0;
  const returns = play(compiled, noopPolicy(compiled), {
    episodes: 2_000,
    onStep: (s) => {
      if (s.reward !== -NEWSVENDOR.emergencyCost * s.interm[demand]!) wrong++;
    },
  });
  t.is(wrong, 0);
  assertMean(t, 'noop return', returns, -2800, DAYS * NEWSVENDOR.sd ** 2);
});

test('inventory_1: every step of the random policy follows the flow and cost equations of the docs', (t) => {
  const { compiled } = loadInstance('inventory', 'instances/inventory_1.rddl');
  const I = compiled.layout.interm;
  const S = compiled.layout.state;
  const A = compiled.layout.action;
  const [demand, order, overfill, stock, emergency, delivery, forecast] = ['demand', 'order', 'overfill', 'stock', 'emergency', 'delivery_day', 'forecast_today'].map((n) => indexOf(I, n));
  const [inv, day] = ['inventory', 'day'].map((n) => indexOf(S, n));
  const [choice, upTo] = ['schedule_choice', 'order_up_to'].map((n) => indexOf(A, n));
  // Delivery weekdays (0 = Monday) and fixed costs of schedules 1..4; 0 = no schedule.
  const weekdays: Record<number, number[]> = { 0: [], 1: [0, 1, 2, 3, 4, 5, 6], 2: [0, 2, 4], 3: [0, 3], 4: [0] };
  const fixed: Record<number, number> = { 0: 0, 1: 1120, 2: 480, 3: 320, 4: 160 };
  const forecasts = [90, 85, 95, 100, 120, 140, 70];
  const chosen = new Map<number, number>();
  const used = new Set<number>();
  const errors: string[] = [];
  let deliveries = 0;
  let overfills = 0;
  play(compiled, randomPolicy(compiled, { seed: SEED }), {
    episodes: 200,
    onStep: (s) => {
      const at = (name: string, actual: number, expected: number) => {
        if (Math.abs(actual - expected) > 1e-9 * Math.max(1, Math.abs(expected))) errors.push(`episode ${s.episode} day ${s.t}: ${name} ${actual} vs ${expected}`);
      };
      if (s.t === 0) chosen.set(s.episode, s.action[choice]!);
      const schedule = chosen.get(s.episode)!;
      used.add(schedule);
      const d = s.state[inv]!;
      at('day', s.state[day]!, s.t);
      at('forecast', s.interm[forecast]!, forecasts[s.t % 7]!);
      const isDelivery = weekdays[schedule]!.includes(s.t % 7);
      at('delivery day', s.interm[delivery]!, isDelivery ? 1 : 0);
      const k = isDelivery ? Math.max(0, s.action[upTo]! - d) : 0;
      at('order', s.interm[order]!, k);
      const v = Math.max(0, d + k - 400);
      at('overfill', s.interm[overfill]!, v);
      const p = d + k - v;
      at('stock', s.interm[stock]!, p);
      const n = s.interm[demand]!;
      if (n < 0) errors.push(`negative demand ${n}`);
      at('emergency', s.interm[emergency]!, Math.max(0, n - p));
      at("inventory'", s.next[inv]!, Math.max(0, p - n));
      at('reward', s.reward, -((s.t === 0 ? fixed[schedule]! : 0) + 0.05 * p + 2.0 * Math.max(0, n - p) + 1.0 * v));
      if (isDelivery) deliveries++;
      if (v > 0) overfills++;
    },
  });
  t.deepEqual(errors.slice(0, 5), []);
  // The random policy tries every schedule (and none), delivers and over-fills.
  t.deepEqual([...used].sort(), [0, 1, 2, 3, 4]);
  t.true(deliveries > 0 && overfills > 0, `${deliveries} deliveries, ${overfills} over-fills`);
});

test('inventory_1: demand is forecast * (1 + 0.25 Z): standardised demand has mean 0 and variance 1', (t) => {
  const { compiled } = loadInstance('inventory', 'instances/inventory_1.rddl');
  const demand = indexOf(compiled.layout.interm, 'demand');
  const forecasts = [90, 85, 95, 100, 120, 140, 70];
  const z: number[] = [];
  play(compiled, noopPolicy(compiled), { episodes: 500, onStep: (s) => z.push((s.interm[demand]! / forecasts[s.t % 7]! - 1) / 0.25) });
  assertMean(t, 'standardised demand', z, 0, 1);
  assertVariance(t, 'standardised demand', z, 1);
});

test('inventory_1: the documented simulated figures (20,000 episodes, seed 1) reproduce: noop -5307.3 ± 1.9, Mon/Wed/Fri up to 350 -947.6 ± 0.6', (t) => {
  const { compiled } = loadInstance('inventory', 'instances/inventory_1.rddl');
  for (const [label, policy, documented, se] of [
    ['noop', noopPolicy(compiled), -5307.3, 1.9],
    ['Mon/Wed/Fri up to 350', constantPolicy(action(compiled, 'schedule_choice=2, order_up_to=350')), -947.6, 0.6],
  ] as const) {
    const m = moments(play(compiled, policy, { episodes: 20_000, seed: SEED }));
    const mySe = Math.sqrt(m.variance / m.n);
    t.log(`${label}: ${fmt(m.mean)} ± ${fmt(mySe)} (documented ${documented} ± ${se})`);
    t.true(Math.abs(mySe - se) <= 0.15 * se + 0.05, `standard error ${mySe} vs the documented ${se}`);
    // Two estimates of the same mean: within 4 standard errors of their difference.
    t.true(Math.abs(m.mean - documented) <= 4 * Math.sqrt(se * se + mySe * mySe), `${m.mean} vs ${documented}`);
  }
});
