import { describe, expect, it } from 'vitest';
import { districts, sides } from '@app/shared';
import { fixtureDocuments } from '../contract.fixtures.js';
import type { SearchDocument } from '../port.js';
import { listingIndexSettings } from '../settings.js';
import { DocumentColumns } from './columns.js';
import { IndexState } from './indexState.js';
import { WordGroups } from './wordGroups.js';

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
