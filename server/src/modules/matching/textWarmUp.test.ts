import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listing } from '@app/shared';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { postListing, sampleOffer, signedInMember } from '../../../test/factories.js';
import { ListingModel } from '../listings/model.js';
import { pairRelevance, wordCacheSizes } from './textMatch.js';
import { warmTextCaches } from './textWarmUp.js';

let server: TestServer;
const PER_SIDE = 12;

beforeAll(async () => {
  server = await startTestServer();
  const { client } = await signedInMember(server, 'organization', {});
  // Posted after the server's own warm-up (of an empty database): the caches know none of these.
  for (let i = 0; i < PER_SIDE; i++) {
    await postListing(client, { ...sampleOffer, title: `长者助餐志愿服务第${i}期`, description: `第${i}批送餐上门` });
    await postListing(client, {
      ...sampleOffer,
      side: 'need',
      title: `独居老人午餐送餐需求${i}`,
      description: `街道${i}号楼的老人需要午餐送餐上门`,
    });
  }
}, 60_000);

afterAll(async () => server?.stop());

const held = () => {
  const sizes = wordCacheSizes();
  return { offer: sizes.offer.held, need: sizes.need.held };
};

describe('warming the text relevance caches', () => {
  it('stops when told to, after the slice under way', async () => {
    const stop = new AbortController();
    const before = held();
    // Told to stop as soon as its first slice of offers is cut: it ends there, not after its bound.
    const watch = () => (held().offer > before.offer ? stop.abort() : setImmediate(watch));
    setImmediate(watch);
    const cut = await warmTextCaches({ perSide: 8, slice: 3, signal: stop.signal });
    expect(cut).toEqual({ offer: 3, need: 0 });
    expect(held()).toEqual({ offer: before.offer + 3, need: before.need });
  });

  it('cuts the newest open listings of each side up to its bound, yielding between slices', async () => {
    let turns = 0;
    let counting = true;
    const count = () => {
      if (!counting) return;
      turns++;
      setImmediate(count);
    };
    setImmediate(count);
    // The 3 newest offers are cached already (the test above): 5 more offers, 8 needs.
    const cut = await warmTextCaches({ perSide: 8, slice: 2 });
    counting = false;
    expect(cut).toEqual({ offer: 5, need: 8 });
    // Other work ran between the slices (8 slices of 2 at least), not only after the whole warm-up.
    expect(turns).toBeGreaterThanOrEqual(6);
    // Again: nothing new to cut among the same newest 8; the next ones up to 12 are.
    expect(await warmTextCaches({ perSide: 8, slice: 2 })).toEqual({ offer: 0, need: 0 });
    expect(await warmTextCaches({ perSide: 20 })).toEqual({ offer: PER_SIDE - 8, need: PER_SIDE - 8 });
  });

  it('gives rankings the same relevance as words cut when first met', async () => {
    const records = await ListingModel.find({}).lean();
    const asListing = (r: (typeof records)[number], updatedAt = r.updatedAt.toISOString()) =>
      ({
        id: String(r._id),
        side: r.side,
        title: r.title,
        description: r.description,
        updatedAt,
      }) as Listing;
    const offers = records.filter((r) => r.side === 'offer');
    const needs = records.filter((r) => r.side === 'need');
    let compared = 0;
    for (const need of needs) {
      // Warmed: their words come from the caches. Another version of the same text: cut now, not cached.
      const warm = pairRelevance(asListing(need));
      const cold = pairRelevance(asListing(need, '2099-01-01T00:00:00.000Z'));
      for (const offer of offers) {
        const fresh = asListing(offer, `2099-01-0${(compared % 9) + 1}T00:00:00.000Z`);
        expect(Object.is(warm(asListing(offer)), cold(fresh))).toBe(true);
        compared++;
      }
    }
    expect(compared).toBe(PER_SIDE * PER_SIDE);
    const someRelevance = pairRelevance(asListing(needs[0]!))(asListing(offers[0]!));
    expect(someRelevance).toBeGreaterThan(0);
  });
});
