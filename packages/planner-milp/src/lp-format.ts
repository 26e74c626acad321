import type { SolverProblem } from './solver.js';

/**
 * The program in CPLEX LP format, for users to read or to solve elsewhere
 * (HiGHS, GLPK's glpsol, CPLEX, Gurobi, SCIP read it). Quadratic objective
 * terms use the `[ ... ] / 2` syntax; the objective's constant is a variable
 * fixed to 1 (not every reader accepts a constant term); ranged rows are
 * split in two; each row carries a comment saying where it comes from.
 */
export function writeLp(p: SolverProblem, title = 'rddl milp planner'): string {
  const out: string[] = [`\\ ${title}`, `\\ ${p.vars.length} variables, ${p.rows.length} constraints`, 'Maximize'];
  const names = p.vars.map((v) => v.name);
  const objective: string[] = [];
  p.cost.forEach((c, i) => {
    if (c !== 0) objective.push(term(c, names[i]!));
  });
  if (p.offset !== 0) objective.push(term(p.offset, 'objective_constant'));
  if (p.quadratic.length > 0) {
    // [ Σ 2 q_ij x_i x_j ] / 2 reads as Σ q_ij x_i x_j.
    // Scenarios may repeat a pair (shared decisions): one term per pair.
    const merged = new Map<string, { i: number; j: number; q: number }>();
    for (const { i, j, q } of p.quadratic) {
      const key = `${Math.min(i, j)},${Math.max(i, j)}`;
      const m = merged.get(key);
      merged.set(key, { i: Math.min(i, j), j: Math.max(i, j), q: (m?.q ?? 0) + q });
    }
    const quad = [...merged.values()].map(({ i, j, q }) => (i === j ? `${signed(2 * q)} ${names[i]} ^ 2` : `${signed(2 * q)} ${names[i]} * ${names[j]}`));
    objective.push(`+ [ ${quad.join(' ')} ] / 2`);
  }
  out.push(...wrap(' obj:', objective.length ? objective : ['0 objective_constant']));
  out.push('Subject To');
  p.rows.forEach((r) => {
    const lhs = r.index.map((i, k) => term(r.value[k]!, names[i]!));
    if (lhs.length === 0) return;
    if (r.origin) out.push(`\\ ${r.origin.replace(/\n/g, ' ')}`);
    if (r.lo === r.hi) out.push(...wrap(` ${r.name}:`, lhs), `   = ${num(r.hi)}`);
    else {
      if (r.lo !== -Infinity) out.push(...wrap(` ${r.name}${r.hi !== Infinity ? '_lo' : ''}:`, lhs), `   >= ${num(r.lo)}`);
      if (r.hi !== Infinity) out.push(...wrap(` ${r.name}${r.lo !== -Infinity ? '_hi' : ''}:`, lhs), `   <= ${num(r.hi)}`);
    }
  });
  out.push('Bounds');
  p.vars.forEach((v) => {
    if (v.type === 'binary' && v.lb === 0 && v.ub === 1) return;
    if (v.lb === -Infinity && v.ub === Infinity) out.push(` ${v.name} free`);
    else if (v.lb === v.ub) out.push(` ${v.name} = ${num(v.lb)}`);
    else out.push(` ${v.lb === -Infinity ? '-inf' : num(v.lb)} <= ${v.name} <= ${v.ub === Infinity ? '+inf' : num(v.ub)}`);
  });
  if (p.offset !== 0 || objective.length === 0) out.push(' objective_constant = 1');
  const generals = p.vars.filter((v) => v.type === 'integer').map((v) => v.name);
  const binaries = p.vars.filter((v) => v.type === 'binary').map((v) => v.name);
  if (generals.length) out.push('Generals', ...chunk(generals));
  if (binaries.length) out.push('Binaries', ...chunk(binaries));
  out.push('End', '');
  return out.join('\n');
}

// Full float64 precision: a dump solved elsewhere must be the same program.
const num = (v: number): string => (Object.is(v, -0) ? '0' : String(v));
const signed = (v: number): string => (v < 0 ? `- ${num(-v)}` : `+ ${num(v)}`);
const term = (c: number, name: string): string => `${signed(c)} ${name}`;

/** Lines of at most a few terms: some readers limit line length. */
function wrap(head: string, terms: readonly string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += 6) lines.push(`${i === 0 ? head : '   '} ${terms.slice(i, i + 6).join(' ')}`);
  return lines;
}

function chunk(names: readonly string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += 8) lines.push(` ${names.slice(i, i + 8).join(' ')}`);
  return lines;
}
