import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInOrder } from './firstInOrder.js';

describe('firstInOrder', () => {
  it('equals the first k of a full sort, ties broken by the comparator', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 400 }),
        fc.integer({ min: 0, max: 120 }),
        (values, k) => {
          const items = values.map((_, i) => i);
          // Descending by value, then ascending by position: a total order, like the engine's sorts.
          const compare = (a: number, b: number) => values[b]! - values[a]! || a - b;
          expect(firstInOrder(items, k, compare)).toEqual([...items].sort(compare).slice(0, k));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the best of items that arrive in the worst order', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => i);
    expect(firstInOrder(items, 5, (a, b) => b - a)).toEqual([9999, 9998, 9997, 9996, 9995]);
  });
});
