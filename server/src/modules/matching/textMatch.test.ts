import { describe, expect, it } from 'vitest';
import { pairRelevance, textRelevance } from './textMatch.js';
import type { Listing } from '@app/shared';

const listing = (over: Partial<Listing>): Listing =>
  ({
    id: '6b1541ca5f358b944a052d01',
    side: 'need',
    title: '社区独居老人助餐送餐',
    description: '为街道的独居老人提供午餐送餐上门服务',
    updatedAt: '2026-12-01T00:00:00.000Z',
    ...over,
  }) as Listing;

describe('text relevance of a pair', () => {
  const offer = listing({
    id: '6b1541ca5f358b944a052d02',
    side: 'offer',
    title: '老年助餐配送',
    description: '每日午餐配送',
  });

  it('is the same for a need read again (its words cached) as for the same text seen first', () => {
    const need = listing({});
    const fresh = textRelevance({ title: need.title, description: need.description }, offer);
    expect(fresh).toBeGreaterThan(0);
    expect(textRelevance(need, offer)).toBe(fresh);
    expect(textRelevance(need, offer)).toBe(fresh);
    expect(pairRelevance(offer)(need)).toBe(fresh);
  });

  it('follows an edited need: a new version is cut again', () => {
    const need = listing({ id: '6b1541ca5f358b944a052d03' });
    const before = pairRelevance(offer)(need);
    const edited = {
      ...need,
      title: '青少年编程培训',
      description: '周末编程课',
      updatedAt: '2026-12-02T00:00:00.000Z',
    };
    const after = pairRelevance(offer)(edited);
    expect(after).toBeLessThan(before);
    expect(after).toBe(textRelevance({ title: edited.title, description: edited.description }, offer));
  });
});
