/**
 * The first `k` of `items` in the order `compare` gives, without sorting the rest: a bounded heap keeps the best
 * `k` seen so far (the worst of them on top), so a page of 20 out of 50,000 matches costs one comparison for most
 * matches instead of a full sort. Falls back to a plain sort when `k` is a large share of the items.
 */
export function firstInOrder(
  items: readonly number[],
  k: number,
  compare: (a: number, b: number) => number,
): number[] {
  if (k <= 0) return [];
  if (k * 4 >= items.length) return [...items].sort(compare).slice(0, k);
  // Max-heap by `compare`: heap[0] is the item that would come last among those kept.
  const heap: number[] = [];
  const worse = (i: number, j: number) => compare(heap[i]!, heap[j]!) > 0;
  const swap = (i: number, j: number) => {
    const t = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = t;
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!worse(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (compare(item, heap[0]!) < 0) {
      heap[0] = item;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let top = i;
        if (l < k && worse(l, top)) top = l;
        if (r < k && worse(r, top)) top = r;
        if (top === i) break;
        swap(i, top);
        i = top;
      }
    }
  }
  return heap.sort(compare);
}
