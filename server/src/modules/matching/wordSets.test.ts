import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characterSet, markHeld, sortedUnique, wordNumber, wordSet } from './wordSets.js';

/** The numbers in a buffer that holds other words before and after them, as a cached record's sets are. */
function amid(numbers: number[], before: number): { words: Uint32Array; at: number } {
  const words = new Uint32Array(before + numbers.length + 3).fill(0xffffffff);
  words.set(numbers, before);
  return { words, at: before };
}

describe('word and character sets as sorted numbers', () => {
  it('holds each word once, by its number, sorted', () => {
    const word = fc.string({
      minLength: 1,
      maxLength: 4,
      unit: fc.constantFrom('老', '人', '助', '餐', 'a', 'b', '1'),
    });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), (words) => {
        const set = wordSet(words);
        expect(set).toEqual([...new Set(words.map(wordNumber))].sort((a, b) => a - b));
      }),
    );
  });

  it('sorts and drops repeats as a Set would', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 50 }), (values) => {
        expect(sortedUnique([...values])).toEqual([...new Set(values)].sort((a, b) => a - b));
      }),
    );
  });

  it('holds characters by code point, those outside the basic plane included', () => {
    expect(characterSet(['餐', '𠀋', '老', '餐'])).toEqual(
      ['餐', '𠀋', '老'].map((c) => c.codePointAt(0)!).sort((a, b) => a - b),
    );
  });

  it('numbers each word once', () => {
    expect(wordNumber('助餐')).toBe(wordNumber('助餐'));
    expect(wordNumber('助餐')).not.toBe(wordNumber('送餐'));
  });

  it('marks what a walk along a set finds as asking the set for each number would, leaving marks made before', () => {
    const numbers = fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 });
    const offset = fc.integer({ min: 0, max: 5 });
    fc.assert(
      fc.property(
        numbers,
        numbers,
        fc.array(fc.constantFrom(0, 1), { maxLength: 30 }),
        offset,
        offset,
        fc.boolean(),
        (wanted, held, before, wantedAt, heldAt, ordered) => {
          // The numbers in any order (as a need's words come), walked sorted, their order after them.
          const distinct = [...new Set(wanted)];
          const sorted = sortedUnique([...distinct]);
          const order = sorted.map((n) => distinct.indexOf(n));
          const need = amid([...sorted, ...order], wantedAt);
          const set = amid(sortedUnique([...held]), heldAt);
          const heldSet = new Set(held);
          const marks = Uint8Array.from(distinct, (_, i) => before[i] ?? 0);
          const orderAt = ordered ? need.at + sorted.length : undefined;
          markHeld(need.words, need.at, sorted.length, orderAt, set.words, set.at, heldSet.size, marks, 2);
          // By position among the words when the order is given, else by position among the sorted numbers.
          const markedNumber = (i: number) => (ordered ? distinct[i]! : sorted[i]!);
          distinct.forEach((_, i) =>
            expect(marks[i]).toBe(before[i] === 1 ? 1 : heldSet.has(markedNumber(i)) ? 2 : 0),
          );
        },
      ),
    );
  });
});
