import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { districts, sides } from '@app/shared';
import { fixtureDocuments } from '../contract.fixtures.js';
import type { SearchDocument } from '../port.js';
import { listingIndexSettings } from '../settings.js';
import { DocumentColumns } from './columns.js';
import { IndexState } from './indexState.js';
import { wordsFor } from './bitset.js';
import { ScoreBuffer } from './textIndex.js';
import { fillAllowed, sumAllKept, WordGroups, type WordGroup } from './wordGroups.js';

const QUERIES = [
  ['老人', '助餐'],
  ['残疾人'],
  ['场地', '徐汇'],
  ['心理', '咨询', '志愿者'],
  ['社区'],
  ['volun'],
  ['资助', '儿童'],
  ['不存在的词', '老人'],
];

/** A fixture as another listing: ids, districts, sides and times varied so that filters split them. */
function variant(doc: SearchDocument, i: number): SearchDocument {
  return {
    ...doc,
    id: `${doc.id}-${i}`,
    side: sides.codes[i % 2]!,
    district: districts.codes[(i * 5) % districts.codes.length]!,
    createdAt: doc.createdAt + i,
  };
}

function answers(state: IndexState) {
  const out: unknown[] = [];
  for (const words of QUERIES) {
    for (const filters of [undefined, { side: 'need' as const }, { district: districts.codes.slice(0, 5) }]) {
      const allowed = DocumentColumns.narrows(filters)
        ? state.columns.filterBits(filters, undefined, state.slotCount)
        : null;
      const match = state.match(words, allowed);
      out.push({ slots: match.slots, scores: match.slots.map(match.score), terms: match.terms });
      match.release();
    }
  }
  return out;
}

describe('kept word scores', () => {
  it('give the same matches, in the same order, with the same scores and terms, as scoring the words anew, through writes', () => {
    const never = new IndexState(listingIndexSettings, new WordGroups(0));
    const always = new IndexState(listingIndexSettings, new WordGroups(1 << 30, 1));
    const docs = Array.from({ length: 6 }, (_, i) => fixtureDocuments.map((d) => variant(d, i))).flat();
    for (const doc of docs) {
      never.upsert(doc);
      always.upsert(doc);
    }
    for (let round = 0; round < 4; round++) {
      // The first search of a word scores it under the filters; the second keeps it; the third reads it kept.
      const expected = answers(never);
      expect(answers(always)).toEqual(expected);
      expect(answers(always)).toEqual(expected);
      expect(always.wordGroups.size.words).toBeGreaterThan(5);
      expect(answers(always)).toEqual(expected);
      // A write forgets what was kept: the next answers follow the index as it is now.
      const gone = docs[round * 7]!.id;
      never.delete(gone);
      always.delete(gone);
      expect(always.wordGroups.size.words).toBe(0);
      const changed = { ...docs[round * 11]!, title: `${docs[round * 11]!.title} 老人助餐` };
      never.upsert(changed);
      always.upsert(changed);
    }
  });

  it('keeps within its budget, forgetting the word used longest ago, and not words of few listings', () => {
    const groups = new WordGroups(1 << 30, 3);
    const state = new IndexState(listingIndexSettings, groups);
    for (const doc of fixtureDocuments) state.upsert(doc);
    const ask = (word: string) => state.match([word], null).release();
    ask('不存在的词');
    ask('不存在的词');
    expect(groups.get('不存在的词')).toBeUndefined();
    ask('社区');
    ask('社区');
    const kept = groups.get('社区')!;
    expect(kept.slots.length).toBeGreaterThanOrEqual(3);
    const one = kept.slots.byteLength + kept.scores.byteLength + kept.bits.byteLength;

    const small = new WordGroups(one, 1);
    const other = new IndexState(listingIndexSettings, small);
    for (const doc of fixtureDocuments) other.upsert(doc);
    for (const word of ['社区', '社区', '老人', '老人']) other.match([word], null).release();
    expect(small.get('社区')).toBeUndefined();
    expect(small.get('老人')).toBeDefined();
    expect(small.size.bytes).toBeLessThanOrEqual(one);
  });
});

/** A kept group over `slotCount` slots: its slots in the given order, with their scores. */
function group(entries: readonly [number, number][], slotCount: number): WordGroup {
  const bits = new Uint32Array(wordsFor(slotCount));
  for (const [slot] of entries) bits[slot >>> 5]! |= 1 << (slot & 31);
  return {
    slots: Int32Array.from(entries, ([slot]) => slot),
    scores: Float64Array.from(entries, ([, score]) => score),
    terms: [],
    bits,
  };
}

describe('sums of kept words', () => {
  it('give the slots, order and sums of filling every word and summing over the word with fewest slots', () => {
    const SLOTS = 200;
    const entriesArb = fc.uniqueArray(
      fc.tuple(fc.integer({ min: 0, max: SLOTS - 1 }), fc.double({ min: 0.01, max: 9, noNaN: true })),
      {
        selector: ([slot]) => slot,
        maxLength: 120,
      },
    );
    fc.assert(
      fc.property(
        fc.array(entriesArb, { minLength: 2, maxLength: 4 }),
        fc.option(fc.uniqueArray(fc.integer({ min: 0, max: SLOTS - 1 }), { maxLength: 150 })),
        (words, allowedSlots) => {
          const groups = words.map((entries) => group(entries, SLOTS));
          let allowed: Uint32Array | null = null;
          if (allowedSlots) {
            allowed = new Uint32Array(wordsFor(SLOTS));
            for (const slot of allowedSlots) allowed[slot >>> 5]! |= 1 << (slot & 31);
          }
          // As the match did it: each word's allowed scores in a buffer, summed over the one with fewest slots.
          const filled = groups.map((g) => {
            const buffer = new ScoreBuffer(SLOTS);
            fillAllowed(g, allowed, buffer);
            return buffer;
          });
          const smallest = filled.reduce((a, b) => (b.touched.length < a.touched.length ? b : a));
          const expected = new ScoreBuffer(SLOTS);
          for (const slot of smallest.touched) {
            let sum = 0;
            let all = true;
            for (const buffer of filled) {
              const s = buffer.scores[slot]!;
              if (s === 0) {
                all = false;
                break;
              }
              sum += s;
            }
            if (all) expected.add(slot, sum);
          }
          const got = new ScoreBuffer(SLOTS);
          const found = sumAllKept(groups, allowed, wordsFor(SLOTS), got);
          expect(found).toBe(expected.touched.length > 0);
          expect(got.touched).toEqual(found ? expected.touched : []);
          expect(Array.from(got.scores)).toEqual(Array.from(expected.scores));
        },
      ),
      { numRuns: 300 },
    );
  });
});
