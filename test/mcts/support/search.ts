/** Helpers for the MCTS tests: a search request and a walk over a tree. */
import type { Budget } from '@rddl/planning';
import type { DecisionNode, SearchRequest } from '@rddl/planner-mcts';

export const iterations = (n: number): Budget => ({ kind: 'iterations', iterations: n });

export function request(state: Float64Array, t: number, budget: Budget, previous?: Float64Array, episode = 0): SearchRequest {
  return { state, t, episode, previous, budget };
}

/** Every decision node under `root` (itself included). */
export function decisionNodes(root: DecisionNode): DecisionNode[] {
  const out: DecisionNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node);
    for (const c of node.children) {
      for (const o of c.outcomes) stack.push(o.node);
      if (c.next) stack.push(c.next);
    }
  }
  return out;
}
