import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { listingIndexSettings } from '../settings.js';
import { markBit, wordsFor } from './bitset.js';
import { encodeTerm, ScoreBuffer, TextIndex } from './textIndex.js';

const VOCABULARY = ['老人', '助餐', '社区', 'ngo', 'yoga', '志愿者'];

const tokensArb = fc.record({
  title: fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 4 }),
  organizationName: fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 2 }),
  description: fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 8 }),
});
const opArb = fc.oneof(
  fc.record({ add: fc.integer({ min: 0, max: 40 }), tokens: tokensArb }),
  fc.record({ remove: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ score: fc.constantFrom(...VOCABULARY) }),
  fc.record({ pause: fc.constant(true) }),
);

const pause = () => new Promise((resolve) => setTimeout(resolve, 30));

function scores(index: TextIndex, term: string, allowed: Uint32Array | null) {
  const into = new ScoreBuffer(64);
  const found = index.scoreTerm(encodeTerm(term), 1, allowed, into);
  return { found, scores: Array.from(into.scores), touched: [...into.touched].sort((a, b) => a - b) };
}

describe('text index', () => {
  it('scores from its postings copies exactly as from freshly made ones, through adds, removals and vacuums', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { maxLength: 80 }),
        fc.array(fc.integer({ min: 0, max: 40 })),
        async (ops, some) => {
          // Both indexes see the same writes; only `warm` is searched along the way, so only its copies can be stale.
          const warm = new TextIndex(listingIndexSettings);
          const cold = new TextIndex(listingIndexSettings);
          const indexed = new Set<number>();
          for (const op of ops) {
            if ('add' in op) {
              for (const index of [warm, cold]) {
                if (indexed.has(op.add)) index.remove(op.add);
                index.add(op.add, op.tokens);
              }
              indexed.add(op.add);
            } else if ('remove' in op) {
              if (!indexed.has(op.remove)) continue;
              warm.remove(op.remove);
              cold.remove(op.remove);
              indexed.delete(op.remove);
            } else if ('score' in op) {
              scores(warm, op.score, null);
            } else {
              await pause(); // lets MiniSearch's automatic vacuum run
            }
          }
          await pause();
          const allowed = new Uint32Array(wordsFor(64));
          for (const slot of some) markBit(allowed, slot, true);
          for (const term of VOCABULARY) {
            expect(scores(warm, term, null)).toEqual(scores(cold, term, null));
            expect(scores(warm, term, allowed)).toEqual(scores(cold, term, allowed));
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('scores a listing again once it is re-added with other words', () => {
    const index = new TextIndex(listingIndexSettings);
    index.add(0, { title: ['老人'], description: ['助餐'] });
    index.add(1, { title: ['社区'] });
    expect(scores(index, '老人', null).touched).toEqual([0]);
    index.remove(0);
    expect(scores(index, '老人', null).touched).toEqual([]);
    index.add(0, { title: ['社区', '老人', '老人'] });
    index.add(2, { description: ['老人'] });
    expect(scores(index, '老人', null).touched).toEqual([0, 2]);
    expect(scores(index, '社区', null).touched).toEqual([0, 1]);
  });
});
