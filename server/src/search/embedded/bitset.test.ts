import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { andInto, hasBit, markBit, orInto, slotsOfBits, wordsFor } from './bitset.js';

const fromSlots = (slots: Iterable<number>, capacity = 0) => {
  const list = [...slots];
  const words = new Uint32Array(wordsFor(Math.max(capacity, ...list.map((s) => s + 1), 0)));
  for (const s of list) markBit(words, s, true);
  return words;
};

describe('slot bitsets', () => {
  it('sizes words by 32 bits', () => {
    expect([0, 1, 31, 32, 33, 64, 65].map(wordsFor)).toEqual([0, 1, 1, 1, 2, 2, 3]);
  });

  it('sets, clears and finds slots on both sides of word boundaries', () => {
    const edges = [0, 1, 30, 31, 32, 33, 63, 64, 95, 96, 1023];
    const words = fromSlots(edges);
    expect(words.length).toBe(32);
    expect(edges.every((s) => hasBit(words, s))).toBe(true);
    expect([2, 29, 34, 62, 65, 97, 1022].some((s) => hasBit(words, s))).toBe(false);
    expect(slotsOfBits(words)).toEqual(edges);
    markBit(words, 31, false);
    markBit(words, 32, false);
    expect(slotsOfBits(words)).toEqual([0, 1, 30, 33, 63, 64, 95, 96, 1023]);
    expect(hasBit(words, 5000)).toBe(false); // beyond the words
  });

  it('treats the bit 31 of a word (the sign bit) like any other', () => {
    const words = fromSlots([31, 63]);
    expect(words[0]).toBe(0x80000000);
    expect(slotsOfBits(words)).toEqual([31, 63]);
    markBit(words, 31, false);
    expect(words[0]).toBe(0);
  });

  it('ANDs and ORs word by word, a shorter source counting as zeros', () => {
    const a = fromSlots([1, 40, 70], 96);
    const b = fromSlots([1, 41]);
    const and = a.slice();
    andInto(and, b, 3);
    expect(slotsOfBits(and)).toEqual([1]);
    const or = a.slice();
    orInto(or, b, 3);
    expect(slotsOfBits(or)).toEqual([1, 40, 41, 70]);
    // only the first n words are touched
    const partial = a.slice();
    andInto(partial, new Uint32Array(3), 1);
    expect(slotsOfBits(partial)).toEqual([40, 70]);
  });

  it('agrees with a Set of slots on random operations', () => {
    const slot = fc.integer({ min: 0, max: 300 });
    const op = fc.tuple(fc.boolean(), slot);
    const n = wordsFor(301);
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), fc.array(slot, { maxLength: 60 }), (ops, other) => {
        const words = new Uint32Array(n);
        const set = new Set<number>();
        for (const [on, s] of ops) {
          markBit(words, s, on);
          if (on) set.add(s);
          else set.delete(s);
        }
        const sorted = (xs: Iterable<number>) => [...xs].sort((x, y) => x - y);
        expect(slotsOfBits(words)).toEqual(sorted(set));
        for (let s = 0; s <= 320; s++) expect(hasBit(words, s)).toBe(set.has(s));

        const otherWords = fromSlots(other);
        const and = words.slice();
        andInto(and, otherWords, n);
        expect(slotsOfBits(and)).toEqual(sorted([...set].filter((s) => other.includes(s))));
        const or = words.slice();
        orInto(or, otherWords, n);
        expect(slotsOfBits(or)).toEqual(sorted(new Set([...set, ...other])));
      }),
    );
  });
});
