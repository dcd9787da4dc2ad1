import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedEngine, type EmbeddedEngine } from './index.js';

// Engine-specific: how transactions and writes outside them interleave (MongoDB gives the same results).
let engine: EmbeddedEngine;
let client: MongoClient;
let db: Db;

beforeAll(async () => {
  engine = await startEmbeddedEngine();
  client = await MongoClient.connect(engine.uri);
  db = client.db('isolationtest');
});
afterAll(async () => {
  await client.close();
  await engine.close();
});

describe('isolation', () => {
  const id = (v: string) => v as never;

  it('lets writes outside a transaction go on, except to what it holds (those wait for it)', async () => {
    const coll = db.collection('iso');
    await coll.insertMany([
      { _id: id('x'), v: 0 },
      { _id: id('y'), v: 0 },
    ]);
    const session = client.startSession();
    session.startTransaction();
    await coll.updateOne({ _id: id('x') }, { $set: { v: 1 } }, { session });
    await coll.updateOne({ _id: id('y') }, { $set: { v: 5 } }); // not held: goes through at once
    let outsideDone = false;
    const outside = coll.updateOne({ _id: id('x') }, { $inc: { v: 10 } }).then(() => (outsideDone = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(outsideDone).toBe(false);
    expect((await coll.findOne({ _id: id('x') }))!.v).toBe(0);
    await session.commitTransaction();
    await outside;
    await session.endSession();
    expect((await coll.findOne({ _id: id('x') }))!.v).toBe(11);
    expect((await coll.findOne({ _id: id('y') }))!.v).toBe(5);
  });

  it('reads a snapshot, and refuses to overwrite what others committed since (WriteConflict)', async () => {
    const coll = db.collection('snap');
    await coll.insertMany([
      { _id: id('a'), v: 1 },
      { _id: id('b'), v: 1 },
    ]);
    const session = client.startSession();
    session.startTransaction();
    expect(await coll.countDocuments({}, { session })).toBe(2);
    await coll.updateOne({ _id: id('a') }, { $set: { v: 2 } });
    await coll.insertOne({ _id: id('c'), v: 1 });
    await coll.deleteOne({ _id: id('b') });
    // The transaction still sees the state as of its start.
    expect((await coll.find({}, { session }).sort({ _id: 1 }).toArray()).map((d) => [d._id, d.v])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    expect(await coll.countDocuments({ v: 1 }, { session })).toBe(2);
    const err = await coll.updateOne({ _id: id('a') }, { $inc: { v: 1 } }, { session }).catch((e) => e);
    expect(err).toMatchObject({ code: 112, codeName: 'WriteConflict' });
    expect(err.errorLabels).toContain('TransientTransactionError');
    await session.abortTransaction().catch(() => {});
    await session.endSession();
    expect((await coll.find().sort({ _id: 1 }).toArray()).map((d) => [d._id, d.v])).toEqual([
      ['a', 2],
      ['c', 1],
    ]);
  });

  it('makes a unique key taken by a pending transaction wait, then fail once it commits', async () => {
    const coll = db.collection('ukeys');
    await coll.createIndex({ u: 1 }, { unique: true });
    const session = client.startSession();
    session.startTransaction();
    await coll.insertOne({ u: 'k' }, { session });
    const outside = coll.insertOne({ u: 'k' }).catch((e) => e);
    await new Promise((r) => setTimeout(r, 30));
    await session.commitTransaction();
    await session.endSession();
    expect(await outside).toMatchObject({ code: 11000 });
    expect(await coll.countDocuments({ u: 'k' })).toBe(1);
  });
  it('makes a write outside wait for the transaction holding its document only, not for others open', async () => {
    const coll = db.collection('holders');
    await coll.insertMany([
      { _id: id('p'), v: 0 },
      { _id: id('q'), v: 0 },
    ]);
    const a = client.startSession();
    const b = client.startSession();
    a.startTransaction();
    b.startTransaction();
    await coll.updateOne({ _id: id('p') }, { $set: { v: 1 } }, { session: a });
    await coll.updateOne({ _id: id('q') }, { $set: { v: 2 } }, { session: b });
    let outsideDone = false;
    const outside = coll.updateOne({ _id: id('p') }, { $inc: { v: 10 } }).then(() => (outsideDone = true));
    await b.commitTransaction();
    await new Promise((r) => setTimeout(r, 50));
    expect(outsideDone).toBe(false); // b's commit does not release it: a holds p
    await a.commitTransaction();
    await outside;
    await Promise.all([a.endSession(), b.endSession()]);
    expect((await coll.find().sort({ _id: 1 }).toArray()).map((d) => d.v)).toEqual([11, 2]);
  });

  it('makes DDL wait for every active transaction, and a transaction starting meanwhile wait behind it', async () => {
    const coll = db.collection('ddlwait');
    await coll.insertMany([
      { _id: id('r'), v: 0 },
      { _id: id('s'), v: 0 },
      { _id: id('t'), v: 0 },
    ]);
    const [a, b, c] = [client.startSession(), client.startSession(), client.startSession()];
    a.startTransaction();
    b.startTransaction();
    await coll.updateOne({ _id: id('r') }, { $set: { v: 1 } }, { session: a });
    await coll.updateOne({ _id: id('s') }, { $set: { v: 1 } }, { session: b });
    const done: string[] = [];
    const ddl = db.createCollection('ddlwait_new').then(() => done.push('ddl'));
    await new Promise((r) => setTimeout(r, 30));
    c.startTransaction();
    const late = coll.updateOne({ _id: id('t') }, { $set: { v: 1 } }, { session: c }).then(() => done.push('c'));
    await new Promise((r) => setTimeout(r, 30));
    await a.commitTransaction();
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toEqual([]); // b is still open
    await b.commitTransaction();
    await Promise.all([ddl, late]);
    expect(done).toEqual(['ddl', 'c']);
    await c.commitTransaction();
    await Promise.all([a.endSession(), b.endSession(), c.endSession()]);
    expect((await coll.find().sort({ _id: 1 }).toArray()).map((d) => d.v)).toEqual([1, 1, 1]);
  });
});
