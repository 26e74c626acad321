import test from 'ava';
import { gaussHermite } from '@rddl/planner-dp';

// E[Z^k] for Z ~ N(0, 1): 0 for odd k, (k - 1)!! for even k.
const moment = (k: number) => (k % 2 === 1 ? 0 : Array.from({ length: k / 2 }, (_, i) => 2 * i + 1).reduce((a, b) => a * b, 1));

for (const n of [1, 2, 5, 10, 32, 64]) {
  test(`the ${n}-node rule integrates the normal moments up to degree ${2 * n - 1}`, (t) => {
    const { nodes, weights } = gaussHermite(n);
    t.is(nodes.length, n);
    for (let k = 0; k <= Math.min(2 * n - 1, 16); k++) {
      const got = nodes.reduce((s, x, i) => s + weights[i]! * x ** k, 0);
      t.true(Math.abs(got - moment(k)) <= 1e-10 * Math.max(1, moment(k)), `n=${n} k=${k}: ${got} vs ${moment(k)}`);
    }
  });
}

test('nodes are increasing and symmetric, weights positive', (t) => {
  const { nodes, weights } = gaussHermite(31);
  for (let i = 0; i < nodes.length; i++) {
    if (i > 0) t.true(nodes[i]! > nodes[i - 1]!);
    t.true(Math.abs(nodes[i]! + nodes[nodes.length - 1 - i]!) < 1e-12);
    t.true(weights[i]! > 0);
  }
  t.true(Math.abs(nodes[15]!) < 1e-12);
});

test('the rule is exact for E[exp(sZ)] in the limit (lognormal mean)', (t) => {
  const { nodes, weights } = gaussHermite(32);
  const s = 0.2;
  const got = nodes.reduce((acc, x, i) => acc + weights[i]! * Math.exp(s * x), 0);
  t.true(Math.abs(got - Math.exp((s * s) / 2)) < 1e-14);
});
