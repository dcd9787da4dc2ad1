import mongoose, { Schema } from 'mongoose';
import { expect, it } from 'vitest';
import { conformance } from './conformance.harness.js';

const accountSchema = new Schema({ owner: { type: String, unique: true }, balance: Number });

conformance(
  'transactions through mongoose sessions',
  () => ({ Account: mongoose.model('Account', accountSchema) }),
  (m) => {
    it('commits: writes appear together, and not before commit outside the transaction', async () => {
      await m.Account.create([
        { owner: 'alice', balance: 100 },
        { owner: 'bob', balance: 0 },
      ]);
      const session = await mongoose.startSession();
      try {
        await session.withTransaction(async () => {
          await m.Account.updateOne({ owner: 'alice' }, { $inc: { balance: -30 } }, { session });
          await m.Account.updateOne({ owner: 'bob' }, { $inc: { balance: 30 } }, { session });
          await m.Account.create([{ owner: 'carol', balance: 1 }], { session });
          expect((await m.Account.findOne({ owner: 'bob' }).session(session).lean())!.balance).toBe(30);
          expect((await m.Account.findOne({ owner: 'bob' }).lean())!.balance).toBe(0);
          expect(await m.Account.exists({ owner: 'carol' })).toBeNull();
          expect(await m.Account.countDocuments({}).session(session)).toBe(3);
        });
      } finally {
        await session.endSession();
      }
      const balances = await m.Account.find({ owner: { $in: ['alice', 'bob', 'carol'] } })
        .sort({ owner: 1 })
        .lean();
      expect(balances.map((a) => a.balance)).toEqual([70, 30, 1]);
    });

    it('finds by _id inside a transaction only the document named, not others it wrote', async () => {
      const [a, b] = await m.Account.create([{ owner: 'ida', balance: 1 }, { owner: 'jon', balance: 2 }]);
      const session = await mongoose.startSession();
      try {
        await session.withTransaction(async () => {
          await m.Account.updateOne({ _id: a!._id }, { $set: { balance: 10 } }, { session });
          const found = await m.Account.find({ _id: b!._id }).session(session).lean();
          expect(found.map((d) => d.owner)).toEqual(['jon']);
          await m.Account.updateOne({ _id: b!._id }, { $set: { balance: 20 } }, { session });
          expect((await m.Account.findById(b!._id).session(session).lean())!.balance).toBe(20);
          expect((await m.Account.find({ _id: { $in: [a!._id] } }).session(session).lean()).map((d) => d.owner)).toEqual(['ida']);
        });
      } finally {
        await session.endSession();
      }
    });

    it('aborts: every write of the transaction is rolled back', async () => {
      await m.Account.create({ owner: 'dave', balance: 10 });
      const session = await mongoose.startSession();
      session.startTransaction();
      await m.Account.updateOne({ owner: 'dave' }, { $set: { balance: 0 } }, { session });
      await m.Account.create([{ owner: 'erin', balance: 5 }], { session });
      await m.Account.deleteOne({ owner: 'alice' }, { session });
      await session.abortTransaction();
      await session.endSession();
      expect((await m.Account.findOne({ owner: 'dave' }).lean())!.balance).toBe(10);
      expect(await m.Account.exists({ owner: 'erin' })).toBeNull();
      expect(await m.Account.exists({ owner: 'alice' })).toBeTruthy();
    });

    it('rolls back when the callback throws, and enforces unique indexes inside', async () => {
      const err = await mongoose.connection
        .transaction(async (session) => {
          await m.Account.create([{ owner: 'frank', balance: 1 }], { session });
          await m.Account.create([{ owner: 'frank', balance: 2 }], { session });
        })
        .catch((e) => e);
      expect(err.code).toBe(11000);
      expect(await m.Account.exists({ owner: 'frank' })).toBeNull();

      const thrown = await mongoose.connection
        .transaction(async (session) => {
          await m.Account.create([{ owner: 'gina', balance: 1 }], { session });
          throw new Error('changed my mind');
        })
        .catch((e) => e);
      expect(thrown.message).toBe('changed my mind');
      expect(await m.Account.exists({ owner: 'gina' })).toBeNull();
    });

    it('lets a write outside the session go through while a transaction is open', async () => {
      await mongoose.connection.transaction(async (session) => {
        await m.Account.create([{ owner: 'in-txn', balance: 1 }], { session });
        await m.Account.create({ owner: 'beside-txn', balance: 2 });
        expect(await m.Account.exists({ owner: 'in-txn' })).toBeNull();
      });
      expect(await m.Account.countDocuments({ owner: { $in: ['in-txn', 'beside-txn'] } })).toBe(2);
    });

    it('keeps concurrent transactions from seeing each other’s uncommitted writes', async () => {
      await m.Account.create({ owner: 'shared', balance: 0 });
      const seen: Record<string, number> = {};
      const run = (name: string, delta: number) =>
        mongoose.connection.transaction(async (session) => {
          const before = await m.Account.findOne({ owner: 'shared' }).session(session).lean();
          await m.Account.create([{ owner: `tx-${name}`, balance: delta }], { session });
          await new Promise((r) => setTimeout(r, 20));
          seen[name] = await m.Account.countDocuments({ owner: /^tx-/ }).session(session);
          await m.Account.updateOne(
            { owner: 'shared' },
            { $set: { balance: before!.balance! + delta } },
            { session },
          );
        });
      await Promise.all([run('a', 1), run('b', 2)]);
      // Each transaction saw its own insert, and at most the other's once committed: never a lost update.
      expect((await m.Account.findOne({ owner: 'shared' }).lean())!.balance).toBe(3);
      expect(Object.values(seen).sort()).toEqual([1, 2]);
    });
  },
);
