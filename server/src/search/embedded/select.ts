/** Partial ordering of matching slots: a page of hits needs only the best few in order. */

/**
 * Moves the `k` first slots by `order` to the front of `slots`, sorted; the others follow in no particular order.
 * A heap of the best k so far, worst on top, sees every slot once: about n comparisons when few slots beat the
 * worst of the heap, instead of n log n for a full sort. `order` must be a total order (it is: ties end at ids).
 */
export function selectFirst(slots: number[], k: number, order: (a: number, b: number) => number): void {
  const n = slots.length;
  if (k <= 0) return;
  if (k >= n) {
    slots.sort(order);
    return;
  }
  // slots[0..k) is a heap with the worst slot (largest by `order`) at the root.
  const siftDown = (from: number) => {
    let i = from;
    const slot = slots[i]!;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= k) break;
      const right = left + 1;
      const worse = right < k && order(slots[right]!, slots[left]!) > 0 ? right : left;
      if (order(slots[worse]!, slot) <= 0) break;
      slots[i] = slots[worse]!;
      i = worse;
    }
    slots[i] = slot;
  };
  for (let i = (k >> 1) - 1; i >= 0; i--) siftDown(i);
  // Newer listings tend to sit in later slots: scanning from the end fills the heap with good ones early.
  for (let i = n - 1; i >= k; i--) {
    const slot = slots[i]!;
    if (order(slot, slots[0]!) < 0) {
      slots[i] = slots[0]!;
      slots[0] = slot;
      siftDown(0);
    }
  }
  const best = slots.slice(0, k).sort(order);
  for (let i = 0; i < k; i++) slots[i] = best[i]!;
}
