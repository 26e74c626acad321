import type { CompiledModel } from '@rddl/compiler';

/** More states than allowed: how many were found, and where the exploration stopped. */
export class StateLimitError extends Error {
  constructor(
    readonly limit: number,
    readonly found: number,
    detail: string,
  ) {
    super(`the model has more than ${limit} states (option stateLimit): ${found} found ${detail}`);
  }
}

/** An int (or, in exact mode, real) state fluent takes more distinct values than its key has room for. */
export class ValueCountError extends Error {}

/**
 * The distinct values of the discrete state fluents met so far, each with an
 * id. Keys are numbers when the fluents fit in 52 bits (bool 1 bit, enum
 * log2 of its size, ints and the rest a code per distinct value met), else
 * strings.
 */
export class StateRegistry {
  /** Discrete fluent values of each id, `width` per id. */
  private data: Float64Array;
  private readonly ids = new Map<number | string, number>();
  private readonly shifts: number[] = [];
  /** Per fluent: value to code, for fluents without a fixed range. */
  private readonly codes: (Map<number, number> | undefined)[] = [];
  private readonly capacity: number[] = [];
  private readonly numeric: boolean;
  private readonly names: string[];
  readonly width: number;
  /** Number of discrete states the fluents' ranges allow (bool and enum fluents; Infinity with int or real ones). */
  readonly nominal: number;

  constructor(
    compiled: CompiledModel,
    /** State indices of the discrete fluents. */
    readonly indices: readonly number[],
  ) {
    this.width = indices.length;
    this.names = indices.map((i) => compiled.layout.state.fluents[i]!.name);
    let nominal = 1;
    for (const i of indices) {
      const range = compiled.layout.state.fluents[i]!.pvariable.range;
      nominal *= range.kind === 'bool' ? 2 : range.kind === 'finite' ? range.type.values.length : Infinity;
    }
    this.nominal = nominal;
    this.data = new Float64Array(Math.max(1, this.width) * 64);
    let fixedBits = 0;
    let open = 0;
    const bits = indices.map((i) => {
      const range = compiled.layout.state.fluents[i]!.pvariable.range;
      if (range.kind === 'bool') return 1;
      if (range.kind === 'finite') return Math.max(1, Math.ceil(Math.log2(range.type.values.length)));
      open++;
      return 0;
    });
    for (const b of bits) fixedBits += b;
    const openBits = open === 0 ? 0 : Math.min(31, Math.floor((52 - fixedBits) / open));
    this.numeric = fixedBits <= 52 && (open === 0 || openBits >= 8);
    let shift = 1;
    bits.forEach((b) => {
      const width = b === 0 ? openBits : b;
      this.shifts.push(shift);
      this.codes.push(b === 0 ? new Map() : undefined);
      this.capacity.push(2 ** width);
      shift *= 2 ** width;
    });
  }

  get size(): number {
    return this.ids.size;
  }

  /** The key of the discrete part of `state`. */
  key(state: ArrayLike<number>): number | string {
    if (!this.numeric) {
      let s = '';
      for (const i of this.indices) s += `${state[i]},`;
      return s;
    }
    let key = 0;
    for (let k = 0; k < this.width; k++) {
      const v = state[this.indices[k]!]!;
      const codes = this.codes[k];
      let code = v;
      if (codes) {
        let c = codes.get(v);
        if (c === undefined) {
          c = codes.size;
          if (c >= this.capacity[k]!) throw new ValueCountError(`state fluent ${this.names[k]} takes more than ${this.capacity[k]} distinct values`);
          codes.set(v, c);
        }
        code = c;
      }
      key += code * this.shifts[k]!;
    }
    return key;
  }

  /** Id of the discrete part of `state`, registered when new. */
  id(state: ArrayLike<number>): number {
    const key = this.key(state);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
      if ((id + 1) * this.width > this.data.length) {
        const grown = new Float64Array(this.data.length * 2);
        grown.set(this.data);
        this.data = grown;
      }
      for (let k = 0; k < this.width; k++) this.data[id * this.width + k] = state[this.indices[k]!]!;
    }
    return id;
  }

  /** Id of a registered state, or -1. */
  find(state: ArrayLike<number>): number {
    if (!this.numeric) return this.ids.get(this.key(state)) ?? -1;
    let key = 0;
    for (let k = 0; k < this.width; k++) {
      const v = state[this.indices[k]!]!;
      const codes = this.codes[k];
      const code = codes ? codes.get(v) : v;
      if (code === undefined) return -1;
      key += code * this.shifts[k]!;
    }
    return this.ids.get(key) ?? -1;
  }

  /** Write the discrete fluents of `id` into `state`. */
  write(id: number, state: Float64Array): void {
    for (let k = 0; k < this.width; k++) state[this.indices[k]!] = this.data[id * this.width + k]!;
  }

  value(id: number, k: number): number {
    return this.data[id * this.width + k]!;
  }
}
