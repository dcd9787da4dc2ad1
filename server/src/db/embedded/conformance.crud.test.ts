import mongoose, { Schema, Types } from 'mongoose';
import { expect, it } from 'vitest';
import { conformance } from './conformance.harness.js';

const userSchema = new Schema(
  {
    email: { type: String, required: true, unique: true },
    name: String,
    role: { type: String, default: 'member' },
    age: Number,
    tags: { type: [String], default: [] },
    scores: [{ subject: String, score: Number }],
    nickname: { type: String, index: { unique: true, sparse: true } },
  },
  { timestamps: true },
);

/** Posts by author over time, as listings are by owner: a compound index and a single-field one. */
const postSchema = new Schema({ author: String, at: Date, team: String, title: String });
postSchema.index({ author: 1, at: -1 });
postSchema.index({ team: 1 });

conformance(
  'CRUD through mongoose',
  () => ({ User: mongoose.model('User', userSchema), Post: mongoose.model('Post', postSchema) }),
  (m) => {
    it('creates with defaults, timestamps and __v', async () => {
      const before = Date.now();
      const user = await m.User.create({ email: 'a@example.org', name: '张三' });
      const stored = await m.User.findById(user._id).lean();
      expect(stored).toMatchObject({
        email: 'a@example.org',
        name: '张三',
        role: 'member',
        tags: [],
        __v: 0,
      });
      expect(stored!.createdAt).toBeInstanceOf(Date);
      expect(stored!.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(stored!.updatedAt.getTime()).toBe(stored!.createdAt.getTime());
      expect(Object.keys(stored!)[0]).toBe('_id');
    });

    it('answers a lookup by a unique key from the index (one document examined)', async () => {
      await m.User.insertMany(
        Array.from({ length: 200 }, (_, i) => ({ email: `ix${i}@example.org`, age: i })),
      );
      const explained = await m.User.find({ email: 'ix150@example.org' }).explain('executionStats');
      const plan = (Array.isArray(explained) ? explained[0] : explained) as unknown as {
        executionStats: Record<string, number>;
      };
      expect(plan.executionStats.nReturned).toBe(1);
      expect(plan.executionStats.totalDocsExamined).toBe(1);
    });

    it('answers equality on the first field of a compound index, and an $or of indexed fields, from the indexes', async () => {
      await m.Post.insertMany(
        Array.from({ length: 300 }, (_, i) => ({
          author: `a${i % 30}`,
          at: new Date(Date.UTC(2026, 0, 1 + i)),
          team: `t${i % 50}`,
          title: `p${i}`,
        })),
      );
      const examined = async (query: mongoose.Query<unknown, unknown>) => {
        const explained = await query.explain('executionStats');
        const plan = (Array.isArray(explained) ? explained[0] : explained) as unknown as {
          executionStats: Record<string, number>;
        };
        return [plan.executionStats.nReturned, plan.executionStats.totalDocsExamined];
      };
      expect(await examined(m.Post.find({ author: 'a7' }))).toEqual([10, 10]);
      expect(await m.Post.countDocuments({ author: 'a7' })).toBe(10);
      const either = { $or: [{ author: 'a7' }, { team: 't3' }] };
      // a7 writes p7, p37, ...; team t3 holds p3, p53, ...: none in common.
      expect(await examined(m.Post.find(either))).toEqual([16, 16]);
      expect(await m.Post.countDocuments(either)).toBe(16);
      expect(await m.Post.countDocuments({ ...either, at: { $gte: new Date(Date.UTC(2026, 6, 1)) } })).toBe(
        6,
      );
      const titles = await m.Post.find({ author: 'a7' }).sort({ at: -1 }).limit(2).lean();
      expect(titles.map((p) => p.title)).toEqual(['p277', 'p247']);
      await m.Post.updateMany({ author: 'a7' }, { $set: { author: 'a8' } });
      expect(await m.Post.countDocuments({ author: 'a7' })).toBe(0);
      expect(await m.Post.countDocuments({ author: 'a8' })).toBe(20);
      await m.Post.deleteMany({ $or: [{ author: 'a8' }, { team: 't3' }] });
      expect(await m.Post.countDocuments({})).toBe(300 - 20 - 6);
    });

    it('refuses a unique violation with E11000, keyPattern and keyValue', async () => {
      await m.User.create({ email: 'dup@example.org' });
      const err = await m.User.create({ email: 'dup@example.org' }).catch((e) => e);
      expect(err.code).toBe(11000);
      expect(err.message).toMatch(
        /^E11000 duplicate key error collection: \w+\.users index: email_1 dup key: \{ email: "dup@example\.org" \}$/,
      );
      expect(err.keyPattern).toEqual({ email: 1 });
      expect(err.keyValue).toEqual({ email: 'dup@example.org' });
      expect(await m.User.countDocuments({ email: 'dup@example.org' })).toBe(1);
    });

    it('lets a sparse unique index hold many documents without the field', async () => {
      await m.User.create([{ email: 's1@example.org' }, { email: 's2@example.org' }]);
      await m.User.create({ email: 's3@example.org', nickname: 'nick' });
      const err = await m.User.create({ email: 's4@example.org', nickname: 'nick' }).catch((e) => e);
      expect(err.code).toBe(11000);
      expect(err.keyValue).toEqual({ nickname: 'nick' });
    });

    it('insertMany ordered stops at the first error; unordered inserts the rest', async () => {
      await m.User.create({ email: 'taken@example.org' });
      const docs = [{ email: 'o1@example.org' }, { email: 'taken@example.org' }, { email: 'o2@example.org' }];
      const ordered = await m.User.insertMany(docs).catch((e) => e);
      expect(ordered.code).toBe(11000);
      expect(await m.User.exists({ email: 'o1@example.org' })).toBeTruthy();
      expect(await m.User.exists({ email: 'o2@example.org' })).toBeNull();

      const docs2 = [
        { email: 'u1@example.org' },
        { email: 'taken@example.org' },
        { email: 'u2@example.org' },
      ];
      const unordered = await m.User.insertMany(docs2, { ordered: false }).catch((e) => e);
      expect(unordered.code).toBe(11000);
      expect(unordered.writeErrors?.[0]?.index ?? unordered.writeErrors?.[0]?.err?.index).toBe(1);
      expect(await m.User.countDocuments({ email: { $in: ['u1@example.org', 'u2@example.org'] } })).toBe(2);
    });

    it('finds with filter, sort, skip, limit and projection', async () => {
      await m.User.insertMany(
        Array.from({ length: 10 }, (_, i) => ({
          email: `f${i}@example.org`,
          age: 20 + i,
          role: i % 2 ? 'admin' : 'member',
        })),
      );
      const page = await m.User.find({ email: /^f\d@/, role: 'member' })
        .sort({ age: -1 })
        .skip(1)
        .limit(2)
        .select({ email: 1, _id: 0 })
        .lean();
      expect(page).toEqual([{ email: 'f6@example.org' }, { email: 'f4@example.org' }]);
      const excluded = await m.User.findOne({ email: 'f3@example.org' }).select('-tags -scores').lean();
      expect(excluded).not.toHaveProperty('tags');
      expect(excluded).toHaveProperty('age', 23);
    });

    it('matches _id by value, $eq and $in, alone and with other conditions', async () => {
      const users = await m.User.insertMany(
        Array.from({ length: 6 }, (_, i) => ({ email: `id${i}@example.org`, age: 20 + i })),
      );
      const ids = users.map((u) => u._id);
      const emails = (docs: Array<{ email: string }>) => docs.map((d) => d.email).sort();
      expect(emails(await m.User.find({ _id: { $in: ids.slice(0, 4) } }))).toHaveLength(4);
      expect(emails(await m.User.find({ _id: { $in: ids.slice(0, 4) }, age: { $gte: 22 } }))).toEqual([
        'id2@example.org',
        'id3@example.org',
      ]);
      expect(emails(await m.User.find({ _id: { $in: ids.slice(0, 4), $nin: [ids[1]] } }))).toEqual([
        'id0@example.org',
        'id2@example.org',
        'id3@example.org',
      ]);
      expect(emails(await m.User.find({ _id: { $eq: ids[5] } }))).toEqual(['id5@example.org']);
      expect(emails(await m.User.find({ _id: ids[5], age: 99 }))).toEqual([]);
      expect(emails(await m.User.find({ _id: { $in: [] } }))).toEqual([]);
      expect(await m.User.countDocuments({ _id: { $in: [...ids, ...ids] } })).toBe(6);
      expect(
        emails(
          await m.User.find({ _id: { $in: ids }, $and: [{ _id: { $ne: ids[0] } }, { age: { $lt: 22 } }] }),
        ),
      ).toEqual(['id1@example.org']);
    });

    it('matches $in, $regex, $or, $elemMatch, $exists, $ne, dotted paths and arrays', async () => {
      await m.User.insertMany([
        {
          email: 'q1@example.org',
          tags: ['养老', '助残'],
          scores: [
            { subject: 'a', score: 90 },
            { subject: 'b', score: 40 },
          ],
        },
        { email: 'q2@example.org', tags: ['助残'], scores: [{ subject: 'a', score: 50 }] },
        { email: 'q3@example.org', name: 'Q3', tags: [] },
      ]);
      const emails = (docs: Array<{ email: string }>) => docs.map((d) => d.email).sort();
      expect(emails(await m.User.find({ email: { $in: ['q1@example.org', 'q3@example.org'] } }))).toEqual([
        'q1@example.org',
        'q3@example.org',
      ]);
      expect(emails(await m.User.find({ email: { $regex: '^Q[12]', $options: 'i' } }))).toEqual([
        'q1@example.org',
        'q2@example.org',
      ]);
      expect(emails(await m.User.find({ $or: [{ name: 'Q3' }, { tags: '养老' }] }))).toEqual([
        'q1@example.org',
        'q3@example.org',
      ]);
      expect(
        emails(await m.User.find({ scores: { $elemMatch: { subject: 'a', score: { $gte: 80 } } } })),
      ).toEqual(['q1@example.org']);
      expect(emails(await m.User.find({ 'scores.score': { $lt: 45 } }))).toEqual(['q1@example.org']);
      expect(emails(await m.User.find({ email: /^q/, name: { $exists: true } }))).toEqual(['q3@example.org']);
      expect(emails(await m.User.find({ email: /^q/, tags: { $size: 0 } }))).toEqual(['q3@example.org']);
      expect(emails(await m.User.find({ email: /^q/, tags: { $ne: '助残' } }))).toEqual(['q3@example.org']);
    });

    it('applies update operators, $setOnInsert on upsert, positional and arrayFilters', async () => {
      const u = await m.User.create({
        email: 'up@example.org',
        age: 30,
        tags: ['a'],
        scores: [{ subject: 'x', score: 1 }],
      });
      await m.User.updateOne(
        { _id: u._id },
        {
          $inc: { age: 2 },
          $push: { tags: 'b' },
          $addToSet: { scores: { subject: 'y', score: 2 } },
          $set: { name: 'N' },
        },
      );
      await m.User.updateOne({ _id: u._id }, { $addToSet: { tags: 'a' }, $unset: { name: 1 } });
      await m.User.updateOne({ _id: u._id, 'scores.subject': 'x' }, { $set: { 'scores.$.score': 10 } });
      await m.User.updateOne(
        { _id: u._id },
        { $inc: { 'scores.$[s].score': 5 } },
        { arrayFilters: [{ 's.subject': 'y' }] },
      );
      await m.User.updateOne({ _id: u._id }, { $max: { age: 31 }, $pull: { tags: 'b' } });
      const after = await m.User.findById(u._id).lean();
      expect(after).toMatchObject({
        age: 32,
        tags: ['a'],
        scores: [
          { subject: 'x', score: 10 },
          { subject: 'y', score: 7 },
        ],
      });
      expect(after).not.toHaveProperty('name');

      const res = await m.User.updateOne(
        { email: 'new@example.org' },
        { $set: { age: 40 }, $setOnInsert: { role: 'founder' } },
        { upsert: true },
      );
      expect(res.upsertedCount).toBe(1);
      expect(res.upsertedId).toBeTruthy();
      await m.User.updateOne(
        { email: 'new@example.org' },
        { $set: { age: 41 }, $setOnInsert: { role: 'ignored' } },
        { upsert: true },
      );
      const upserted = await m.User.findOne({ email: 'new@example.org' }).lean();
      expect(upserted).toMatchObject({ email: 'new@example.org', age: 41, role: 'founder' });
      // An upsert may choose the new _id in $setOnInsert; $set of an unchanged _id is allowed (connect-mongo does it).
      const chosenId = new Types.ObjectId();
      await m.User.collection.updateOne({ email: 'chosen@example.org' }, { $setOnInsert: { _id: chosenId, name: 'c' } }, { upsert: true });
      expect(String((await m.User.findOne({ email: 'chosen@example.org' }).lean())?._id)).toBe(String(chosenId));
      await m.User.collection.updateOne({ _id: chosenId }, { $set: { _id: chosenId, age: 3 } });
      expect((await m.User.findById(chosenId).lean())?.age).toBe(3);

      const many = await m.User.updateMany(
        { email: { $in: ['up@example.org', 'new@example.org'] } },
        { $set: { role: 'x' } },
      );
      expect(many).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
      const none = await m.User.updateMany(
        { email: 'up@example.org' },
        { $set: { role: 'x' } },
        { timestamps: false },
      );
      expect(none).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    });

    it('findOneAndUpdate returns before/after, upserts, sorts; findOneAndDelete removes', async () => {
      await m.User.insertMany([
        { email: 'fa1@example.org', age: 1 },
        { email: 'fa2@example.org', age: 2 },
      ]);
      const before = await m.User.findOneAndUpdate(
        { email: /^fa/ },
        { $inc: { age: 10 } },
        { sort: { age: -1 } },
      ).lean();
      expect(before).toMatchObject({ email: 'fa2@example.org', age: 2 });
      const after = await m.User.findOneAndUpdate(
        { email: 'fa1@example.org' },
        { $inc: { age: 10 } },
        { returnDocument: 'after' },
      ).lean();
      expect(after).toMatchObject({ age: 11 });
      const created = await m.User.findOneAndUpdate(
        { email: 'fa3@example.org' },
        { $setOnInsert: { age: 3 } },
        { upsert: true, returnDocument: 'after' },
      ).lean();
      expect(created).toMatchObject({ email: 'fa3@example.org', age: 3 });
      const missing = await m.User.findOneAndUpdate(
        { email: 'nobody@example.org' },
        { $set: { age: 1 } },
      ).lean();
      expect(missing).toBeNull();
      const deleted = await m.User.findOneAndDelete({ email: 'fa3@example.org' }).lean();
      expect(deleted).toMatchObject({ email: 'fa3@example.org' });
      expect(await m.User.exists({ email: 'fa3@example.org' })).toBeNull();
      const err = await m.User.findOneAndUpdate(
        { email: 'fa1@example.org' },
        { $set: { email: 'fa2@example.org' } },
      ).catch((e) => e);
      expect(err.code).toBe(11000);
    });

    it('counts, estimates and distincts', async () => {
      await m.User.insertMany([
        { email: 'c1@example.org', role: 'cnt', tags: ['x', 'y'] },
        { email: 'c2@example.org', role: 'cnt', tags: ['y', 'z'] },
        { email: 'c3@example.org', role: 'cnt2' },
      ]);
      expect(await m.User.countDocuments({ role: 'cnt' })).toBe(2);
      expect(await m.User.countDocuments({ role: /^cnt/ }).skip(1).limit(5)).toBe(2);
      expect(await m.User.estimatedDocumentCount()).toBe(await m.User.countDocuments({}));
      expect((await m.User.distinct('tags', { role: 'cnt' })).sort()).toEqual(['x', 'y', 'z']);
      expect((await m.User.distinct('role', { email: /^c\d/ })).sort()).toEqual(['cnt', 'cnt2']);
    });

    it('deletes one and many', async () => {
      await m.User.insertMany([1, 2, 3].map((i) => ({ email: `d${i}@example.org`, role: 'del' })));
      expect((await m.User.deleteOne({ role: 'del' })).deletedCount).toBe(1);
      expect((await m.User.deleteMany({ role: 'del' })).deletedCount).toBe(2);
      expect(await m.User.countDocuments({ role: 'del' })).toBe(0);
    });

    it('runs bulkWrite with mixed operations', async () => {
      const res = await m.User.bulkWrite([
        { insertOne: { document: { email: 'b1@example.org', age: 1 } } },
        { insertOne: { document: { email: 'b2@example.org', age: 2 } } },
        { updateOne: { filter: { email: 'b1@example.org' }, update: { $set: { age: 10 } } } },
        { updateMany: { filter: { email: /^b\d@/ }, update: { $inc: { age: 1 } } } },
        {
          replaceOne: {
            filter: { email: 'b2@example.org' },
            replacement: { email: 'b2@example.org', age: 99 },
          },
        },
        { updateOne: { filter: { email: 'b3@example.org' }, update: { $set: { age: 3 } }, upsert: true } },
        { deleteOne: { filter: { email: 'b1@example.org' } } },
      ]);
      expect(res).toMatchObject({
        insertedCount: 2,
        matchedCount: 4,
        modifiedCount: 4,
        deletedCount: 1,
        upsertedCount: 1,
      });
      const left = await m.User.find({ email: /^b\d@/ }).sort({ email: 1 }).lean();
      expect(left.map((d) => [d.email, d.age])).toEqual([
        ['b2@example.org', 99],
        ['b3@example.org', 3],
      ]);
    });

    it('walks a cursor over many batches', async () => {
      await m.User.insertMany(
        Array.from({ length: 450 }, (_, i) => ({
          email: `cur${String(i).padStart(3, '0')}@example.org`,
          age: i,
        })),
      );
      const all = await m.User.find({ email: /^cur/ }).sort({ age: 1 }).lean();
      expect(all).toHaveLength(450);
      let seen = 0;
      let last = -1;
      for await (const doc of m.User.find({ email: /^cur/ }).sort({ age: 1 }).batchSize(40).cursor()) {
        expect(doc.age).toBe(last + 1);
        last = doc.age!;
        seen++;
      }
      expect(seen).toBe(450);
      const early = m.User.find({ email: /^cur/ }).batchSize(10).cursor();
      await early.next();
      await early.close();
    });
  },
);
