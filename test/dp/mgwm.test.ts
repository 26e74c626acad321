import test from 'ava';
import { solveDp } from '@rddl/planner-dp';
import { financeInstance } from './helpers.js';

// REFERENCE.md section 2 (thesis Table 5): (u5, u10), thesis E*[u], Das grid n = 200, converged optimum.
const scenarios = [
  { u: [1000, 1000], thesis: 1164.6, das: 1171.96, converged: 1176.43 },
  { u: [1000, 2000], thesis: 1895.9, das: 1865.13, converged: 1876.17 },
  { u: [1000, 3000], thesis: 2817.6, das: 2771.86, converged: 2787.45 },
  { u: [2000, 1000], thesis: 2095.5, das: 2113.91, converged: 2118.33 },
  { u: [2000, 2000], thesis: 2334.3, das: 2343.91, converged: 2352.85 },
  { u: [2000, 3000], thesis: 2938.4, das: 2901.04, converged: 2918.24 },
  { u: [3000, 1000], thesis: 3072.7, das: 3091.76, converged: 3095.89 },
  { u: [3000, 2000], thesis: 3242.8, das: 3267.66, converged: 3276.82 },
  { u: [3000, 3000], thesis: 3499.2, das: 3515.87, converged: 3529.28 },
];

const results = scenarios.map((s, i) => {
  const compiled = financeInstance('mgwm', `mgwm_${i + 1}`);
  return { ...s, i: i + 1, dasValue: solveDp(compiled, { grid: 'das' }).initialValue, defaultValue: solveDp(compiled).initialValue };
});

for (const r of results) {
  test(`mgwm_${r.i} (u5 ${r.u[0]}, u10 ${r.u[1]}): Das grid ${r.das}, converged ${r.converged}, thesis ${r.thesis} ± 2%`, (t) => {
    t.true(Math.abs(r.dasValue - r.das) <= 0.1, `Das grid ${r.dasValue}`);
    t.true(Math.abs(r.defaultValue - r.converged) <= 0.5, `default grid ${r.defaultValue}`);
    for (const v of [r.dasValue, r.defaultValue]) t.true(Math.abs(v - r.thesis) <= 0.02 * r.thesis, `${v} vs thesis ${r.thesis}`);
  });
}

test('the three scenarios with u5 = u10 have the same E[u] / u (1.171956 on the Das grid)', (t) => {
  const equal = results.filter((r) => r.u[0] === r.u[1]);
  t.is(equal.length, 3);
  for (const r of equal) {
    t.true(Math.abs(r.dasValue / r.u[0]! - 1.171956) < 1e-6, String(r.dasValue / r.u[0]!));
    t.true(Math.abs(r.dasValue / r.u[0]! - equal[0]!.dasValue / equal[0]!.u[0]!) < 1e-12);
    t.true(Math.abs(r.defaultValue / r.u[0]! - equal[0]!.defaultValue / equal[0]!.u[0]!) < 1e-12);
  }
});
