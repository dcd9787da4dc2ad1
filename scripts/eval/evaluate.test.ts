import { describe, expect, it } from 'vitest';
import { kinds } from '@app/shared';
import { evaluateBundles } from './evaluate-bundles.js';
import { evaluateMatching } from './evaluate.js';
import { loadLabelledSet } from './labelled-set.js';

describe('the labelled set', () => {
  const set = loadLabelledSet();

  it('is large and varied enough to judge the ranking', () => {
    expect(set.needs.length).toBeGreaterThanOrEqual(30);
    expect(set.offers.length).toBeGreaterThanOrEqual(80);
    const needKinds = new Set(set.needs.map((n) => n.listing.kind));
    expect([...needKinds].sort()).toEqual([...kinds.codes].sort());
    expect(new Set(set.needs.map((n) => n.listing.district)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(set.needs.flatMap((n) => n.listing.domains)).size).toBeGreaterThanOrEqual(10);
    expect(set.needs.filter((n) => !n.org).length).toBeGreaterThanOrEqual(8);
    expect(set.needs.filter((n) => n.heldOut).length).toBe(Math.floor(set.needs.length / 3));
  });

  it('gives every need at least five relevant offers, so precision@5 can reach 1', () => {
    for (const n of set.needs) expect(n.relevant.size, n.listing.id).toBeGreaterThanOrEqual(5);
  });
});

describe('evaluateMatching', () => {
  it('reaches precision@5 of at least 0.8 and finds every expected exclusion', () => {
    const report = evaluateMatching();
    expect(report.all.precisionAt5).toBeGreaterThanOrEqual(0.8);
    expect(report.all.ndcgAt10).toBeGreaterThanOrEqual(0.85);
    expect(report.exclusions.expected).toBeGreaterThanOrEqual(8);
    expect(report.exclusions.found).toBe(report.exclusions.expected);
  });

  it('measures worse when a factor is switched off, so the figure reflects the scoring', () => {
    const report = evaluateMatching({
      weights: { kind: 0, domains: 0, place: 0, text: 0, record: 50, amount: 25, time: 25 },
    });
    expect(report.all.precisionAt5).toBeLessThan(0.6);
  });

  it('labels follow relevance: most 很合适 pairs are relevant, few 可以考虑 ones (the calibration of the label thresholds)', () => {
    const { labels } = evaluateMatching();
    expect(labels.high.pairs).toBeGreaterThan(50);
    expect(labels.high.relevant).toBeGreaterThanOrEqual(0.85);
    expect(labels.mid.relevant).toBeGreaterThan(labels.low.relevant);
    expect(labels.low.relevant).toBeLessThanOrEqual(0.25);
  });
});

describe('evaluateBundles', () => {
  it('leads every case that needs a bundle with a set of relevant offers, and shows none when one offer suffices', () => {
    const report = evaluateBundles();
    for (const c of report.perCase) {
      if (c.expect === 'none') expect(c.bundles, c.id).toEqual([]);
      else expect(c.bundles[0]?.good, `${c.id}: ${JSON.stringify(c.bundles)}`).toBe(true);
    }
  });
});
