/**
 * Crash-test writer (run by crash.test.ts in a child process, then killed with SIGKILL): writes continuously
 * through the wire protocol and prints a line for every write the engine acknowledged.
 */
import { MongoClient } from 'mongodb';
import { startEmbeddedEngine } from './index.js';

const [dataDir, round = '0'] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: crash.child.ts <dataDir> <round>');

const engine = await startEmbeddedEngine({ dataDir, compactAfterBytes: 50_000 });
const client = await MongoClient.connect(engine.uri);
const coll = client
  .db('crash')
  .collection<{ _id: string; kind: string; group?: number; pad: string }>('writes');
const counters = client.db('crash').collection<{ _id: string; n: number }>('counters');
const pad = 'p'.repeat(200);
process.stdout.write('ready\n');

async function singles(worker: number): Promise<never> {
  for (let i = 0; ; i++) {
    const _id = `s${round}-${worker}-${i}`;
    await coll.insertOne({ _id, kind: 'single', pad });
    process.stdout.write(`ack ${_id}\n`);
  }
}

async function batches(): Promise<never> {
  for (let b = 0; ; b++) {
    await coll.insertMany(
      Array.from({ length: 25 }, (_, j) => ({
        _id: `b${round}-${b}-${j}`,
        kind: 'batch',
        group: Number(round) * 1e6 + b,
        pad,
      })),
    );
    process.stdout.write(`ackbatch ${Number(round) * 1e6 + b}\n`);
  }
}

/** Transactions of several workers run together; each inserts two documents and bumps a shared counter. */
async function transactions(worker: number): Promise<never> {
  for (let t = 0; ; t++) {
    const group = Number(round) * 1e6 + worker * 1e5 + t;
    const session = client.startSession();
    try {
      await session.withTransaction(async () => {
        await coll.insertOne({ _id: `t${round}-${worker}-${t}-a`, kind: 'txn', group, pad }, { session });
        await counters.updateOne({ _id: 'txns' }, { $inc: { n: 1 } }, { session, upsert: true });
        await coll.insertOne({ _id: `t${round}-${worker}-${t}-b`, kind: 'txn', group, pad }, { session });
      });
    } finally {
      await session.endSession();
    }
    process.stdout.write(`acktxn ${group}\n`);
  }
}

await Promise.all([singles(0), singles(1), singles(2), batches(), ...[0, 1, 2].map(transactions)]);
