/**
 * A binary min-heap of `(key, rank, slot)` entries held in parallel typed arrays.
 *
 * Entries leave in order of `key`, then `rank`; both compare as float64, so a
 * rank must be an exact integer below 2^53. The heap knows nothing of time or
 * events: the environment uses it with key = time and rank = (priority, seq),
 * a resource with key = request priority and rank = seq. `slot` is an opaque
 * int32 payload the owner uses to find what the entry stands for.
 */
export class EventQueue {
  /** Primary keys in heap order. */
  keys: Float64Array;
  /** Tie-breaking ranks in heap order. */
  ranks: Float64Array;
  /** Payload ids in heap order. */
  slots: Int32Array;
  /** Number of entries. */
  size = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(4, initialCapacity | 0);
    this.keys = new Float64Array(n);
    this.ranks = new Float64Array(n);
    this.slots = new Int32Array(n);
  }

  /** Adds an entry. Amortised O(log n). */
  push(key: number, rank: number, slot: number): void {
    if (this.size === this.keys.length) this.grow();
    const keys = this.keys;
    const ranks = this.ranks;
    const slots = this.slots;
    // Sift up with a hole instead of swaps: each level moves one entry, not two.
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = keys[p];
      if (pk < key || (pk === key && ranks[p] < rank)) break;
      keys[i] = pk;
      ranks[i] = ranks[p];
      slots[i] = slots[p];
      i = p;
    }
    keys[i] = key;
    ranks[i] = rank;
    slots[i] = slot;
  }

  /** Removes the smallest entry; read it first through `keys[0]`, `ranks[0]`, `slots[0]`. */
  pop(): void {
    const last = --this.size;
    if (last > 0) this.siftDown(this.keys[last], this.ranks[last], this.slots[last]);
  }

  /**
   * Removes the smallest entry and adds another in one pass.
   * A hold (pop, then push of the next event of the same process) is the
   * commonest operation of a simulation, and this halves its sifting
   * (bench: event-churn).
   */
  replaceTop(key: number, rank: number, slot: number): void {
    this.siftDown(key, rank, slot);
  }

  /** Empties the heap, keeping its storage. */
  clear(): void {
    this.size = 0;
  }

  private siftDown(key: number, rank: number, slot: number): void {
    const keys = this.keys;
    const ranks = this.ranks;
    const slots = this.slots;
    const n = this.size;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ck = keys[c];
      let cr = ranks[c];
      const d = c + 1;
      if (d < n) {
        const dk = keys[d];
        if (dk < ck || (dk === ck && ranks[d] < cr)) {
          c = d;
          ck = dk;
          cr = ranks[d];
        }
      }
      if (key < ck || (key === ck && rank < cr)) break;
      keys[i] = ck;
      ranks[i] = cr;
      slots[i] = slots[c];
      i = c;
    }
    keys[i] = key;
    ranks[i] = rank;
    slots[i] = slot;
  }

  private grow(): void {
    const n = this.keys.length * 2;
    const keys = new Float64Array(n);
    const ranks = new Float64Array(n);
    const slots = new Int32Array(n);
    keys.set(this.keys);
    ranks.set(this.ranks);
    slots.set(this.slots);
    this.keys = keys;
    this.ranks = ranks;
    this.slots = slots;
  }
}
