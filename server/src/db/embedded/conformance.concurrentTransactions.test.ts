import mongoose, { Schema, type ClientSession } from 'mongoose';
import { expect, it } from 'vitest';
import { conformance } from './conformance.harness.js';

const counterSchema = new Schema({ name: { type: String, unique: true }, n: Number });
const transferSchema = new Schema({ _id: String, from: String, to: String, amount: Number });

/** Snapshot reads as MongoDB gives them to a transaction (the embedded engine reads a snapshot anyway). */
const SNAPSHOT = { readConcern: { level: 'snapshot' as const }, writeConcern: { w: 'majority' as const } };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The promise's outcome, or a failure if it takes longer than `ms` (a write waiting for another transaction). */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    sleep(ms).then(() => {
      throw new Error(`still waiting after ${ms} ms`);
    }),
  ]);
}

async function withSessions(run: (a: ClientSession, b: ClientSession) => Promise<void>): Promise<void> {
  const a = await mongoose.startSession();
  const b = await mongoose.startSession();
  try {
    await run(a, b);
  } finally {
    await a.endSession();
    await b.endSession();
  }
}

conformance(
  'concurrent transactions',
  () => ({
    Counter: mongoose.model('ConcurrentCounter', counterSchema),
    Transfer: mongoose.model('ConcurrentTransfer', transferSchema),
  }),
  (m) => {
    const valueOf = async (name: string) => (await m.Counter.findOne({ name }).lean())?.n;

    it('runs transactions on different documents together: the second writes before the first commits', async () => {
      await m.Counter.create([
        { name: 'x', n: 0 },
        { name: 'y', n: 0 },
      ]);
      await withSessions(async (a, b) => {
        a.startTransaction(SNAPSHOT);
        b.startTransaction(SNAPSHOT);
        await m.Counter.updateOne({ name: 'x' }, { $inc: { n: 1 } }, { session: a });
        // The first transaction is still open: the second's write goes through at once, it does not wait.
        await within(2000, m.Counter.updateOne({ name: 'y' }, { $inc: { n: 2 } }, { session: b }));
        expect((await m.Counter.findOne({ name: 'x' }).session(b).lean())!.n).toBe(0);
        expect((await m.Counter.findOne({ name: 'y' }).session(a).lean())!.n).toBe(0);
        await within(2000, b.commitTransaction());
        await within(2000, a.commitTransaction());
      });
      expect([await valueOf('x'), await valueOf('y')]).toEqual([1, 2]);
    });

    it('gives the second writer of a document WriteConflict at once, and a retried withTransaction succeeds', async () => {
      await m.Counter.create({ name: 'hot', n: 0 });
      await withSessions(async (a, b) => {
        a.startTransaction(SNAPSHOT);
        await m.Counter.updateOne({ name: 'hot' }, { $inc: { n: 1 } }, { session: a });
        b.startTransaction(SNAPSHOT);
        const err = await within(
          2000,
          m.Counter.updateOne({ name: 'hot' }, { $inc: { n: 10 } }, { session: b }).catch((e) => e),
        );
        expect(err).toMatchObject({ code: 112, codeName: 'WriteConflict' });
        expect(err.errorLabels).toContain('TransientTransactionError');
        await b.abortTransaction().catch(() => {});

        let attempts = 0;
        const retried = b.withTransaction(async () => {
          attempts++;
          await m.Counter.updateOne({ name: 'hot' }, { $inc: { n: 10 } }, { session: b });
        }, SNAPSHOT);
        await sleep(50);
        await a.commitTransaction();
        await retried;
        expect(attempts).toBeGreaterThan(1);
      });
      expect(await valueOf('hot')).toBe(11);
    });

    it('gives WriteConflict for a unique key another transaction has written, E11000 once it committed', async () => {
      await withSessions(async (a, b) => {
        a.startTransaction(SNAPSHOT);
        b.startTransaction(SNAPSHOT);
        await m.Counter.create([{ name: 'key', n: 1 }], { session: a });
        const conflict = await within(
          2000,
          m.Counter.create([{ name: 'key', n: 2 }], { session: b }).catch((e) => e),
        );
        expect(conflict).toMatchObject({ code: 112 });
        expect(conflict.errorLabels).toContain('TransientTransactionError');
        await b.abortTransaction().catch(() => {});
        await a.commitTransaction();
        const duplicate = await b
          .withTransaction(async () => {
            await m.Counter.create([{ name: 'key', n: 3 }], { session: b });
          })
          .catch((e) => e);
        expect(duplicate).toMatchObject({ code: 11000 });
      });
      expect(await m.Counter.find({ name: 'key' }).lean()).toMatchObject([{ n: 1 }]);
    });

    it('reads a snapshot: neither another transaction’s pending writes nor those it commits later', async () => {
      await m.Counter.create({ name: 'seen', n: 0 });
      await withSessions(async (a, b) => {
        a.startTransaction(SNAPSHOT);
        expect(await m.Counter.countDocuments({ name: /^(seen|new)/ }).session(a)).toBe(1);
        b.startTransaction(SNAPSHOT);
        await m.Counter.updateOne({ name: 'seen' }, { $set: { n: 5 } }, { session: b });
        await m.Counter.create([{ name: 'new', n: 1 }], { session: b });
        const readInA = async () => ({
          seen: (await m.Counter.findOne({ name: 'seen' }).session(a).lean())!.n,
          names: (
            await m.Counter.find({ name: /^(seen|new)/ })
              .session(a)
              .lean()
          ).map((c) => c.name),
        });
        expect(await readInA()).toEqual({ seen: 0, names: ['seen'] });
        await b.commitTransaction();
        expect(await readInA()).toEqual({ seen: 0, names: ['seen'] });
        expect(await valueOf('new')).toBe(1); // outside, the commit is there
        await a.commitTransaction();
      });
      expect(await valueOf('seen')).toBe(5);
    });

    it('aborts one transaction without touching another that commits', async () => {
      await m.Counter.create([
        { name: 'kept', n: 0 },
        { name: 'dropped', n: 0 },
      ]);
      await withSessions(async (a, b) => {
        a.startTransaction(SNAPSHOT);
        b.startTransaction(SNAPSHOT);
        await m.Counter.updateOne({ name: 'dropped' }, { $set: { n: 9 } }, { session: a });
        await m.Counter.create([{ name: 'dropped-new', n: 9 }], { session: a });
        await m.Counter.updateOne({ name: 'kept' }, { $set: { n: 1 } }, { session: b });
        await a.abortTransaction();
        await b.commitTransaction();
      });
      expect([await valueOf('kept'), await valueOf('dropped'), await valueOf('dropped-new')]).toEqual([
        1,
        0,
        undefined,
      ]);
    });

    it('keeps the total of many concurrent transfers constant, with every committed transfer there', async () => {
      const accounts = ['a0', 'a1', 'a2', 'a3', 'a4'];
      await m.Counter.create(accounts.map((name) => ({ name, n: 100 })));
      const committed: { id: string; from: string; to: string; amount: number }[] = [];
      let attempts = 0;
      const worker = async (w: number) => {
        const session = await mongoose.startSession();
        try {
          for (let t = 0; t < 12; t++) {
            const from = accounts[Math.floor(Math.random() * accounts.length)]!;
            const to = accounts.filter((a) => a !== from)[Math.floor(Math.random() * (accounts.length - 1))]!;
            const amount = 1 + Math.floor(Math.random() * 30);
            const id = `w${w}-t${t}`;
            let moved = false;
            await session.withTransaction(async () => {
              attempts++;
              moved = false;
              const source = await m.Counter.findOne({ name: from }).session(session).lean();
              if (source!.n! < amount) return; // not enough: nothing moves
              await sleep(Math.random() * 4); // other transfers interleave here
              await m.Counter.updateOne({ name: from }, { $inc: { n: -amount } }, { session });
              await m.Counter.updateOne({ name: to }, { $inc: { n: amount } }, { session });
              await m.Transfer.create([{ _id: id, from, to, amount }], { session });
              moved = true;
            }, SNAPSHOT);
            if (moved) committed.push({ id, from, to, amount });
          }
        } finally {
          await session.endSession();
        }
      };
      await Promise.all(Array.from({ length: 10 }, (_, w) => worker(w)));

      const balances = await m.Counter.find({ name: { $in: accounts } }).lean();
      expect(balances.reduce((sum, c) => sum + c.n!, 0)).toBe(100 * accounts.length);
      for (const c of balances) expect(c.n).toBeGreaterThanOrEqual(0);
      const stored = await m.Transfer.find().lean();
      expect(stored.map((t) => t._id).sort()).toEqual(committed.map((t) => t.id).sort());
      for (const c of balances) {
        const net = committed.reduce(
          (sum, t) => sum + (t.to === c.name ? t.amount : 0) - (t.from === c.name ? t.amount : 0),
          0,
        );
        expect(c.n).toBe(100 + net);
      }
      expect(committed.length).toBeGreaterThan(0);
      expect(attempts).toBeGreaterThanOrEqual(120);
    });
  },
);
