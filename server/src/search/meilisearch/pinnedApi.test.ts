/**
 * The adapter against a stand-in that reads requests as the pinned Meilisearch (1.11) does: every request it makes
 * must be one that version accepts, the rebuild's swap above all, and writes sent without waiting must be
 * confirmed in batched task queries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PinnedMeilisearch } from '../../../test/meilisearch/pinnedMeilisearch.js';
import { compoundWordCases, fixtureDocuments } from '../contract.fixtures.js';
import { MeilisearchEngine } from './engine.js';

const MASTER = 'pinned-api-master-key';
let meili: PinnedMeilisearch;
let probe: unknown;

beforeAll(async () => {
  meili = await new PinnedMeilisearch(MASTER).start();
});
afterAll(() => meili.stop());

const sent = (method: string, path: string) =>
  meili.requests.filter((r) => r.method === method && r.path === path);

describe('the Meilisearch adapter on the pinned API (1.11)', () => {
  it('refuses a field 1.11 does not know, as the real server does (the stand-in can fail)', async () => {
    const res = await fetch(`${meili.url}/swap-indexes`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${MASTER}`, 'Content-Type': 'application/json' },
      body: JSON.stringify([{ indexes: ['a', 'b'], rename: false }]),
    });
    probe = meili.requests.at(-1);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining('rename'),
    });
  });

  it('sets up, writes, searches and rebuilds with requests 1.11 accepts, swapping with `indexes` only', async () => {
    const engine = new MeilisearchEngine({ host: meili.url, apiKey: MASTER }, 'pinned_listings');
    await engine.ensureIndex();
    await engine.ensureIndex(); // idempotent: the second creation fails with index_already_exists, which is fine
    await engine.upsert(fixtureDocuments.slice(0, 5));
    await engine.delete([fixtureDocuments[0]!.id]);
    expect(await engine.stats()).toMatchObject({ documents: 4 });
    const result = await engine.search({ q: '老人', facets: ['kind'], sort: 'newest' });
    expect(result.total).toBe(4);

    const { indexed } = await engine.rebuild([fixtureDocuments.slice(0, 8), fixtureDocuments.slice(8)]);
    expect(indexed).toBe(fixtureDocuments.length);
    expect(meili.documents('pinned_listings')).toHaveLength(fixtureDocuments.length);
    // The fresh index is gone after the swap; only the live name is left.
    expect(meili.indexNames()).toEqual(['pinned_listings']);

    const swaps = sent('POST', '/swap-indexes').filter((r) => r.key === MASTER && r !== probe);
    expect(swaps).toHaveLength(1);
    expect(swaps[0]!.body).toEqual([
      { indexes: ['pinned_listings', expect.stringMatching(/^pinned_listings_rebuild_/)] },
    ]);
  });

  it('indexes the segmented words in a searchable field, last in rank, with every compound case', async () => {
    const [settings] = sent('PATCH', '/indexes/pinned_listings/settings');
    expect((settings!.body as { searchableAttributes: string[] }).searchableAttributes.at(-1)).toBe(
      'segments',
    );
    for (const { query, compound, id } of compoundWordCases) {
      const stored = meili.documents('pinned_listings').find((d) => d.id === id);
      expect(String(stored?.segments).split(' ')).toEqual(expect.arrayContaining([compound, query]));
    }
  });

  it('confirms writes sent without waiting in one task query per batch and reports the failed ones', async () => {
    const engine = new MeilisearchEngine({ host: meili.url, apiKey: MASTER }, 'pinned_listings');
    const [a, b, c] = fixtureDocuments;
    await engine.upsert([a!], { wait: false });
    meili.failNext('documentAdditionOrUpdate');
    await engine.upsert([b!], { wait: false });
    await engine.delete([c!.id], { wait: false });
    await new Promise((r) => setTimeout(r, 50));

    const before = sent('GET', '/tasks').length;
    const check = await engine.checkWrites();
    const queries = sent('GET', '/tasks').slice(before);
    expect(queries).toHaveLength(1);
    expect(queries[0]!.query.uids!.split(',')).toHaveLength(3);
    expect(check.unconfirmed).toBe(0);
    expect(check.failed).toEqual([{ ids: [b!.id], reason: expect.stringContaining('failed') }]);
    // Each outcome is reported once.
    expect(await engine.checkWrites()).toEqual({ failed: [], unconfirmed: 0 });
  });

  it('keeps a write unconfirmed while its task has not ended', async () => {
    const engine = new MeilisearchEngine({ host: meili.url, apiKey: MASTER }, 'pinned_listings');
    const sentAt = Date.now();
    meili.pause();
    await engine.upsert([fixtureDocuments[3]!], { wait: false });
    const check = await engine.checkWrites();
    expect(check.unconfirmed).toBe(1);
    expect(check.oldestUnconfirmedAt).toBeGreaterThanOrEqual(sentAt);
    meili.resume();
    expect(await engine.checkWrites()).toEqual({ failed: [], unconfirmed: 0 });
  });
});
