import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { andInto, countBits, orInto, SlotBits, slotsOfBits, wordsFor } from './bitset.js';

const fromSlots = (slots: Iterable<number>, capacity = 0) => {
  const bits = new SlotBits(capacity);
  for (const s of slots) bits.add(s);
  return bits;
};

describe('slot bitsets', () => {
  it('sizes words by 32 bits', () => {
    expect([0, 1, 31, 32, 33, 64, 65].map(wordsFor)).toEqual([0, 1, 1, 1, 2, 2, 3]);
  });

  it('sets, clears and finds slots on both sides of word boundaries', () => {
    const edges = [0, 1, 30, 31, 32, 33, 63, 64, 95, 96, 1023];
    const bits = fromSlots(edges);
    expect(bits.words.length).toBe(32);
    expect(edges.every((s) => bits.has(s))).toBe(true);
    expect([2, 29, 34, 62, 65, 97, 1022].some((s) => bits.has(s))).toBe(false);
    expect(slotsOfBits(bits.words)).toEqual(edges);
    expect(countBits(bits.words)).toBe(edges.length);
    bits.delete(31);
    bits.delete(32);
    bits.delete(5000); // beyond the words: nothing to do
    expect(slotsOfBits(bits.words)).toEqual([0, 1, 30, 33, 63, 64, 95, 96, 1023]);
    expect(bits.has(5000)).toBe(false);
  });

  it('keeps its bits when it grows', () => {
    const bits = fromSlots([3, 31], 32);
    expect(bits.words.length).toBe(1);
    bits.add(32);
    bits.add(100_000);
    expect(bits.words.length).toBe(wordsFor(100_001));
    expect(slotsOfBits(bits.words)).toEqual([3, 31, 32, 100_000]);
    bits.grow(10); // never shrinks
    expect(bits.words.length).toBe(wordsFor(100_001));
  });

  it('treats the bit 31 of a word (the sign bit) like any other', () => {
    const bits = fromSlots([31, 63]);
    expect(bits.words[0]).toBe(0x80000000);
    expect(slotsOfBits(bits.words)).toEqual([31, 63]);
    expect(countBits(bits.words)).toBe(2);
  });

  it('ANDs and ORs word by word, a shorter source counting as zeros', () => {
    const a = fromSlots([1, 40, 70], 96);
    const b = fromSlots([1, 41]);
    const and = a.words.slice();
    andInto(and, b.words, 3);
    expect(slotsOfBits(and)).toEqual([1]);
    const or = a.words.slice();
    orInto(or, b.words, 3);
    expect(slotsOfBits(or)).toEqual([1, 40, 41, 70]);
    // only the first n words are touched
    const partial = a.words.slice();
    andInto(partial, new Uint32Array(3), 1);
    expect(slotsOfBits(partial)).toEqual([40, 70]);
  });

  it('agrees with a Set of slots on random operations', () => {
    const slot = fc.integer({ min: 0, max: 300 });
    const op = fc.tuple(fc.constantFrom('add', 'delete'), slot);
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), fc.array(slot, { maxLength: 60 }), (ops, other) => {
        const bits = new SlotBits();
        const set = new Set<number>();
        for (const [kind, s] of ops) {
          if (kind === 'add') {
            bits.add(s);
            set.add(s);
          } else {
            bits.delete(s);
            set.delete(s);
          }
        }
        const sorted = (xs: Iterable<number>) => [...xs].sort((x, y) => x - y);
        expect(slotsOfBits(bits.words)).toEqual(sorted(set));
        expect(countBits(bits.words)).toBe(set.size);
        for (let s = 0; s <= 320; s++) expect(bits.has(s)).toBe(set.has(s));

        const otherBits = fromSlots(other);
        const n = wordsFor(301);
        const and = new Uint32Array(n);
        and.set(bits.words.subarray(0, n));
        andInto(and, otherBits.words, n);
        expect(slotsOfBits(and)).toEqual(sorted([...set].filter((s) => other.includes(s))));
        const or = new Uint32Array(n);
        or.set(bits.words.subarray(0, n));
        orInto(or, otherBits.words, n);
        expect(slotsOfBits(or)).toEqual(sorted(new Set([...set, ...other])));
      }),
    );
  });
});
