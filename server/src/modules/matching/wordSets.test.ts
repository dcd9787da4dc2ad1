import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characterSet, holds, markHeld, sortedSet, wordNumber, wordSet } from './wordSets.js';

describe('word and character sets as sorted numbers', () => {
  it('holds exactly the words a Set of the same words holds', () => {
    const word = fc.string({
      minLength: 1,
      maxLength: 4,
      unit: fc.constantFrom('老', '人', '助', '餐', 'a', 'b', '1'),
    });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), fc.array(word, { maxLength: 10 }), (words, asked) => {
        const set = wordSet(words);
        const plain = new Set(words);
        expect(set.length).toBe(plain.size);
        for (const w of [...words, ...asked]) expect(holds(set, wordNumber(w))).toBe(plain.has(w));
      }),
    );
  });

  it('holds characters by code point, those outside the basic plane included', () => {
    const set = characterSet(['餐', '𠀋', '老', '餐']);
    expect(set.length).toBe(3);
    for (const c of ['餐', '𠀋', '老']) expect(holds(set, c.codePointAt(0)!)).toBe(true);
    for (const c of ['人', '𠀌', 'a']) expect(holds(set, c.codePointAt(0)!)).toBe(false);
    expect(holds(new Uint32Array(), 1)).toBe(false);
  });

  it('numbers each word once', () => {
    expect(wordNumber('助餐')).toBe(wordNumber('助餐'));
    expect(wordNumber('助餐')).not.toBe(wordNumber('送餐'));
  });

  it('marks what a walk along a set finds as asking the set for each number would, leaving marks made before', () => {
    const numbers = fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 30 });
    fc.assert(
      fc.property(
        numbers,
        numbers,
        fc.array(fc.constantFrom(0, 1), { maxLength: 30 }),
        (wanted, held, before) => {
          // The numbers in any order (as a need's words come), walked sorted.
          const distinct = [...new Set(wanted)];
          const sorted = sortedSet(distinct);
          const order = Uint32Array.from(sorted, (n) => distinct.indexOf(n));
          const set = sortedSet(held);
          const marks = Uint8Array.from(distinct, (_, i) => before[i] ?? 0);
          markHeld(sorted, order, set, marks, 2);
          distinct.forEach((n, i) => expect(marks[i]).toBe(before[i] === 1 ? 1 : holds(set, n) ? 2 : 0));
        },
      ),
    );
  });
});
