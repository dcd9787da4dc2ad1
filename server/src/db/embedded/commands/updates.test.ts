import { MongoClient, type Collection, type Document } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedEngine, type EmbeddedEngine } from '../index.js';

let engine: EmbeddedEngine;
let client: MongoClient;
let items: Collection<Document>;

beforeAll(async () => {
  engine = await startEmbeddedEngine();
  client = await MongoClient.connect(engine.uri);
  items = client.db('app').collection('updates');
});
afterAll(async () => {
  await client.close();
  await engine.close();
});
beforeEach(async () => {
  await items.deleteMany({});
  await items.insertOne({
    _id: 1 as never,
    views: 2,
    tags: ['a'],
    lines: [
      { sku: 'x', qty: 1 },
      { sku: 'y', qty: 4 },
    ],
  });
});

/** Statements of every kind the update path handles, with what each leaves in document 1 (or the upsert). */
const statements: Array<{
  name: string;
  run: (options: { session?: never }) => Promise<unknown>;
  after: Document;
}> = [
  {
    name: '$inc on a missing field and $push with $each',
    run: (o) =>
      items.updateOne(
        { _id: 1 as never },
        { $inc: { 'n.count': 3 }, $push: { tags: { $each: ['b', 'c'] } } } as never,
        o,
      ),
    after: { n: { count: 3 }, tags: ['a', 'b', 'c'] },
  },
  {
    name: 'a positional $ from the filter',
    run: (o) => items.updateOne({ _id: 1 as never, 'lines.sku': 'y' }, { $inc: { 'lines.$.qty': 10 } }, o),
    after: {
      lines: [
        { sku: 'x', qty: 1 },
        { sku: 'y', qty: 14 },
      ],
    },
  },
  {
    name: 'arrayFilters',
    run: (o) =>
      items.updateOne(
        { _id: 1 as never },
        { $set: { 'lines.$[small].qty': 0 } },
        { ...o, arrayFilters: [{ 'small.qty': { $lt: 3 } }] },
      ),
    after: {
      lines: [
        { sku: 'x', qty: 0 },
        { sku: 'y', qty: 4 },
      ],
    },
  },
];

describe('update statements', () => {
  for (const { name, run, after } of statements) {
    it(`apply ${name}, and leave nothing when their transaction aborts`, async () => {
      const before = await items.findOne({ _id: 1 as never });
      const session = client.startSession();
      try {
        session.startTransaction();
        await run({ session: session as never });
        expect(await items.findOne({ _id: 1 as never }, { session })).toMatchObject(after);
        await session.abortTransaction();
      } finally {
        await session.endSession();
      }
      expect(await items.findOne({ _id: 1 as never })).toEqual(before);
      await run({});
      expect(await items.findOne({ _id: 1 as never })).toMatchObject(after);
    });
  }

  it('upsert with $setOnInsert sets those fields only when it inserts', async () => {
    const upsert = (id: number) =>
      items.updateOne(
        { _id: id as never },
        { $setOnInsert: { createdBy: 'first' }, $inc: { views: 1 } },
        { upsert: true },
      );
    expect((await upsert(2)).upsertedId).toBe(2);
    expect(await items.findOne({ _id: 2 as never })).toEqual({ _id: 2, createdBy: 'first', views: 1 });
    expect((await upsert(1)).modifiedCount).toBe(1);
    expect(await items.findOne({ _id: 1 as never })).not.toHaveProperty('createdBy');
  });

  it('counts a statement that changes nothing as matched, not modified', async () => {
    const result = await items.updateOne({ _id: 1 as never }, { $set: { views: 2 }, $inc: { views2: 0 } });
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    const again = await items.updateOne({ _id: 1 as never }, { $set: { views: 2, tags: ['a'] } });
    expect(again).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
  });
});
