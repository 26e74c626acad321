import test from 'ava';
import { solveDp, tablePolicy, whyUnsupported } from '@rddl/planner-dp';
import { evaluatePolicy } from '@rddl/sim';
import { compileText } from '../support/sim-helpers.js';

// A level that a pump may raise by 1, pushed down by Normal noise and clamped at 0; holding costs 0.2 per unit, running low 2 per unit below 1.
const clamp = compileText(`
domain clamp {
  pvariables {
    level : { state-fluent, real, default = 2.0 };
    pump : { action-fluent, bool, default = false };
  };
  cpfs { level' = max[0, level + pump - 0.8 + Normal(0, 0.5)]; };
  reward = -0.2 * level' - 2 * max[0, 1 - level'] - 0.5 * pump;
  state-invariants { level >= 0; level <= 8; };
}
instance clamp_1 { domain = clamp; max-nondef-actions = 1; horizon = 8; discount = 1.0; }
`);

test('forced grid quadrature refuses a clamped transition, naming the state', (t) => {
  t.regex(whyUnsupported(clamp, { quadrature: 'grid' }).reason ?? '', /^grid quadrature needs level to move affinely with the Normal draw in every state; it does not in state \(level=[\d.]+\) with action \(pump=(true|false)\)/);
});

test('Gauss–Hermite on a linear grid: the value matches the simulated return of the policy', (t) => {
  const s = solveDp(clamp, { quadrature: 'hermite' });
  t.false(s.axes[0]!.log);
  // Bounds from the invariants.
  t.is(s.axes[0]!.values[0], 0);
  t.is(s.axes[0]!.values[s.axes[0]!.values.length - 1], 8);
  const r = evaluatePolicy(clamp, tablePolicy(s), { episodes: 20_000, seed: 3 });
  t.true(Math.abs(s.initialValue - r.summary.mean) <= r.summary.ci95 + 0.01, `value ${s.initialValue}, simulated ${r.summary.mean} ± ${r.summary.ci95}`);
});

test('automatic quadrature: grid points where the clamp cannot bind, Gauss–Hermite elsewhere, the same value', (t) => {
  const auto = solveDp(clamp);
  const hermite = solveDp(clamp, { quadrature: 'hermite' });
  t.is(auto.design!.quadrature, 'grid');
  t.true(auto.stats.hermiteFallbacks > 0);
  t.true(Math.abs(auto.initialValue - hermite.initialValue) < 0.01, `${auto.initialValue} vs ${hermite.initialValue}`);
});
