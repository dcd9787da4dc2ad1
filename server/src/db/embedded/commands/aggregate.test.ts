import { MongoClient, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedEngine, type EmbeddedEngine } from '../index.js';

let engine: EmbeddedEngine;
let client: MongoClient;

beforeAll(async () => {
  engine = await startEmbeddedEngine();
  client = await MongoClient.connect(engine.uri);
  await client
    .db('app')
    .collection('items')
    .insertMany(
      Array.from({ length: 60 }, (_, i) => ({
        _id: i as never,
        g: ['a', 'b', 'c'][i % 3],
        v: { n: i, tags: i % 2 ? ['x', 'y'] : [] },
        name: `item ${i}`,
        at: new Date(Date.UTC(2026, 0, 1 + (i % 7))),
      })),
    );
});

afterAll(async () => {
  await client.close();
  await engine.close();
});

const sorted = (rows: Document[]) => rows.map((r) => JSON.stringify(r)).sort();

describe('a pipeline whose leading $group reads only the fields it names', () => {
  const pipelines: Document[][] = [
    [
      { $match: { g: { $in: ['a', 'b'] } } },
      { $group: { _id: '$g', total: { $sum: '$v.n' }, n: { $sum: 1 } } },
    ],
    [{ $group: { _id: { g: '$g', day: { $dayOfWeek: '$at' } }, names: { $push: '$name' } } }],
    [{ $match: { 'v.n': { $gte: 10 } } }, { $group: { _id: null, all: { $push: '$$ROOT' } } }],
    [{ $group: { _id: '$g', last: { $last: '$$CURRENT' }, tags: { $addToSet: '$v.tags' } } }],
    [{ $match: { g: 'c' } }, { $sortByCount: '$v.n' }],
    [{ $match: { g: 'b' } }, { $count: 'n' }],
    [{ $group: { _id: '$g', n: { $sum: 1 } } }, { $sort: { _id: 1 } }, { $addFields: { k: '$n' } }],
    // Counts (mongoose's countDocuments): answered without the Aggregator.
    [{ $match: { g: 'b' } }, { $group: { _id: 1, n: { $sum: 1 } } }],
    [
      { $match: { g: { $in: ['a', 'c'] }, 'v.n': { $lt: 30 } } },
      { $group: { _id: null, count: { $sum: 1 } } },
    ],
    [{ $group: { _id: false, n: { $sum: 1 } } }],
  ];

  it.each(pipelines.map((p) => [JSON.stringify(p), p]))(
    'answers %s as over whole documents',
    async (_, pipeline) => {
      const items = client.db('app').collection('items');
      const answer = await items.aggregate(pipeline as Document[]).toArray();
      // `$expr` in a leading $match makes every document be decoded whole: the answer must not change.
      const whole = await items
        .aggregate([{ $match: { $expr: { $eq: [1, 1] } } }, ...(pipeline as Document[])])
        .toArray();
      expect(answer.length).toBeGreaterThan(0);
      expect(sorted(answer)).toEqual(sorted(whole));
    },
  );
});

describe('a count', () => {
  it('answers one document with the number of matches, and none when nothing matches, as $group does', async () => {
    const items = client.db('app').collection('items');
    expect(
      await items.aggregate([{ $match: { g: 'a' } }, { $group: { _id: 1, n: { $sum: 1 } } }]).toArray(),
    ).toEqual([{ _id: 1, n: 20 }]);
    expect(
      await items.aggregate([{ $match: { g: 'z' } }, { $group: { _id: 1, n: { $sum: 1 } } }]).toArray(),
    ).toEqual([]);
    expect(await items.countDocuments({ g: { $in: ['a', 'b'] }, 'v.n': { $gte: 30 } })).toBe(20);
    expect(await items.countDocuments({ g: 'z' })).toBe(0);
    // Not a count: summing 2, or a key read from the documents, still goes through the Aggregator.
    expect(
      await items.aggregate([{ $match: { g: 'a' } }, { $group: { _id: 1, n: { $sum: 2 } } }]).toArray(),
    ).toEqual([{ _id: 1, n: 40 }]);
  });
});
