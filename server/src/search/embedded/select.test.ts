import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSlots, selectBestKeys, selectFirst, type SlotOrder } from './select.js';

/** The selection as it was written with a comparator closure: the keyed one must make exactly its moves. */
function selectFirstByClosure(slots: number[], k: number, order: (a: number, b: number) => number): void {
  const n = slots.length;
  if (k <= 0) return;
  if (k >= n) {
    slots.sort(order);
    return;
  }
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

const SIZE = 5001;
const columnsArb = fc.record({
  keys: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: SIZE, maxLength: SIZE }),
  createdAt: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: SIZE, maxLength: SIZE }),
});
const slotsArb = fc.uniqueArray(fc.integer({ min: 0, max: SIZE - 1 }), { maxLength: 400 });
const ids = Array.from({ length: SIZE }, (_, i) => `id${String(i).padStart(5, '0')}`);

describe('selectFirst', () => {
  it('puts the k first in order at the front and keeps every slot once, like a full sort', () => {
    fc.assert(
      fc.property(slotsArb, columnsArb, fc.integer({ min: 0, max: 450 }), (slots, columns, k) => {
        // Many equal keys and times, ties ending at ids: a total order, like the engine's.
        const by: SlotOrder = {
          keys: Float64Array.from(columns.keys),
          ascending: false,
          createdAt: Float64Array.from(columns.createdAt),
          ids,
        };
        const sorted = [...slots].sort((a, b) => compareSlots(a, b, by));
        const selected = [...slots];
        selectFirst(selected, k, by);
        const m = Math.min(Math.max(k, 0), slots.length);
        expect(selected.slice(0, m)).toEqual(sorted.slice(0, m));
        expect([...selected].sort((a, b) => a - b)).toEqual([...slots].sort((a, b) => a - b));
      }),
    );
  });

  it('makes the same moves as the comparator it replaces, ties and all (the title boost picks by score alone)', () => {
    fc.assert(
      fc.property(
        slotsArb,
        columnsArb,
        fc.integer({ min: 0, max: 450 }),
        fc.boolean(),
        fc.boolean(),
        (slots, columns, k, withTimes, ascending) => {
          const keys = Float64Array.from(columns.keys);
          const createdAt = Float64Array.from(columns.createdAt);
          const by: SlotOrder = { keys, ascending, createdAt: withTimes ? createdAt : null, ids };
          const newest = (a: number, b: number) =>
            createdAt[b]! - createdAt[a]! || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0);
          const byKey = (a: number, b: number) => (ascending ? keys[a]! - keys[b]! : keys[b]! - keys[a]!);
          const order = withTimes ? (a: number, b: number) => byKey(a, b) || newest(a, b) : byKey;
          const expected = [...slots];
          selectFirstByClosure(expected, k, order);
          const selected = [...slots];
          selectFirst(selected, k, by);
          expect(selected).toEqual(expected);
          const unsorted = [...slots];
          selectFirst(unsorted, k, by, false);
          const m = Math.min(Math.max(k, 0), slots.length);
          expect(unsorted.slice(m)).toEqual(expected.slice(m));
          expect(unsorted.slice(0, m).sort((a, b) => a - b)).toEqual(expected.slice(0, m).sort((a, b) => a - b));
        },
      ),
    );
  });

  it('handles slots in ascending and descending order (the best first or last)', () => {
    const up = Array.from({ length: 1000 }, (_, i) => i);
    const by: SlotOrder = { keys: Float64Array.from(up), ascending: false, createdAt: null, ids: [] };
    for (const slots of [[...up], [...up].reverse()]) {
      selectFirst(slots, 20, by);
      expect(slots.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => 999 - i));
      expect(new Set(slots).size).toBe(1000);
    }
  });
});

describe('selectBestKeys', () => {
  it('leaves the slots exactly as selectFirst does on keys alone, unsorted, ties included', () => {
    fc.assert(
      fc.property(slotsArb, columnsArb, fc.integer({ min: 0, max: 450 }), (slots, columns, k) => {
        const keys = Float64Array.from(columns.keys);
        const expected = [...slots];
        selectFirst(expected, k, { keys, ascending: false, createdAt: null, ids: [] }, false);
        const selected = [...slots];
        selectBestKeys(selected, k, keys);
        expect(selected).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
