import { irChildren, type CompiledModel, type IrNode } from '@rddl/compiler';

/**
 * Which values depend on the actions, directly or through the state over
 * time. Only those need gradients, so only those are relaxed: the rest of the
 * model is computed exactly in the relaxed rollouts.
 */
export class ActionDependence {
  /** Per ground state fluent: its value at some step depends on earlier actions. */
  readonly state: boolean[];
  private readonly interm: boolean[];
  private readonly next: boolean[];
  private readonly observ: boolean[];
  private memo = new Map<IrNode, boolean>();

  constructor(compiled: CompiledModel) {
    const L = compiled.layout;
    this.state = new Array<boolean>(L.state.size).fill(false);
    this.interm = new Array<boolean>(L.interm.size).fill(false);
    this.next = new Array<boolean>(L.state.size).fill(false);
    this.observ = new Array<boolean>(L.observ.size).fill(false);
    // Monotone fixpoint: a state fluent depends on actions once its CPF does.
    for (;;) {
      this.memo = new Map();
      for (const c of compiled.cpfs) {
        const d = this.depends(c.expr);
        if (c.space === 'next') this.next[c.index] = d;
        else if (c.space === 'interm') this.interm[c.index] = d;
        else this.observ[c.index] = d;
      }
      let changed = false;
      this.next.forEach((d, i) => {
        if (d && !this.state[i]) {
          this.state[i] = true;
          changed = true;
        }
      });
      if (!changed) break;
    }
    this.memo = new Map();
  }

  /** Whether the node's value depends on the actions. */
  depends(n: IrNode): boolean {
    if (n.op === 'const') return false;
    if (n.op === 'ref') {
      switch (n.space) {
        case 'action':
          return true;
        case 'state':
          return this.state[n.index]!;
        case 'next':
          return this.next[n.index]!;
        case 'interm':
          return this.interm[n.index]!;
        case 'observ':
          return this.observ[n.index]!;
      }
    }
    const known = this.memo.get(n);
    if (known !== undefined) return known;
    let d = false;
    if (n.op === 'vector-component') d = n.group.params.some((p) => p.some((x) => this.depends(x)));
    else if (n.op === 'matrix-entry') d = n.group.entries.some((x) => this.depends(x));
    else for (const c of irChildren(n)) if (this.depends(c)) d = true;
    this.memo.set(n, d);
    return d;
  }
}
