import type { Budget } from '@rddl/planning';

/**
 * Each tree's part of a decision's budget: an iteration budget is split
 * (tree i gets one more while the remainder lasts, and at least one), a time
 * budget is given to every tree whole, since they run at the same time.
 */
export function budgetShares(budget: Budget, trees: number): Budget[] {
  return Array.from({ length: trees }, (_, i) => {
    if (budget.kind === 'seconds') return budget;
    const share = Math.floor(budget.iterations / trees) + (i < budget.iterations % trees ? 1 : 0);
    return { kind: 'iterations', iterations: Math.max(1, share) };
  });
}
