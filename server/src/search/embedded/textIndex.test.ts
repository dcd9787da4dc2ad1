import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { listingIndexSettings } from '../settings.js';
import type { SearchableField } from '../port.js';
import { markBit, wordsFor } from './bitset.js';
import { idf, ScoreBuffer, textFields, TextIndex, withinEdits } from './textIndex.js';

const VOCABULARY = ['老人', '助餐', '社区', 'ngo', 'yoga', '志愿者'];
const FIELDS = textFields(listingIndexSettings);

type Tokens = Partial<Record<SearchableField, string[]>>;

const tokensArb = fc.record({
  title: fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 4 }),
  organizationName: fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 2 }),
  description: fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 8 }),
});
const opArb = fc.oneof(
  fc.record({ add: fc.integer({ min: 0, max: 40 }), tokens: tokensArb }),
  fc.record({ remove: fc.integer({ min: 0, max: 40 }) }),
);

function scores(index: TextIndex, term: string, allowed: Uint32Array | null) {
  const into = new ScoreBuffer(64);
  const found = index.scoreTerm(term, 1, allowed, into);
  return { found, scores: Array.from(into.scores), touched: [...into.touched].sort((a, b) => a - b) };
}

/** BM25+ over the listings as they are, computed the plain way (a field after another, in the fields' order). */
function expected(docs: Map<number, Tokens>, term: string, allowed: Uint32Array | null) {
  const out = new Array<number>(64).fill(0);
  const live = docs.size;
  let found = false;
  FIELDS.forEach(({ field, boost }) => {
    let sum = 0;
    let n = 0;
    for (const tokens of docs.values()) {
      sum += tokens[field]?.length ?? 0;
      if (tokens[field]?.includes(term)) n++;
    }
    if (n > 0) found = true;
    const avg = sum / live || 1;
    for (const [slot, tokens] of docs) {
      const tf = tokens[field]?.filter((t) => t === term).length ?? 0;
      if (!tf || (allowed && !((allowed[slot >>> 5]! >>> (slot & 31)) & 1))) continue;
      const norm = 1.2 * (1 - 0.75 + (0.75 * tokens[field]!.length) / avg);
      out[slot]! += boost * idf(n, live) * (0.5 + (tf * 2.2) / (tf + norm));
    }
  });
  return { found, scores: out, touched: out.flatMap((s, slot) => (s ? [slot] : [])) };
}

describe('text index', () => {
  it('scores exactly as BM25+ over the listings it holds, through adds, removals and a snapshot', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { maxLength: 120 }),
        fc.array(fc.integer({ min: 0, max: 40 })),
        (ops, some) => {
          const index = new TextIndex(listingIndexSettings);
          const docs = new Map<number, Tokens>();
          for (const op of ops) {
            if ('add' in op) {
              const old = docs.get(op.add);
              if (old) index.remove(op.add, old);
              index.add(op.add, op.tokens);
              docs.set(op.add, op.tokens);
            } else {
              const old = docs.get(op.remove);
              if (!old) continue;
              index.remove(op.remove, old);
              docs.delete(op.remove);
            }
          }
          const allowed = new Uint32Array(wordsFor(64));
          for (const slot of some) markBit(allowed, slot, true);
          const restored = TextIndex.fromParts(listingIndexSettings, index.exportParts());
          for (const term of VOCABULARY) {
            for (const filter of [null, allowed]) {
              const want = expected(docs, term, filter);
              expect(scores(index, term, filter)).toEqual(want);
              expect(scores(restored, term, filter)).toEqual(want);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps every posting when its pool is compacted many times over', () => {
    const index = new TextIndex(listingIndexSettings);
    for (let slot = 0; slot < 3000; slot++) {
      index.add(slot, { title: [`t${slot % 7}`, '社区'], description: [`d${slot % 101}`, `u${slot}`] });
    }
    for (let slot = 0; slot < 3000; slot += 2) {
      index.remove(slot, { title: [`t${slot % 7}`, '社区'], description: [`d${slot % 101}`, `u${slot}`] });
    }
    const into = new ScoreBuffer(3000);
    expect(index.scoreTerm('社区', 1, null, into)).toBe(true);
    expect(into.touched).toHaveLength(1500);
    expect(into.touched.every((slot) => slot % 2 === 1)).toBe(true);
    expect(index.scoreTerm('u2', 1, null, new ScoreBuffer(3000))).toBe(false);
    const one = new ScoreBuffer(3000);
    index.scoreTerm('u2999', 1, null, one);
    expect(one.touched).toEqual([2999]);
  });

  it('keeps scoring as an index never read back, through writes after a snapshot (its postings left in place, then copied out)', () => {
    const tokensOf = (slot: number, round: number): Tokens => ({
      title: [`t${(slot + round) % 7}`, '社区'],
      description: [`d${slot % 101}`, `u${slot}`, ...(round % 2 ? ['老人'] : [])],
    });
    const twin = new TextIndex(listingIndexSettings);
    const docs = new Map<number, Tokens>();
    for (let slot = 0; slot < 3000; slot++) {
      twin.add(slot, tokensOf(slot, 0));
      docs.set(slot, tokensOf(slot, 0));
    }
    const read = TextIndex.fromParts(listingIndexSettings, twin.exportParts());
    const same = (a: TextIndex, b: TextIndex) => {
      for (const term of ['社区', '老人', 't0', 't3', 'd5', 'u1', 'u2999', 'u3998']) {
        const want = new ScoreBuffer(4000);
        const got = new ScoreBuffer(4000);
        expect(b.scoreTerm(term, 1, null, got)).toBe(a.scoreTerm(term, 1, null, want));
        expect(Array.from(got.scores)).toEqual(Array.from(want.scores));
      }
    };
    for (let round = 1; round <= 4; round++) {
      for (let slot = round % 2; slot < 4000; slot += round === 1 ? 97 : 2) {
        const old = docs.get(slot);
        const removed = slot % 9 === 0;
        for (const index of [twin, read]) {
          if (old) index.remove(slot, old);
          if (!removed) index.add(slot, tokensOf(slot, round));
        }
        if (removed) docs.delete(slot);
        else docs.set(slot, tokensOf(slot, round));
      }
      same(twin, read);
    }
    same(twin, TextIndex.fromParts(listingIndexSettings, read.exportParts()));
  });

  it('reaches Latin words by prefix and by typos, Chinese words only as they are', () => {
    const index = new TextIndex(listingIndexSettings);
    index.add(0, { title: ['volunteer', 'volunteering', 'accounting', '志愿者'] });
    const terms = (word: string) => index.expand(word, 1).map(([t]) => t);
    expect(terms('volun')).toEqual(['volun', 'volunteer', 'volunteering']);
    expect(terms('acounting')).toContain('accounting');
    expect(terms('志愿')).toEqual(['志愿']);
    expect(withinEdits('yoga', 'yogi', 1)).toBe(true);
    expect(withinEdits('yoga', 'yoga', 1)).toBe(false);
    expect(withinEdits('kitten', 'sitting', 2)).toBe(false);
    expect(withinEdits('kitten', 'sittin', 2)).toBe(true);
  });
});
