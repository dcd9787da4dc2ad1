import net from 'node:net';
import { deserialize, serialize, type Document } from 'bson';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedEngine, type EmbeddedEngine } from './index.js';

let engine: EmbeddedEngine;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  engine = await startEmbeddedEngine();
  client = await MongoClient.connect(engine.uri);
  db = client.db('enginetest');
});
afterAll(async () => {
  await client.close();
  await engine.close();
});

/** Sends one raw wire message and returns the reply's document and opCode. */
async function roundTrip(message: Buffer): Promise<{ opCode: number; doc: Document }> {
  const socket = net.connect(engine.port, '127.0.0.1');
  try {
    const reply = await new Promise<Buffer>((resolve, reject) => {
      let buf = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        buf = Buffer.concat([buf, chunk]);
        if (buf.length >= 4 && buf.length >= buf.readInt32LE(0)) resolve(buf);
      });
      socket.on('error', reject);
      socket.write(message);
    });
    const opCode = reply.readInt32LE(12);
    const docStart = opCode === 1 ? 36 : 21;
    return { opCode, doc: deserialize(reply.subarray(docStart)) };
  } finally {
    socket.destroy();
  }
}

function frame(opCode: number, body: Buffer): Buffer {
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + body.length, 0);
  header.writeInt32LE(7, 4);
  header.writeInt32LE(opCode, 12);
  return Buffer.concat([header, body]);
}

describe('wire protocol', () => {
  it('answers a legacy OP_QUERY isMaster with OP_REPLY, as a one-node replica set with sessions', async () => {
    const flagsAndName = Buffer.concat([Buffer.alloc(4), Buffer.from('admin.$cmd\0'), Buffer.alloc(8)]);
    flagsAndName.writeInt32LE(-1, flagsAndName.length - 4);
    const { opCode, doc } = await roundTrip(
      frame(2004, Buffer.concat([flagsAndName, serialize({ isMaster: 1 })])),
    );
    expect(opCode).toBe(1);
    expect(doc).toMatchObject({
      ismaster: true,
      ok: 1,
      setName: 'rs0',
      maxWireVersion: 21,
      logicalSessionTimeoutMinutes: 30,
    });
    expect(doc.hosts).toEqual([`127.0.0.1:${engine.port}`]);
  });

  it('reads OP_MSG document sequences (kind 1 sections)', async () => {
    const body = serialize({ insert: 'seq', $db: 'enginetest' });
    const docs = [serialize({ _id: 1, a: 'x' }), serialize({ _id: 2, a: 'y' })];
    const seqPayload = Buffer.concat([Buffer.from('documents\0'), ...docs]);
    const seqSize = Buffer.alloc(4);
    seqSize.writeInt32LE(4 + seqPayload.length);
    const msg = Buffer.concat([
      Buffer.alloc(4),
      Buffer.from([0]),
      body,
      Buffer.from([1]),
      seqSize,
      seqPayload,
    ]);
    const { opCode, doc } = await roundTrip(frame(2013, msg));
    expect(opCode).toBe(2013);
    expect(doc).toEqual({ n: 2, ok: 1 });
    expect(await db.collection('seq').countDocuments()).toBe(2);
  });

  it('executes unacknowledged writes (moreToCome) without replying', async () => {
    await db.collection('w0').insertOne({ a: 1 }, { writeConcern: { w: 0 } });
    await expect.poll(() => db.collection('w0').countDocuments()).toBe(1);
  });

  it('answers unknown commands with CommandNotFound', async () => {
    await expect(db.command({ frobnicate: 1 })).rejects.toMatchObject({
      code: 59,
      codeName: 'CommandNotFound',
    });
  });
});

describe('refusing what the engine does not support', () => {
  const refused = { code: 238, codeName: 'NotImplemented' };
  beforeAll(async () => {
    await db.collection('things').insertMany([
      { a: 1, s: 'x' },
      { a: 2, s: 'y' },
    ]);
  });

  it.each([
    ['$where', () => db.collection('things').find({ $where: 'this.a > 1' }).toArray()],
    [
      '$function',
      () =>
        db
          .collection('things')
          .find({ $expr: { $function: { body: 'return 1', args: [], lang: 'js' } } })
          .toArray(),
    ],
    [
      '$text',
      () =>
        db
          .collection('things')
          .find({ $text: { $search: 'x' } })
          .toArray(),
    ],
    [
      '$out',
      () =>
        db
          .collection('things')
          .aggregate([{ $out: 'copy' }])
          .toArray(),
    ],
    [
      '$merge',
      () =>
        db
          .collection('things')
          .aggregate([{ $merge: { into: 'copy' } }])
          .toArray(),
    ],
    [
      '$accumulator',
      () =>
        db
          .collection('things')
          .aggregate([{ $group: { _id: null, x: { $accumulator: {} } } }])
          .toArray(),
    ],
    [
      '$changeStream',
      () =>
        db
          .collection('things')
          .aggregate([{ $changeStream: {} }])
          .toArray(),
    ],
    [
      'Collation',
      () =>
        db
          .collection('things')
          .find({}, { collation: { locale: 'zh' } })
          .toArray(),
    ],
    ["Index type 'text'", () => db.collection('things').createIndex({ s: 'text' })],
    ["The create option 'capped'", () => db.createCollection('capped', { capped: true, size: 1000 })],
  ])('refuses %s with MongoDB’s error shape, naming it', async (name, run) => {
    const err = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject(refused);
    expect((err as Error).message).toContain(name);
  });

  it('refuses an unknown pipeline stage and an unknown update operator', async () => {
    await expect(
      db
        .collection('things')
        .aggregate([{ $frob: {} }])
        .toArray(),
    ).rejects.toMatchObject({ code: 168 });
    await expect(db.collection('things').updateOne({}, { $frob: { a: 1 } })).rejects.toMatchObject({
      code: 9,
    });
  });
});

describe('indexes', () => {
  it('lists unique, sparse, compound and partial indexes as MongoDB does', async () => {
    const coll = db.collection('idx');
    await coll.createIndex({ email: 1 }, { unique: true });
    await coll.createIndex({ org: 1, createdAt: -1 });
    await coll.createIndex({ nick: 1 }, { unique: true, sparse: true });
    await coll.createIndex(
      { code: 1 },
      { unique: true, partialFilterExpression: { code: { $exists: true } }, name: 'code_partial' },
    );
    expect(await coll.indexes()).toEqual([
      { v: 2, key: { _id: 1 }, name: '_id_' },
      { v: 2, key: { email: 1 }, name: 'email_1', unique: true },
      { v: 2, key: { org: 1, createdAt: -1 }, name: 'org_1_createdAt_-1' },
      { v: 2, key: { nick: 1 }, name: 'nick_1', unique: true, sparse: true },
      {
        v: 2,
        key: { code: 1 },
        name: 'code_partial',
        unique: true,
        partialFilterExpression: { code: { $exists: true } },
      },
    ]);
    expect(await coll.createIndex({ email: 1 }, { unique: true })).toBe('email_1');
    await expect(coll.createIndex({ email: 1 }, { name: 'email_1', unique: false })).rejects.toMatchObject({
      code: 85,
    });
    await coll.dropIndex('org_1_createdAt_-1');
    await expect(coll.dropIndex('_id_')).rejects.toMatchObject({ code: 72 });
    await expect(coll.dropIndex('nope')).rejects.toMatchObject({ code: 27 });
  });

  it('keeps reading the fields of indexes added and dropped after documents were stored', async () => {
    const coll = db.collection('laterIndexes');
    await coll.createIndex({ a: 1 }, { unique: true });
    await coll.insertOne({ a: 1, b: 1 });
    await coll.updateOne({ a: 1 }, { $set: { c: 1 } }); // reads the stored document's index fields once
    await coll.createIndex({ b: 1 }, { unique: true });
    // The update removes the old entry of b: read from the stored bytes with the index added later.
    await coll.updateOne({ a: 1 }, { $set: { b: 2 } });
    await coll.insertOne({ a: 2, b: 1 });
    await expect(coll.insertOne({ a: 3, b: 2 })).rejects.toMatchObject({ code: 11000 });
    await coll.dropIndex('b_1');
    await coll.insertOne({ a: 4, b: 2 });
    expect(await coll.countDocuments({ b: 2 })).toBe(2);
  });

  it('enforces compound unique keys and refuses to build a unique index over duplicates', async () => {
    const coll = db.collection('compound');
    await coll.createIndex({ a: 1, b: 1 }, { unique: true });
    await coll.insertMany([
      { a: 1, b: 1 },
      { a: 1, b: 2 },
    ]);
    const err = await coll.insertOne({ a: 1, b: 2 }).catch((e) => e);
    expect(err).toMatchObject({ code: 11000, keyPattern: { a: 1, b: 1 }, keyValue: { a: 1, b: 2 } });
    expect(err.message).toContain('index: a_1_b_1 dup key: { a: 1, b: 2 }');
    // Documents without the fields hold { a: null, b: null } in a non-sparse unique index.
    await coll.insertOne({ other: 1 });
    await expect(coll.insertOne({ other: 2 })).rejects.toMatchObject({
      code: 11000,
      keyValue: { a: null, b: null },
    });

    const dups = db.collection('dups');
    await dups.insertMany([{ c: 'same' }, { c: 'same' }]);
    await expect(dups.createIndex({ c: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
    expect((await dups.indexes()).map((i) => i.name)).toEqual(['_id_']);
  });

  it('answers equality lookups from the index instead of scanning', async () => {
    const coll = db.collection('lookup');
    await coll.createIndex({ code: 1 }, { unique: true });
    await coll.createIndex({ org: 1, kind: 1 });
    await coll.insertMany(
      Array.from({ length: 500 }, (_, i) => ({ code: `c${i}`, org: i % 10, kind: i % 2 ? 'a' : 'b', n: i })),
    );
    const stats = async (filter: Document) => {
      const plan = await coll.find(filter).explain('executionStats');
      return { examined: plan.executionStats.totalDocsExamined, returned: plan.executionStats.nReturned };
    };
    expect(await stats({ code: 'c42' })).toEqual({ examined: 1, returned: 1 });
    expect(await stats({ code: { $in: ['c1', 'c2', 'nope'] } })).toEqual({ examined: 2, returned: 2 });
    expect(await stats({ code: 'c42', n: 7 })).toEqual({ examined: 1, returned: 0 });
    expect(await stats({ org: 3, kind: 'a' })).toEqual({ examined: 50, returned: 50 });
    expect(await stats({ org: 3 })).toEqual({ examined: 50, returned: 50 }); // the compound index's prefix
    expect(await stats({ kind: 'a' })).toEqual({ examined: 500, returned: 250 });
    expect(await stats({ n: 42 })).toEqual({ examined: 500, returned: 1 });
    const byId = await coll.findOne({ code: 'c9' });
    expect(await stats({ _id: byId!._id })).toEqual({ examined: 1, returned: 1 });
  });

  it('answers equality on every field of a non-unique compound index exactly, through arrays and writes', async () => {
    // Such an index keeps only its first field's map; full-key equality filters that field's documents.
    const coll = db.collection('fullkey');
    await coll.createIndex({ org: 1, tags: 1 });
    await coll.insertMany(
      Array.from({ length: 200 }, (_, i) => ({ org: i % 4, tags: [`t${i % 3}`, `u${i % 5}`], n: i })),
    );
    await coll.updateMany({ n: { $lt: 20 } }, { $set: { tags: 'solo' } });
    await coll.deleteMany({ n: { $gte: 190 } });
    const docs = await coll.find().toArray();
    const holds = (d: Document, tag: string) =>
      Array.isArray(d.tags) ? d.tags.includes(tag) : d.tags === tag;
    for (const [org, tag] of [
      [1, 't2'],
      [2, 'u0'],
      [3, 'solo'],
      [0, 'nope'],
    ] as const) {
      const expected = docs.filter((d) => d.org === org && holds(d, tag)).map((d) => d.n as number);
      const filter = { org, tags: tag };
      const found = (await coll.find(filter).toArray()).map((d) => d.n as number);
      expect(found.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
      const plan = await coll.find(filter).explain('executionStats');
      expect(plan.executionStats.totalDocsExamined).toBe(expected.length);
    }
    expect(await coll.countDocuments({ org: { $in: [1, 2] }, tags: { $in: ['t0', 'solo'] } })).toBe(
      docs.filter((d) => [1, 2].includes(d.org as number) && (holds(d, 't0') || holds(d, 'solo'))).length,
    );
  });

  it('expires documents through a TTL index', async () => {
    const coll = db.collection('sessions');
    await coll.createIndex({ expires: 1 }, { expireAfterSeconds: 0 });
    await coll.insertMany([
      { _id: 'old' as never, expires: new Date(Date.now() - 1000) },
      { _id: 'new' as never, expires: new Date(Date.now() + 60_000) },
      { _id: 'none' as never },
    ]);
    expect(await engine.expire()).toBe(1);
    expect((await coll.find().toArray()).map((d) => d._id)).toEqual(['new', 'none']);
  });
});
