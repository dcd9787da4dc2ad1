import { describe, expect, it } from 'vitest';
import { scoreCandidate } from '../../server/src/modules/matching/score.js';
import { WEIGHTS } from '../../server/src/modules/matching/weights.js';
import { loadLabelledSet } from './labelled-set.js';

/** The score's arithmetic over every pair of the labelled set (the unit cases are beside score.ts). */
describe('scoreCandidate over the labelled set', () => {
  it('scores every labelled pair as exactly the sum of its reasons, within each maximum and 100', () => {
    const set = loadLabelledSet();
    let pairs = 0;
    const violations: string[] = [];
    for (const [i, n] of set.needs.entries()) {
      for (const [j, offer] of set.offers.entries()) {
        const result = scoreCandidate({
          subject: n.listing,
          candidate: offer,
          textRelevance: ((i * 7 + j * 13) % 11) / 10,
          providerRecord: set.recordOf(offer),
          now: set.asOf,
          locale: (i + j) % 2 ? 'en' : 'zh-CN',
        });
        const sum = result.reasons.reduce((s, r) => s + r.points, 0);
        const bad = result.reasons.filter(
          (r) =>
            !Number.isInteger(r.points) ||
            r.points < 0 ||
            r.points > r.max ||
            r.max !== WEIGHTS[r.factor] ||
            !r.detail,
        );
        if (result.score !== sum || result.score > 100 || bad.length)
          violations.push(`${n.listing.id}/${offer.id}`);
        pairs++;
      }
    }
    expect(violations).toEqual([]);
    expect(pairs).toBeGreaterThan(5000);
  });

  it('writes every English sentence without Chinese', () => {
    const set = loadLabelledSet();
    for (const n of set.needs.slice(0, 10)) {
      for (const offer of set.offers.slice(0, 40)) {
        const result = scoreCandidate({
          subject: n.listing,
          candidate: offer,
          textRelevance: 0.3,
          now: set.asOf,
          locale: 'en',
        });
        for (const r of result.reasons) expect(r.detail).not.toMatch(/\p{Script=Han}/u);
      }
    }
  });
});
