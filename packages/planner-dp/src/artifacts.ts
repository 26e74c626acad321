import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatValue } from '@rddl/sim';
import { describeAction } from './actions.js';
import { policyHeatmap } from './heatmap.js';
import type { DpSolution } from './solution.js';

/** A CSV field: quoted when it holds a comma, a quote or a line break. */
function field(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The tables of the solution in long form, one row per (step, state, grid
 * point): `dp-value.csv` (the optimal value) and `dp-policy.csv` (the
 * optimal action, one column per action fluent and a readable summary).
 * The state columns are the discrete fluents, then the continuous ones at
 * the grid point. A stationary solution has step `*`.
 */
export function policyTables(solution: DpSolution): { value: string; policy: string } {
  const { compiled, layers, registry, axes, gridSize, actions } = solution;
  const fluents = compiled.layout.state.fluents;
  const stateColumns = [...registry.indices.map((i) => fluents[i]!.name), ...axes.map((a) => a.name)];
  const actionFluents = compiled.layout.action.fluents;
  const value = [['step', ...stateColumns, 'value'].map(field).join(',')];
  const policy = [['step', ...stateColumns, ...actionFluents.map((f) => f.name), 'action'].map(field).join(',')];
  const grid = new Array<string>(axes.length);
  layers.forEach((layer, t) => {
    const step = solution.stationary ? '*' : String(t);
    layer.ids.forEach((id, k) => {
      const discrete = registry.indices.map((i, j) => field(formatValue(fluents[i]!, registry.value(id, j))));
      for (let g = 0; g < gridSize; g++) {
        let rest = g;
        for (let d = axes.length - 1; d >= 0; d--) {
          const n = axes[d]!.values.length;
          grid[d] = String(axes[d]!.values[rest % n]);
          rest = Math.floor(rest / n);
        }
        const state = [step, ...discrete, ...grid].join(',');
        const at = k * gridSize + g;
        const a = layer.policy[at]!;
        value.push(`${state},${a < 0 ? '' : layer.values[at]}`);
        const chosen = a < 0 ? undefined : actions[a]!;
        policy.push(`${state},${actionFluents.map((f, i) => (chosen ? field(formatValue(f, chosen[i]!)) : '')).join(',')},${chosen ? field(describeAction(compiled, chosen)) : 'terminated'}`);
      }
    });
  });
  return { value: `${value.join('\n')}\n`, policy: `${policy.join('\n')}\n` };
}

/** `rddl solve --out DIR`: the value and policy tables and the heatmap of the policy. */
export async function writeArtifacts(solution: DpSolution, dir: string): Promise<string[]> {
  const { value, policy } = policyTables(solution);
  writeFileSync(join(dir, 'dp-value.csv'), value);
  writeFileSync(join(dir, 'dp-policy.csv'), policy);
  writeFileSync(join(dir, 'dp-policy.svg'), await policyHeatmap(solution));
  return ['dp-value.csv', 'dp-policy.csv', 'dp-policy.svg'];
}
