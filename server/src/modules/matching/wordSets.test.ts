import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characterSet, holds, wordNumber, wordSet } from './wordSets.js';

describe('word and character sets as sorted numbers', () => {
  it('holds exactly the words a Set of the same words holds', () => {
    const word = fc.string({ minLength: 1, maxLength: 4, unit: fc.constantFrom('老', '人', '助', '餐', 'a', 'b', '1') });
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
});
