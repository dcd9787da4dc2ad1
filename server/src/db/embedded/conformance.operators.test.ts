import mongoose, { Schema } from 'mongoose';
import { beforeAll, expect, it } from 'vitest';
import { conformance } from './conformance.harness.js';

const itemSchema = new Schema(
  {
    name: String,
    owner: Schema.Types.ObjectId,
    n: Number,
    list: [Number],
    parts: [{ k: String, v: Number }],
    meta: Schema.Types.Mixed,
    at: Date,
  },
  { strict: false },
);

conformance(
  'operators through mongoose',
  () => ({ Item: mongoose.model('Item', itemSchema) }),
  (m) => {
    const ownerA = new mongoose.Types.ObjectId();
    const ownerB = new mongoose.Types.ObjectId();
    beforeAll(async () => {
      await m.Item.insertMany([
        {
          name: 'a',
          owner: ownerA,
          n: 1,
          list: [3, 1],
          parts: [{ k: 'x', v: 1 }],
          at: new Date('2024-05-01T00:00:00Z'),
        },
        { name: 'b', owner: ownerA, n: 2, list: [], parts: [], at: new Date('2024-06-01T00:00:00Z') },
        { name: 'c', owner: ownerB, n: 3, meta: { deep: { v: 1 } } },
        { name: 'd' },
      ]);
    });

    it('pushes with $each, $sort and $slice; adds to sets; pulls by condition', async () => {
      await m.Item.updateOne({ name: 'a' }, { $push: { list: { $each: [9, 0, 5], $sort: 1, $slice: -3 } } });
      await m.Item.updateOne({ name: 'a' }, { $addToSet: { list: { $each: [5, 7] } } });
      await m.Item.updateOne({ name: 'a' }, { $pull: { parts: { v: { $lt: 5 } } } });
      const a = await m.Item.findOne({ name: 'a' }).lean();
      expect(a!.list).toEqual([3, 5, 9, 7]);
      expect(a!.parts).toEqual([]);
    });

    it('refuses arithmetic on a non-number and a path through a scalar, changing nothing', async () => {
      const inc = await m.Item.collection.updateOne({ name: 'b' }, { $inc: { name: 1 } }).catch((e) => e);
      expect(inc).toMatchObject({ code: 14 });
      expect(inc.message).toMatch(/Cannot apply \$inc to a value of non-numeric type/);
      const push = await m.Item.collection
        .updateOne({ name: 'b' }, { $push: { n: 1 } as never })
        .catch((e) => e);
      expect(push).toMatchObject({ code: 2 });
      expect(push.message).toMatch(/must be an array/);
      const through = await m.Item.collection
        .updateOne({ name: 'b' }, { $set: { 'n.x': 1 } })
        .catch((e) => e);
      expect(through).toMatchObject({ code: 28 });
      expect(await m.Item.findOne({ name: 'b' }).lean()).toMatchObject({ name: 'b', n: 2 });
    });

    it('accepts $set of the same _id (as session stores do) and refuses changing it', async () => {
      const coll = mongoose.connection.collection('sessionlike');
      await coll.updateOne(
        { _id: 'sess-1' as never },
        { $set: { _id: 'sess-1', v: 1 } as never },
        { upsert: true },
      );
      await coll.updateOne(
        { _id: 'sess-1' as never },
        { $set: { _id: 'sess-1', v: 2 } as never },
        { upsert: true },
      );
      expect(await coll.findOne({ _id: 'sess-1' as never })).toEqual({ _id: 'sess-1', v: 2 });
      const err = await coll
        .updateOne({ _id: 'sess-1' as never }, { $set: { _id: 'other' } as never })
        .catch((e) => e);
      expect(err).toMatchObject({ code: 66 });
    });

    it('refuses conflicting update paths', async () => {
      const err = await m.Item.collection
        .updateOne({ name: 'c' }, { $set: { meta: {} }, $inc: { 'meta.deep.v': 1 } })
        .catch((e) => e);
      expect(err).toMatchObject({ code: 40 });
    });

    it('projects with $slice and $elemMatch, and sorts missing fields first', async () => {
      const sliced = await m.Item.findOne({ name: 'a' }, { list: { $slice: 2 }, _id: 0, name: 1 }).lean();
      expect(sliced).toEqual({ name: 'a', list: [3, 5] });
      await m.Item.updateOne(
        { name: 'b' },
        {
          $set: {
            parts: [
              { k: 'p', v: 1 },
              { k: 'q', v: 2 },
            ],
          },
        },
      );
      const matched = await m.Item.findOne(
        { name: 'b' },
        { parts: { $elemMatch: { k: 'q' } }, _id: 0 },
      ).lean();
      expect(matched!.parts).toHaveLength(1);
      expect(matched!.parts[0]).toMatchObject({ k: 'q', v: 2 });
      const order = await m.Item.find({}, { name: 1, _id: 0 }).sort({ n: 1, name: 1 }).lean();
      expect(order.map((d) => d.name)).toEqual(['d', 'a', 'b', 'c']);
    });

    it('groups by ObjectId and converts ids and dates in expressions', async () => {
      const rows = await m.Item.aggregate([
        { $match: { owner: { $exists: true } } },
        { $group: { _id: '$owner', n: { $sum: 1 } } },
        { $project: { _id: 0, owner: { $toString: '$_id' }, n: 1 } },
        { $sort: { n: -1 } },
      ]);
      expect(rows).toEqual([
        { n: 2, owner: ownerA.toHexString() },
        { n: 1, owner: ownerB.toHexString() },
      ]);
      const [converted] = await m.Item.aggregate([
        { $match: { name: 'a' } },
        {
          $project: {
            _id: 0,
            same: { $eq: [{ $toObjectId: ownerA.toHexString() }, '$owner'] },
            month: { $dateToString: { format: '%Y-%m', date: '$at' } },
          },
        },
      ]);
      expect(converted).toEqual({ same: true, month: '2024-05' });
    });

    it('matches dates, ObjectIds, $type, $expr and nested paths', async () => {
      const names = async (filter: Record<string, unknown>) =>
        (await m.Item.find(filter).lean()).map((d) => d.name).sort();
      expect(await names({ at: { $gte: new Date('2024-05-15T00:00:00Z') } })).toEqual(['b']);
      expect(await names({ owner: ownerB })).toEqual(['c']);
      expect(await names({ owner: { $in: [ownerA] } })).toEqual(['a', 'b']);
      expect(await names({ at: { $type: 'date' } })).toEqual(['a', 'b']);
      expect(await names({ $expr: { $gt: ['$n', 1] } })).toEqual(['b', 'c']);
      expect(await names({ 'meta.deep.v': 1 })).toEqual(['c']);
      expect(await names({ n: { $exists: false } })).toEqual(['d']);
    });

    it('matches long $in and $nin lists as short ones: ids, numbers in arrays, dates, missing fields', async () => {
      const names = async (filter: Record<string, unknown>) =>
        (await m.Item.find(filter).lean()).map((d) => d.name).sort();
      const others = Array.from({ length: 20 }, () => new mongoose.Types.ObjectId());
      expect(await names({ owner: { $in: [...others, ownerB] } })).toEqual(['c']);
      expect(await names({ owner: { $nin: [...others, ownerB] } })).toEqual(['a', 'b', 'd']);
      const numbers = Array.from({ length: 20 }, (_, i) => 100 + i);
      // `list` of a is [3, 5, 9, 7] after the first test, or [3, 1] when run alone: 3 is in either.
      expect(await names({ list: { $in: [...numbers, 3] } })).toEqual(['a']);
      expect(await names({ n: { $in: [...numbers, 1, 3] } })).toEqual(['a', 'c']);
      expect(await names({ n: { $nin: [...numbers, 1, 3] } })).toEqual(['b', 'd']);
      const dates = Array.from({ length: 10 }, (_, i) => new Date(Date.UTC(2020, i, 1)));
      expect(await names({ at: { $in: [...dates, new Date('2024-06-01T00:00:00Z')] } })).toEqual(['b']);
      // null in the list matches a missing field; so does the list without it under $nin.
      expect(await names({ n: { $in: [...numbers, null] } })).toEqual(['d']);
      expect(await names({ name: { $in: ['w', 'x', 'y', 'z', 'v', 'u', 't', 's', 'b'] } })).toEqual(['b']);
      // Through an array of documents: b's parts hold k 'p' and 'q' (set by the projection test above).
      const letters = ['r', 's', 't', 'u', 'v', 'w', 'x', 'y'];
      expect(await names({ 'parts.k': { $in: letters } })).toEqual([]);
      expect(await names({ 'parts.k': { $in: [...letters, 'q'] } })).toEqual(
        await names({ 'parts.k': { $in: ['q'] } }),
      );
    });
  },
);
