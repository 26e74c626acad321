/** Hashing and exact comparison of value arrays (states, actions), to find a tree child by its state or action. */

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);

/** FNV-1a over the bits of the values (-0 counts as 0). */
export function hashValues(values: ArrayLike<number>): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < values.length; i++) {
    scratch[0] = values[i]! + 0;
    h = Math.imul(h ^ words[0]!, 0x01000193);
    h = Math.imul(h ^ words[1]!, 0x01000193);
  }
  return h >>> 0;
}

/** The same values, position by position. */
export function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

/** A text key of an action, for merging the root statistics of several trees. */
export function actionKey(action: ArrayLike<number>): string {
  return Array.prototype.join.call(action, ',');
}
