import { describe, expect, it } from 'vitest';
import { fixtureById, fixtureDocuments } from '../contract.fixtures.js';
import type { SearchDocument, SearchQuery } from '../port.js';
import { EmbeddedSearchEngine } from './engine.js';
import { SnapshotRefused } from './snapshotFile.js';

/** Queries that read every part of the index: words, every filter and facet, each sort, paging. */
const queries: SearchQuery[] = [
  {},
  { q: '助餐', facets: ['kind', 'domain', 'district', 'amount'] },
  { q: '社区 活动', filters: { status: ['open'] }, pageSize: 50 },
  { filters: { amount: { min: 1000 } }, facets: ['amount', 'subkind', 'street'] },
  { filters: { amount: { max: 20_000 } }, sort: 'amount' },
  { sort: 'newest', page: 2, pageSize: 5, facets: ['side', 'status'] },
  { sort: 'distance', geo: { lat: 31.2, lng: 121.45, radiusKm: 30 } },
  { q: 'zhucan' },
  { filters: { verified: true, side: 'offer' }, facets: ['kind'] },
];

async function answers(engine: EmbeddedSearchEngine) {
  return Promise.all(queries.map((q) => engine.search(q)));
}

async function engineWith(docs: SearchDocument[]) {
  const engine = new EmbeddedSearchEngine();
  await engine.ensureIndex();
  await engine.upsert(docs);
  return engine;
}

describe('the embedded index snapshot', () => {
  it('reads back an index that answers every query as the one written, amounts included', async () => {
    const built = await engineWith(fixtureDocuments);
    const read = new EmbeddedSearchEngine();
    await read.ensureIndex();
    expect(read.restore(built.snapshot({ at: 1 }))).toEqual({ at: 1 });
    const amounts = await read.search({ filters: { amount: { min: 1000 } }, facets: ['amount'] });
    expect(amounts.total).toBeGreaterThan(0);
    expect(await answers(read)).toEqual(await answers(built));
  });

  it('keeps the index read back working through writes (its arrays are the file bytes, without room to grow)', async () => {
    const built = await engineWith(fixtureDocuments);
    const read = new EmbeddedSearchEngine();
    await read.ensureIndex();
    read.restore(built.snapshot({}));
    const base = fixtureById('meal-elderly');
    const added = Array.from({ length: 200 }, (_, i) => ({
      ...base,
      id: `added-${i}`,
      title: `${base.title} 第${i}期`,
      description: `${base.description} 新增${i}`,
      amountMax: 500 * i,
      createdAt: base.createdAt + i,
    }));
    const changed = { ...fixtureById('venue-pudong'), title: '天文台观测室', amountMax: 12_345 };
    for (const engine of [built, read]) {
      await engine.upsert(added);
      await engine.upsert([changed]);
      await engine.delete(['meal-elderly', 'added-3']);
    }
    expect(await answers(read)).toEqual(await answers(built));
    // And once more through a snapshot of the index read back and written to.
    const again = new EmbeddedSearchEngine();
    await again.ensureIndex();
    again.restore(read.snapshot({}));
    expect(await answers(again)).toEqual(await answers(built));
  });

  it('refuses a damaged file and leaves the index as it was', async () => {
    const engine = await engineWith(fixtureDocuments);
    const bytes = engine.snapshot({});
    const before = await answers(engine);
    const middle = bytes.length >> 1;
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle);
    expect(() => engine.restore(bytes)).toThrow(SnapshotRefused);
    expect(await answers(engine)).toEqual(before);
  });
});
