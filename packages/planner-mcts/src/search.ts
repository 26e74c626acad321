import { extractActionBounds, type ActionBounds, type CompiledModel } from '@rddl/compiler';
import { CounterStream, deriveSeedKey } from '@rddl/core';
import { BudgetClock, type Budget } from '@rddl/planning';
import { SimulationError, Simulator } from '@rddl/sim';
import { enumeratedSource, listSource, sampledSource, scrambledOrder, type ActionSource } from './action-source.js';
import { actionValues } from './action-values.js';
import { distinctActions } from './equivalence.js';
import { JointSpace } from './joint-actions.js';
import type { MctsOptions } from './options.js';
import { Rollout } from './rollout.js';
import { KeyTag, mixKey } from './scenario.js';
import { hashValues, sameValues } from './state-key.js';
import { chanceNode, decisionNode, treeSize, type ChanceNode, type DecisionNode } from './tree.js';

/** One decision to search for. */
export interface SearchRequest {
  readonly state: Float64Array;
  readonly t: number;
  readonly episode: number;
  /** The action played at t − 1 of the same episode, when this request follows that one (for subtree reuse). */
  readonly previous: Float64Array | undefined;
  readonly budget: Budget;
}

/** Statistics of one root action. */
export interface RootChild {
  readonly action: Float64Array;
  readonly visits: number;
  /** Sum of the returns of the iterations through it. */
  readonly total: number;
}

export interface SearchResult {
  readonly children: RootChild[];
  readonly iterations: number;
  readonly seconds: number;
  /** Decision and chance nodes in the tree after the search. */
  readonly nodes: number;
  /** Depth of the deepest decision node below the root. */
  readonly depth: number;
  /** The root came from the previous search's tree. */
  readonly reused: boolean;
  /** Every valid action had the same effect: nothing to search. */
  readonly trivial: boolean;
}

/**
 * UCT on one tree, run on the planner's own simulator (purpose
 * `planner:mcts`, constraints ignored; candidate actions are checked with
 * `preconditionsHold`). Each iteration selects by UCB1 from the root,
 * expands one action and (closed loop) one next state, rolls out, and backs
 * the discounted return up the path. `tree` (the worker's index) makes the
 * draws of root-parallel trees independent.
 */
export class TreeSearch {
  private readonly sim: Simulator;
  private readonly checker: Simulator;
  private readonly rollout: Rollout;
  private readonly bounds: ActionBounds;
  private readonly choices: CounterStream;
  private readonly spaces = new Map<string, JointSpace>();
  private readonly width: number;
  private readonly lookahead: number;
  private root: DecisionNode | undefined;
  private episode = -1;
  private draws = 0;
  private drawKey = 0;
  private iterationCount = 0;
  // The current iteration's path: decision node, action taken, reward received.
  private readonly pathNodes: DecisionNode[] = [];
  private readonly pathChances: ChanceNode[] = [];
  private readonly pathRewards: number[] = [];

  constructor(
    private readonly compiled: CompiledModel,
    private readonly options: MctsOptions,
    seed: number | string,
    private readonly tree: number,
  ) {
    this.sim = new Simulator(compiled, { seed, purpose: 'planner:mcts', constraints: 'ignore' });
    this.checker = this.sim.clone();
    this.rollout = new Rollout(compiled, options, seed);
    this.bounds = extractActionBounds(compiled);
    this.choices = new CounterStream(deriveSeedKey(seed, 'planner:mcts:choices'));
    this.width = compiled.layout.action.size;
    this.lookahead = options.lookahead > 0 ? options.lookahead : compiled.horizon;
  }

  /** The root of the last search, for tests and diagnostics (read it, do not change it). */
  get currentRoot(): DecisionNode | undefined {
    return this.root;
  }

  search(request: SearchRequest): SearchResult {
    const clock = new BudgetClock(request.budget);
    const { root, reused } = this.rootFor(request);
    this.root = root;
    this.episode = request.episode;
    this.drawKey = mixKey(KeyTag.choice * 65536 + this.tree, request.episode, request.t, 0);
    this.draws = 0;
    const end = Math.min(this.compiled.horizon, request.t + this.lookahead);
    const classes = this.rootClasses(root, request);
    if (classes && classes.length <= 1) {
      const children = classes.map((action) => ({ action, visits: 0, total: 0 }));
      return { children, iterations: 0, seconds: clock.elapsedSeconds, nodes: 1, depth: 0, reused, trivial: true };
    }
    if (request.t < this.compiled.horizon) {
      while (clock.next()) this.iterate(root, request.episode, end);
    }
    const size = treeSize(root);
    return {
      children: root.children.filter((c) => !c.invalid && c.visits > 0).map((c) => ({ action: c.action, visits: c.visits, total: c.total })),
      iterations: request.t < this.compiled.horizon ? clock.iterations : 0,
      seconds: clock.elapsedSeconds,
      nodes: size.nodes,
      depth: size.depth,
      reused,
      trivial: false,
    };
  }

  /** The subtree the real step reached (same episode, next step, the action played, the state observed), else a new root. */
  private rootFor(request: SearchRequest): { root: DecisionNode; reused: boolean } {
    const old = this.root;
    if (this.options.reuseTree && old && request.previous && this.episode === request.episode && old.t + 1 === request.t) {
      const taken = old.children.find((c) => sameValues(c.action, request.previous!));
      let next: DecisionNode | undefined;
      if (taken && this.options.chance === 'dpw') {
        const h = hashValues(request.state);
        next = taken.outcomes.find((o) => o.hash === h && sameValues(o.node.state!, request.state))?.node;
      } else if (taken) next = taken.next;
      if (next) {
        next.state = Float64Array.from(request.state);
        if (this.options.chance === 'open-loop') {
          // Its actions were found in other states: keep those still valid here, and draw new ones from this state.
          const valid = next.children.filter((c) => this.valid(request.state, c.action, request.t));
          next.children.splice(0, next.children.length, ...valid);
          next.source = undefined;
        }
        return { root: next, reused: true };
      }
    }
    return { root: decisionNode(Float64Array.from(request.state), request.t, false), reused: false };
  }

  /**
   * With `equivalenceSamples` > 0 and an action space that is enumerated (small, no widening): one action
   * per class of equivalent actions, which become the root's only candidates.
   */
  private rootClasses(root: DecisionNode, request: SearchRequest): Float64Array[] | undefined {
    if (this.options.equivalenceSamples === 0 || request.t >= this.compiled.horizon) return undefined;
    const values = actionValues(this.compiled, this.bounds, request.state, this.options);
    const space = this.spaceFor(values.alternatives);
    if (space.size > this.options.enumerateLimit || values.continuous.some((r) => r !== undefined)) return undefined;
    const order = scrambledOrder(space.size, () => this.uniform());
    const candidates = (function* (width: number, valid: (a: Float64Array) => boolean) {
      for (let i = 0; i < space.size; i++) {
        const a = new Float64Array(width);
        space.unrank(order(i), a);
        if (valid(a)) yield a;
      }
    })(this.width, (a) => this.valid(request.state, a, request.t));
    const key = (s: number) => mixKey(KeyTag.equivalence * 65536, request.episode, request.t, s);
    const classes = distinctActions(this.sim, request.state, request.t, candidates, this.options.equivalenceSamples, key);
    // A reused root keeps the statistics of the representatives it has already tried.
    const kept = root.children.filter((c) => classes.some((a) => sameValues(a, c.action)));
    root.children.splice(0, root.children.length, ...kept);
    root.source = listSource(classes.filter((a) => !kept.some((c) => sameValues(c.action, a))));
    return classes;
  }

  /** One iteration: select and expand down the tree, roll out, back up. */
  private iterate(root: DecisionNode, episode: number, end: number): void {
    const o = this.options;
    const sim = this.sim;
    const first = this.select(root, root.state!);
    this.iterationCount++;
    if (!first) return;
    // Common random numbers: the n-th evaluation of every root action sees scenario n.
    const scenario = mixKey(KeyTag.scenario * 65536 + this.tree, episode, root.t, o.commonRandomNumbers ? first.visits : this.iterationCount);
    sim.setState(root.state!, root.t, scenario);
    let inSim: DecisionNode | undefined = root;
    let node = root;
    let chance: ChanceNode | undefined = first;
    let leaf: DecisionNode | undefined;
    let tail = 0;
    this.pathNodes.length = 0;
    this.pathChances.length = 0;
    this.pathRewards.length = 0;
    while (chance) {
      let reward: number;
      let next: DecisionNode | undefined;
      let fresh = false;
      if (o.chance === 'dpw' && chance.outcomes.length >= Math.max(1, Math.ceil(o.outcomeWideningK * chance.visits ** o.outcomeWideningAlpha))) {
        // No new next state allowed: revisit one in proportion to how often it was reached.
        let u = this.uniform() * chance.outcomes.reduce((s, x) => s + x.count, 0);
        const pick = chance.outcomes.find((x) => (u -= x.count) < 0) ?? chance.outcomes[chance.outcomes.length - 1]!;
        reward = pick.rewardTotal / pick.count;
        next = pick.node;
      } else {
        if (inSim !== node) sim.setState(node.state!, node.t, scenario);
        const action = o.chance === 'open-loop' && node !== root && !this.valid(sim.state, chance.action, node.t) ? this.compiled.defaultAction : chance.action;
        let result;
        try {
          result = sim.step(action);
        } catch (err) {
          if (!(err instanceof SimulationError)) throw err;
          chance.invalid = true;
          return;
        }
        reward = result.reward;
        if (o.chance === 'dpw') {
          const h = hashValues(sim.state);
          const known = chance.outcomes.find((x) => x.hash === h && sameValues(x.node.state!, sim.state));
          if (known) {
            known.count++;
            known.rewardTotal += reward;
            next = known.node;
          } else {
            next = decisionNode(Float64Array.from(sim.state), sim.time, result.done);
            chance.outcomes.push({ node: next, hash: h, count: 1, rewardTotal: reward });
            fresh = true;
          }
        } else {
          fresh = chance.next === undefined;
          next = chance.next ??= decisionNode(undefined, sim.time, false);
          if (result.done) {
            // Open loop: this sample ended the episode; nothing follows.
            this.push(node, chance, reward);
            break;
          }
        }
        inSim = next;
      }
      this.push(node, chance, reward);
      node = next;
      if (fresh) {
        leaf = node;
        if (!node.terminal && sim.time < end) tail = this.rollout.run(sim, end, scenario);
        break;
      }
      if (node.terminal || node.t >= end) break;
      chance = this.select(node, o.chance === 'dpw' ? node.state! : sim.state);
    }
    this.backup(leaf, tail);
  }

  private push(node: DecisionNode, chance: ChanceNode, reward: number): void {
    this.pathNodes.push(node);
    this.pathChances.push(chance);
    this.pathRewards.push(reward);
  }

  private backup(leaf: DecisionNode | undefined, tail: number): void {
    const gamma = this.compiled.discount;
    let g = tail;
    if (leaf) record(leaf, g);
    for (let i = this.pathNodes.length - 1; i >= 0; i--) {
      g = this.pathRewards[i]! + gamma * g;
      const c = this.pathChances[i]!;
      c.visits++;
      c.total += g;
      record(this.pathNodes[i]!, g);
    }
  }

  /** The action to take at a node: a new one while widening allows, else the best by UCB1; undefined when no action is valid. */
  private select(node: DecisionNode, state: Float64Array): ChanceNode | undefined {
    const o = this.options;
    node.source ??= this.sourceAt(node, Float64Array.from(state));
    const allowed = node.source.enumerated ? Infinity : Math.max(1, Math.ceil(o.actionWideningK * node.visits ** o.actionWideningAlpha));
    if (node.children.length < allowed && !node.source.exhausted && node.visits >= node.retryAt) {
      const action = node.source.next();
      if (action) {
        const child = chanceNode(action);
        node.children.push(child);
        return child;
      }
      // No valid new action in `attempts` draws (a constraint the draws rarely meet): try less and less often.
      if (!node.source.enumerated) node.retryAt = 2 * node.visits + 1;
    }
    // UCB1, the exploration term scaled by the spread of the returns seen here.
    const spread = node.maxReturn - node.minReturn;
    const scale = o.exploration * (Number.isFinite(spread) ? spread : 0);
    const logN = Math.log(Math.max(1, node.visits));
    let best: ChanceNode | undefined;
    let bestScore = -Infinity;
    for (const c of node.children) {
      if (c.invalid) continue;
      if (c.visits === 0) return c;
      const score = c.total / c.visits + scale * Math.sqrt(logN / c.visits);
      if (score > bestScore || (score === bestScore && best && c.visits < best.visits)) {
        best = c;
        bestScore = score;
      }
    }
    return best;
  }

  /** Untried actions at a node (`state` is the node's own copy): every action of a small space (scrambled), else draws with progressive widening. */
  private sourceAt(node: DecisionNode, state: Float64Array): ActionSource {
    const values = actionValues(this.compiled, this.bounds, state, this.options);
    const space = this.spaceFor(values.alternatives);
    const t = node.t;
    const continuous = values.continuous.some((r) => r !== undefined);
    if (!continuous && space.size <= this.options.enumerateLimit) {
      const valid = node.children.length > 0 ? (a: Float64Array) => this.valid(state, a, t) && !node.children.some((c) => sameValues(c.action, a)) : (a: Float64Array) => this.valid(state, a, t);
      return enumeratedSource(space, scrambledOrder(space.size, () => this.uniform()), valid, this.width);
    }
    const accept = (a: Float64Array) => this.valid(state, a, t) && !node.children.some((c) => sameValues(c.action, a));
    return sampledSource(space, values, this.compiled.defaultAction, () => this.uniform(), accept, this.options.attempts);
  }

  /** Joint spaces are cached by their values: most domains have the same at every state. */
  private spaceFor(alternatives: readonly (readonly number[])[]): JointSpace {
    const key = alternatives.map((a) => a.join(',')).join(';');
    let space = this.spaces.get(key);
    if (!space) {
      if (this.spaces.size >= 256) this.spaces.clear();
      space = new JointSpace(this.compiled.defaultAction, alternatives, this.compiled.maxNondefActions);
      this.spaces.set(key, space);
    }
    return space;
  }

  private valid(state: Float64Array, action: Float64Array, t: number): boolean {
    return this.checker.preconditionsHold(state, action, t, 0);
  }

  /** The planner's own draws for its choices (action order, widening draws, revisits): a fixed sequence per decision. */
  private uniform(): number {
    // A counter stream gives 2^17 draws per reset; start a new step of the key every 2^16.
    if ((this.draws & 0xffff) === 0) this.choices.reset(this.drawKey, this.draws >>> 16, 0);
    this.draws++;
    return this.choices.next();
  }
}

function record(node: DecisionNode, g: number): void {
  node.visits++;
  if (g < node.minReturn) node.minReturn = g;
  if (g > node.maxReturn) node.maxReturn = g;
}
