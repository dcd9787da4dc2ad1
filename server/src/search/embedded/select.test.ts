import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectFirst } from './select.js';

describe('selectFirst', () => {
  it('puts the k first in order at the front and keeps every slot once, like a full sort', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 5000 }), { maxLength: 400 }),
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 5001, maxLength: 5001 }),
        fc.integer({ min: 0, max: 450 }),
        (slots, keys, k) => {
          // Many equal keys, ties broken by slot: a total order, like the engine's (ties end at ids).
          const order = (a: number, b: number) => keys[b]! - keys[a]! || a - b;
          const sorted = [...slots].sort(order);
          const selected = [...slots];
          selectFirst(selected, k, order);
          const m = Math.min(Math.max(k, 0), slots.length);
          expect(selected.slice(0, m)).toEqual(sorted.slice(0, m));
          expect([...selected].sort((a, b) => a - b)).toEqual([...slots].sort((a, b) => a - b));
        },
      ),
    );
  });

  it('handles slots in ascending and descending order (the best first or last)', () => {
    const up = Array.from({ length: 1000 }, (_, i) => i);
    for (const slots of [[...up], [...up].reverse()]) {
      selectFirst(slots, 20, (a, b) => b - a);
      expect(slots.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => 999 - i));
      expect(new Set(slots).size).toBe(1000);
    }
  });
});
