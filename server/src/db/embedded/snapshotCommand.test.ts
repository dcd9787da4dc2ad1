import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDRESS_FILE, readAddress } from './durability/address.js';
import { startEmbeddedEngine, type EmbeddedEngine } from './index.js';

let engine: EmbeddedEngine;
let client: MongoClient;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rl-snapshot-cmd-'));
  engine = await startEmbeddedEngine({ dataDir: dir });
  client = await MongoClient.connect(engine.uri);
});
afterAll(async () => {
  await client.close();
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

const snapshotCursor = (batchSize: number) =>
  client.db('admin').runCursorCommand({ consistentSnapshot: 1, batchSize }).setBatchSize(batchSize);

describe('consistentSnapshot', () => {
  it('streams each collection and its documents as of the moment it was asked, committed writes only', async () => {
    const db = client.db('snap');
    await db.collection('a').insertMany([
      { _id: 1 as never, n: 1 },
      { _id: 2 as never, n: 2 },
    ]);
    await db.collection('b').createIndex({ email: 1 }, { unique: true, name: 'email_1' });
    await db.collection('b').insertOne({ _id: 'x' as never, email: 'x@example.org' });

    // A transaction's write is not in it until committed.
    const session = client.startSession();
    session.startTransaction();
    await db.collection('a').insertOne({ _id: 3 as never, n: 3 }, { session });

    const cursor = snapshotCursor(1);
    const entries: Document[] = [await cursor.next()];
    // Writes after the first batch change nothing in what follows.
    await db.collection('a').insertOne({ _id: 4 as never, n: 4 });
    await db.collection('b').deleteOne({ _id: 'x' as never });
    await session.commitTransaction();
    await session.endSession();
    entries.push(...(await cursor.toArray()));

    const mine = entries.filter((e) => (e.collection?.ns ?? e.ns ?? '').startsWith('snap.'));
    expect(entries[0]).toMatchObject({ begin: { collections: expect.any(Number) } });
    expect(mine).toEqual([
      { collection: expect.objectContaining({ ns: 'snap.a', count: 2 }) },
      { ns: 'snap.a', doc: { _id: 1, n: 1 } },
      { ns: 'snap.a', doc: { _id: 2, n: 2 } },
      {
        collection: expect.objectContaining({
          ns: 'snap.b',
          count: 1,
          indexes: expect.arrayContaining([expect.objectContaining({ name: 'email_1', unique: true })]),
        }),
      },
      { ns: 'snap.b', doc: { _id: 'x', email: 'x@example.org' } },
    ]);
    const docs = entries.filter((e) => e.ns !== undefined).length;
    expect(entries.at(-1)).toMatchObject({ end: { docs, collections: entries[0]!.begin.collections } });
  });

  it('is answered on the admin database only', async () => {
    await expect(client.db('snap').command({ consistentSnapshot: 1 })).rejects.toThrow(/admin database/);
  });

  it('says where the engine listens while it runs, and no more once closed', async () => {
    expect(readAddress(dir)).toEqual({ pid: process.pid, port: engine.port, uri: engine.uri });
    const other = await mkdtemp(path.join(tmpdir(), 'rl-snapshot-cmd-'));
    const second = await startEmbeddedEngine({ dataDir: other });
    expect(JSON.parse(await readFile(path.join(other, ADDRESS_FILE), 'utf8')).port).toBe(second.port);
    await second.close();
    expect(readAddress(other)).toBeUndefined();
    await rm(other, { recursive: true, force: true });
  });
});
