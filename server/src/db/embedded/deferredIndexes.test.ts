/**
 * Opening a data directory with `deferIndexes` (what the server does): answers are the same before the indexes
 * are built (by scans) and after; unique indexes and `_id` lookups hold from the start; a damaged snapshot is
 * still refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedEngine } from './index.js';

let dir: string;
const N = 3000;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-deferred-'));
  const engine = await startEmbeddedEngine({ dataDir: dir, checkpointAtCloseBytes: 0 });
  const client = await MongoClient.connect(engine.uri);
  const things = client.db('app').collection('things');
  await things.createIndex({ code: 1 }, { unique: true });
  await things.createIndex({ org: 1 });
  await things.createIndex({ org: 1, kind: 1 });
  await things.insertMany(
    Array.from({ length: N }, (_, i) => ({ code: `c${i}`, org: i % 30, kind: i % 2 ? 'a' : 'b', n: i })),
  );
  await client.close();
  await engine.close(); // a checkpoint: the next open reads the snapshot alone
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function examined(coll: ReturnType<ReturnType<MongoClient['db']>['collection']>, filter: Document) {
  const plan = await coll.find(filter).explain('executionStats');
  return plan.executionStats.totalDocsExamined as number;
}

describe('an engine opened with its indexes deferred', () => {
  it('answers by scanning until they are built, keeps unique keys and writes right, then uses them', async () => {
    const engine = await startEmbeddedEngine({ dataDir: dir, deferIndexes: true });
    const client = await MongoClient.connect(engine.uri);
    try {
      const things = client.db('app').collection('things');
      expect((await things.indexes()).map((i) => i.name)).toEqual([
        '_id_',
        'code_1',
        'org_1',
        'org_1_kind_1',
      ]);
      expect(await examined(things, { org: 7 })).toBe(N);
      expect(await examined(things, { code: 'c7' })).toBe(1); // unique: built at open
      const seven = await things.findOne({ code: 'c7' });
      expect(await examined(things, { _id: seven!._id })).toBe(1);
      await expect(things.insertOne({ code: 'c7' })).rejects.toMatchObject({ code: 11000 });

      // Writes while unbuilt, and while the build runs.
      await things.updateMany({ org: 7, kind: 'a' }, { $set: { org: 31 } });
      await things.deleteMany({ org: 8 });
      const building = engine.buildIndexes();
      await things.insertMany(Array.from({ length: 20 }, (_, i) => ({ code: `new${i}`, org: 7, kind: 'b' })));
      await building;

      const all = await things.find().toArray();
      for (const filter of [
        { org: 7 },
        { org: 31 },
        { org: 8 },
        { org: 7, kind: 'b' },
        { org: { $in: [1, 31] } },
      ]) {
        const orgs = 'org' in filter && typeof filter.org === 'object' ? filter.org.$in : [filter.org];
        const expected = all.filter(
          (d) => orgs.includes(d.org as number) && (!('kind' in filter) || d.kind === filter.kind),
        );
        const found = await things.find(filter).toArray();
        expect(found.map((d) => d.code).sort()).toEqual(expected.map((d) => d.code).sort());
        expect(await examined(things, filter)).toBe(expected.length);
      }
    } finally {
      await client.close();
      await engine.close();
    }
  });

  it('still refuses a damaged snapshot', async () => {
    const file = path.join(dir, 'snapshot.bson');
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
    fs.writeFileSync(file, bytes);
    await expect(startEmbeddedEngine({ dataDir: dir, deferIndexes: true })).rejects.toThrow(/damaged/);
  });
});
