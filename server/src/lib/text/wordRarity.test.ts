import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generalIdf, jiebaFile, WordTable } from './wordRarity.js';

/** The list read the plain way: a Map from each line's text before its first space to what follows it. */
function plainMap(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of text.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) map.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return map;
}

describe('the general-language IDF table', () => {
  it("holds every word of jieba's list with its value, and nothing else", () => {
    const text = jiebaFile('idf.txt').toString('utf8');
    const plain = plainMap(text);
    const table = new WordTable(text);
    expect(plain.size).toBeGreaterThan(200_000);
    expect(table.size).toBe(plain.size);
    const differing = [...plain].filter(([word, value]) => table.get(word) !== value);
    expect(differing).toEqual([]);
    for (const absent of ['', '不在词表里的词语', 'zzzzqqq', '老人助餐上门服务站']) {
      expect(table.get(absent)).toBe(plain.get(absent));
    }
    expect(generalIdf('助餐')).toBe(plain.get('助餐'));
    expect(generalIdf('劳动防护')).toBe(plain.get('劳动防护'));
  });

  it('reads any list as a Map would: repeated words, empty and space-led lines, lines without a space', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', '老', '人', ' ', '\r', 'x'), maxLength: 4 });
    const line = fc.tuple(word, fc.constantFrom('', ' ', ' 1.5', ' 13.900677652', ' x', ' 2 3')).map(
      ([w, rest]) => w + rest,
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.array(word, { maxLength: 10 }), (lines, probes) => {
        const text = lines.join('\n');
        const plain = plainMap(text);
        const table = new WordTable(text);
        expect(table.size).toBe(plain.size);
        for (const w of [...plain.keys(), ...probes]) expect(table.get(w)).toBe(plain.get(w));
      }),
    );
  });
});
