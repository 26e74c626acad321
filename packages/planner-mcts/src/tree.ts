import type { ActionSource } from './action-source.js';

/** A state in the search tree (for open-loop search, a position in an action sequence). */
export interface DecisionNode {
  /** The state; undefined below the root in open-loop search, where states are re-simulated. */
  state: Float64Array | undefined;
  /** Step of the episode this node decides at. */
  readonly t: number;
  /** The episode ended here (termination or horizon); known only in closed-loop search. */
  readonly terminal: boolean;
  visits: number;
  /** Smallest and largest return seen through this node: the scale of UCB's exploration term. */
  minReturn: number;
  maxReturn: number;
  readonly children: ChanceNode[];
  /** Where untried actions come from; made when the node is first searched from. */
  source: ActionSource | undefined;
  /** After a widening step found no new valid action, the next try waits until this many visits (doubling). */
  retryAt: number;
}

/** An action taken at a decision node, with its value statistics. */
export interface ChanceNode {
  readonly action: Float64Array;
  visits: number;
  /** Sum of the returns from the parent through this action. */
  total: number;
  /** The simulator rejected the action (a domain error): never chosen again. */
  invalid: boolean;
  /** Closed loop: the next states seen, at most ceil(k · visits^alpha) of them. */
  readonly outcomes: Outcome[];
  /** Open loop: the node after this action. */
  next: DecisionNode | undefined;
}

export interface Outcome {
  readonly node: DecisionNode;
  readonly hash: number;
  count: number;
  /** Sum of the rewards of the transitions that led here (the reward of a revisit without simulation). */
  rewardTotal: number;
}

export function decisionNode(state: Float64Array | undefined, t: number, terminal: boolean): DecisionNode {
  return { state, t, terminal, visits: 0, minReturn: Infinity, maxReturn: -Infinity, children: [], source: undefined, retryAt: 0 };
}

export function chanceNode(action: Float64Array): ChanceNode {
  return { action, visits: 0, total: 0, invalid: false, outcomes: [], next: undefined };
}

/** Number of decision and chance nodes under (and including) `root`, and the depth of the deepest decision node. */
export function treeSize(root: DecisionNode): { nodes: number; depth: number } {
  let nodes = 0;
  let depth = 0;
  const stack: [DecisionNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, d] = stack.pop()!;
    nodes++;
    if (d > depth) depth = d;
    for (const c of node.children) {
      nodes++;
      for (const o of c.outcomes) stack.push([o.node, d + 1]);
      if (c.next) stack.push([c.next, d + 1]);
    }
  }
  return { nodes, depth };
}
