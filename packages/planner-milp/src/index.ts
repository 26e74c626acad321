export { milpPlanner } from './factory.js';
export { MilpPlanner, createMilpPlanner, type PlanRecord } from './planner.js';
export { milpDefaults, solveLimits, type MilpOptions } from './options.js';
export { loadSolver, solverNames, type Solver, type SolverName, type SolverProblem, type SolveOptions, type SolveResult, type SolveStatus } from './solver.js';
export { solveProgram, type ProgramSolution, type SolveMethod } from './solve-program.js';
export { solveWithOuterApproximation } from './outer-approximation.js';
export { writeLp } from './lp-format.js';

/** Solve CPLEX LP text with HiGHS (loads its WebAssembly module). */
export async function solveLpText(text: string): Promise<{ status: string; objective: number }> {
  return (await import('./highs.js')).solveLpText(text);
}
export { Program, toSolverProblem, type Variable, type Row, type VarType } from './program.js';
export { Unroller, type UnrollSettings } from './unroll.js';
export { analyseModel, type ModelAnalysis } from './analysis.js';
export { meanDraws, SampledDraws, type Draws } from './scenarios.js';
export { unsupportedConstruct } from './fragment.js';
export { EncodingError } from './encode-error.js';
export * as intervals from './interval.js';
export { intervalOf, type Interval, type RefIntervals } from './interval.js';
