/** Partial ordering of matching slots: a page of hits needs only the best few in order. */

/**
 * An order of slots read from typed columns, so that comparing two costs a few array reads rather than calls
 * through closures: by `keys` (descending, or ascending), then (with `createdAt`) the newer listing first, then
 * the smaller id. Without `createdAt`, slots with equal keys are equal.
 */
export interface SlotOrder {
  keys: Float64Array | null;
  ascending: boolean;
  createdAt: Float64Array | null;
  ids: readonly (string | undefined)[];
}

/** Below 0 when slot a comes before slot b, above 0 when after, 0 when the order holds them equal. */
export function compareSlots(a: number, b: number, by: SlotOrder): number {
  const { keys } = by;
  if (keys !== null) {
    const ka = keys[a]!;
    const kb = keys[b]!;
    if (ka !== kb) return (by.ascending ? ka < kb : ka > kb) ? -1 : 1;
  }
  const { createdAt } = by;
  if (createdAt === null) return 0;
  const newer = createdAt[b]! - createdAt[a]!;
  if (newer !== 0) return newer;
  const ia = by.ids[a]!;
  const ib = by.ids[b]!;
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/**
 * Moves the `k` first slots by `by` to the front of `slots`, sorted (or, with `sorted` false, in no particular
 * order among themselves); the others follow in no particular order. A heap of the best k so far, worst on top,
 * sees every slot once: about n comparisons when few slots beat the worst of the heap, instead of n log n for a
 * full sort. With an order that holds no two slots equal (ties end at ids) the first k are the same whatever the
 * order of `slots`.
 */
export function selectFirst(slots: number[], k: number, by: SlotOrder, sorted = true): void {
  const n = slots.length;
  if (k <= 0) return;
  const order = (a: number, b: number) => compareSlots(a, b, by);
  if (k >= n) {
    slots.sort(order);
    return;
  }
  // slots[0..k) is a heap with the worst slot (largest by the order) at the root.
  const siftDown = (from: number) => {
    let i = from;
    const slot = slots[i]!;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= k) break;
      const right = left + 1;
      const worse = right < k && compareSlots(slots[right]!, slots[left]!, by) > 0 ? right : left;
      if (compareSlots(slots[worse]!, slot, by) <= 0) break;
      slots[i] = slots[worse]!;
      i = worse;
    }
    slots[i] = slot;
  };
  for (let i = (k >> 1) - 1; i >= 0; i--) siftDown(i);
  // Newer listings tend to sit in later slots: scanning from the end fills the heap with good ones early.
  for (let i = n - 1; i >= k; i--) {
    const slot = slots[i]!;
    if (compareSlots(slot, slots[0]!, by) < 0) {
      slots[i] = slots[0]!;
      slots[0] = slot;
      siftDown(0);
    }
  }
  if (!sorted) return;
  const best = slots.slice(0, k).sort(order);
  for (let i = 0; i < k; i++) slots[i] = best[i]!;
}

/**
 * `selectFirst(slots, k, { keys, ascending: false, createdAt: null, ids: [] }, false)`, with the comparisons
 * written out on the keys: the same moves (slots with equal keys stay where that order leaves them), so the same
 * `k` slots come first, at a few array reads per comparison instead of a call.
 */
export function selectBestKeys(slots: number[], k: number, keys: Float64Array): void {
  const n = slots.length;
  if (k <= 0) return;
  if (k >= n) {
    selectFirst(slots, k, { keys, ascending: false, createdAt: null, ids: [] }, false);
    return;
  }
  // slots[0..k) is a heap with the lowest key at the root (a larger key comes first in this order).
  const siftDown = (from: number) => {
    let i = from;
    const slot = slots[i]!;
    const key = keys[slot]!;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= k) break;
      const right = left + 1;
      const worse = right < k && keys[slots[right]!]! < keys[slots[left]!]! ? right : left;
      if (!(keys[slots[worse]!]! < key)) break;
      slots[i] = slots[worse]!;
      i = worse;
    }
    slots[i] = slot;
  };
  for (let i = (k >> 1) - 1; i >= 0; i--) siftDown(i);
  let floor = keys[slots[0]!]!;
  for (let i = n - 1; i >= k; i--) {
    const slot = slots[i]!;
    if (keys[slot]! > floor) {
      slots[i] = slots[0]!;
      slots[0] = slot;
      siftDown(0);
      floor = keys[slots[0]!]!;
    }
  }
}
