import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ObjectId, UUID, serialize, type Document } from 'bson';
import { MongoClient } from 'mongodb';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedEngine, type EmbeddedEngine } from './index.js';
import { JOURNAL_FILE, journalName } from './durability/journal.js';
import { encodeRecord } from './durability/records.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-durability-'));
  dirs.push(dir);
  return dir;
}

async function withClient<T>(engine: EmbeddedEngine, fn: (client: MongoClient) => Promise<T>): Promise<T> {
  const client = await MongoClient.connect(engine.uri);
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}

function journalFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => JOURNAL_FILE.test(f))
    .sort();
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('embedded engine durability', () => {
  it('brings back documents, collections and indexes after a restart', async () => {
    const dir = tempDir();
    let engine = await startEmbeddedEngine({ dataDir: dir });
    await withClient(engine, async (client) => {
      const coll = client.db('app').collection('people');
      await coll.createIndex({ email: 1 }, { unique: true });
      await coll.insertMany([
        { email: 'a', n: 1 },
        { email: 'b', n: 2 },
      ]);
      await coll.updateOne({ email: 'a' }, { $inc: { n: 10 } });
      await coll.deleteOne({ email: 'b' });
      await client.db('app').collection('gone').insertOne({ x: 1 });
      await client.db('app').collection('gone').drop();
    });
    await engine.close();

    engine = await startEmbeddedEngine({ dataDir: dir });
    await withClient(engine, async (client) => {
      const db = client.db('app');
      expect((await db.listCollections().toArray()).map((c) => c.name)).toEqual(['people']);
      expect(
        await db
          .collection('people')
          .find({}, { projection: { _id: 0 } })
          .toArray(),
      ).toEqual([{ email: 'a', n: 11 }]);
      expect((await db.collection('people').indexes()).map((i) => i.name)).toEqual(['_id_', 'email_1']);
      await expect(db.collection('people').insertOne({ email: 'a' })).rejects.toMatchObject({ code: 11000 });
    });
    await engine.close();
  });

  it('compacts the journal into a snapshot and recovers from snapshot plus journal', async () => {
    const dir = tempDir();
    let engine = await startEmbeddedEngine({ dataDir: dir, compactAfterBytes: 20_000 });
    await withClient(engine, async (client) => {
      const coll = client.db('app').collection('items');
      await coll.createIndex({ k: 1 });
      for (let i = 0; i < 20; i++) {
        await coll.insertMany(Array.from({ length: 50 }, (_, j) => ({ k: i * 50 + j, pad: 'x'.repeat(50) })));
      }
      await engine.compact();
      await coll.updateMany({ k: { $lt: 10 } }, { $set: { updated: true } });
    });
    await engine.close();
    expect(fs.existsSync(path.join(dir, 'snapshot.bson'))).toBe(true);
    expect(journalFiles(dir).length).toBeLessThanOrEqual(1);

    engine = await startEmbeddedEngine({ dataDir: dir });
    await withClient(engine, async (client) => {
      const coll = client.db('app').collection('items');
      expect(await coll.countDocuments()).toBe(1000);
      expect(await coll.countDocuments({ updated: true })).toBe(10);
      expect((await coll.indexes()).map((i) => i.name)).toEqual(['_id_', 'k_1']);
    });
    await engine.close();
  });

  it('drops a torn last journal record at start instead of refusing', async () => {
    const dir = tempDir();
    let engine = await startEmbeddedEngine({ dataDir: dir });
    await withClient(engine, (client) =>
      client
        .db('app')
        .collection('c')
        .insertOne({ _id: 1 as never, v: 'kept' }),
    );
    await engine.close();
    const file = path.join(dir, journalFiles(dir).at(-1)!);
    // A record header promising 500 bytes, followed by only a few: a write cut short by a crash.
    const torn = Buffer.alloc(20);
    torn.writeUInt32LE(500, 0);
    fs.appendFileSync(file, torn);

    const warnings: string[] = [];
    engine = await startEmbeddedEngine({ dataDir: dir, warn: (w) => warnings.push(w) });
    await withClient(engine, async (client) => {
      expect(await client.db('app').collection('c').find().toArray()).toEqual([{ _id: 1, v: 'kept' }]);
      await client
        .db('app')
        .collection('c')
        .insertOne({ _id: 2 as never, v: 'after' });
    });
    await engine.close();
    expect(warnings.join()).toMatch(/dropped 20 bytes/);

    engine = await startEmbeddedEngine({ dataDir: dir });
    await withClient(engine, async (client) => {
      expect(await client.db('app').collection('c').countDocuments()).toBe(2);
    });
    await engine.close();
  });

  it('keeps every write after a transaction that changed nothing', async () => {
    const dir = tempDir();
    let engine = await startEmbeddedEngine({ dataDir: dir });
    await withClient(engine, async (client) => {
      const coll = client.db('app').collection('c');
      await coll.insertOne({ _id: 1 as never, v: 'before' });
      // A transaction that only reads, and one whose update matches nothing: both commit with no writes.
      await client.withSession((session) =>
        session.withTransaction(async () => {
          await coll.findOne({ _id: 1 as never }, { session });
        }),
      );
      await client.withSession((session) =>
        session.withTransaction(async () => {
          await coll.updateOne({ _id: 404 as never }, { $set: { v: 'none' } }, { session });
        }),
      );
      await coll.insertOne({ _id: 2 as never, v: 'after' });
      await coll.updateOne({ _id: 1 as never }, { $set: { v: 'edited' } });
    });
    await engine.close();

    const warnings: string[] = [];
    engine = await startEmbeddedEngine({ dataDir: dir, warn: (w) => warnings.push(w) });
    await withClient(engine, async (client) => {
      expect(await client.db('app').collection('c').find().sort({ _id: 1 }).toArray()).toEqual([
        { _id: 1, v: 'edited' },
        { _id: 2, v: 'after' },
      ]);
    });
    await engine.close();
    expect(warnings).toEqual([]);

    // Earlier versions journaled such a commit as an empty record; a journal holding one replays past it.
    const file = path.join(dir, journalFiles(dir).at(-1)!);
    fs.appendFileSync(file, Buffer.alloc(8));
    fs.appendFileSync(
      file,
      encodeRecord([{ k: 'put', ns: 'app.c', doc: { _id: 3, v: 'past an empty record' } }]),
    );
    engine = await startEmbeddedEngine({ dataDir: dir, warn: (w) => warnings.push(w) });
    await withClient(engine, async (client) => {
      const coll = client.db('app').collection('c');
      expect(await coll.countDocuments()).toBe(3);
      expect(await coll.findOne({ _id: 3 as never })).toEqual({ _id: 3, v: 'past an empty record' });
    });
    await engine.close();
    expect(warnings).toEqual([]);
  });

  it('refuses a data directory another live process holds, and takes over a stale lock', async () => {
    const dir = tempDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      fs.writeFileSync(path.join(dir, 'LOCK'), String(holder.pid));
      await expect(startEmbeddedEngine({ dataDir: dir })).rejects.toThrow(
        new RegExp(`in use by process ${holder.pid}`),
      );
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    // The holder is gone now: its lock is stale.
    const engine = await startEmbeddedEngine({ dataDir: dir });
    await expect(startEmbeddedEngine({ dataDir: dir })).rejects.toThrow(/this process already opened it/);
    await engine.close();
    expect(fs.existsSync(path.join(dir, 'LOCK'))).toBe(false);
  });

  it('writes a snapshot at a clean close, so the next start replays no journal', async () => {
    const dir = tempDir();
    let engine = await startEmbeddedEngine({ dataDir: dir, checkpointAtCloseBytes: 10_000 });
    await withClient(engine, async (client) => {
      const coll = client.db('app').collection('items');
      await coll.createIndex({ k: 1 }, { unique: true });
      await coll.insertMany(Array.from({ length: 200 }, (_, k) => ({ k, pad: 'y'.repeat(100) })));
    });
    expect(journalFiles(dir).length).toBe(1);
    await engine.close();
    expect(fs.existsSync(path.join(dir, 'snapshot.bson'))).toBe(true);
    expect(journalFiles(dir)).toEqual([]);

    engine = await startEmbeddedEngine({ dataDir: dir, checkpointAtCloseBytes: 10_000 });
    await withClient(engine, async (client) => {
      const coll = client.db('app').collection('items');
      expect(await coll.countDocuments()).toBe(200);
      await expect(coll.insertOne({ k: 5 })).rejects.toMatchObject({ code: 11000 });
      await coll.insertOne({ k: 500 }); // a small journal: left to be replayed
    });
    await engine.close();
    expect(journalFiles(dir).length).toBe(1);
    engine = await startEmbeddedEngine({ dataDir: dir });
    await withClient(engine, async (client) => {
      expect(await client.db('app').collection('items').countDocuments()).toBe(201);
    });
    await engine.close();
  });

  it('serves stored documents byte for byte as they were written, also after a restart', async () => {
    const dir = tempDir();
    const docs: Document[] = [
      {
        _id: new ObjectId(),
        title: '社区养老',
        n: 3,
        x: 2.5,
        big: 2 ** 40,
        when: new Date(0),
        tags: ['a', 'b'],
      },
      { _id: 7, nested: { a: [1, { b: null }] }, neg: -0 },
    ];
    let engine = await startEmbeddedEngine({ dataDir: dir, checkpointAtCloseBytes: 1 });
    const served = () =>
      withClient(engine, (client) =>
        client.db('app').collection('raw').find({}, { raw: true }).sort({ _id: -1 }).toArray(),
      );
    await withClient(engine, (client) => client.db('app').collection('raw').insertMany(docs));
    const expected = docs.map((d) => Buffer.from(serialize(d)));
    expect((await served()).map((b) => Buffer.from(b as unknown as Uint8Array))).toEqual(expected);
    await engine.close();
    engine = await startEmbeddedEngine({ dataDir: dir });
    expect((await served()).map((b) => Buffer.from(b as unknown as Uint8Array))).toEqual(expected);
    await engine.close();
  });

  it('opens a data directory whose records hold documents serialized as objects, and refuses a damaged one', async () => {
    // What the engine wrote before documents were kept as bytes: every record serialized from objects.
    const dir = tempDir();
    const ns = 'app.people';
    const index = { v: 2, key: { email: 1 }, name: 'email_1', unique: true };
    const snapshot = Buffer.concat([
      encodeRecord([{ snapshot: 1, journal: 2, collections: 1 }]),
      encodeRecord([{ collection: { ns, options: {}, uuid: new UUID().toHexString(), indexes: [index] } }]),
      encodeRecord([
        { docs: ns, n: 2 },
        { _id: 1, email: 'a', n: 1 },
        { _id: 2, email: 'b', n: 2 },
      ]),
      encodeRecord([{ end: 1, docs: 2 }]),
    ]);
    fs.writeFileSync(path.join(dir, 'snapshot.bson'), snapshot);
    fs.writeFileSync(
      path.join(dir, journalName(2)),
      Buffer.concat([
        encodeRecord([{ k: 'put', ns, doc: { _id: 3, email: 'c', n: 3 } }]),
        encodeRecord([
          { k: 'del', ns, id: 1 },
          { k: 'put', ns, doc: { _id: 2, email: 'b', n: 20 } },
        ]),
      ]),
    );
    const engine = await startEmbeddedEngine({ dataDir: dir });
    await withClient(engine, async (client) => {
      const coll = client.db('app').collection('people');
      expect(await coll.find().sort({ _id: 1 }).toArray()).toEqual([
        { _id: 2, email: 'b', n: 20 },
        { _id: 3, email: 'c', n: 3 },
      ]);
      expect(await coll.findOne({ email: 'c' })).toMatchObject({ _id: 3 });
      await expect(coll.insertOne({ email: 'b' })).rejects.toMatchObject({ code: 11000 });
    });
    await engine.close();

    const damaged = tempDir();
    const bytes = Buffer.from(fs.readFileSync(path.join(dir, 'snapshot.bson')));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 30) ^ 0xff, bytes.length - 30);
    fs.writeFileSync(path.join(damaged, 'snapshot.bson'), bytes);
    await expect(startEmbeddedEngine({ dataDir: damaged })).rejects.toThrow(/is damaged/);
  });
});
