/**
 * Transactions on the embedded engine, in one process through mongoose as the server uses it (journal on disk):
 * --clients writers each run `withTransaction` in a loop (read a document, pause --pause-ms as an application busy
 * with other requests would, update the writer's own document, insert an outbox-like entry), while --readers run
 * `findOne` by _id in a loop (the session lookup of every call). Prints the setup and one JSON line.
 *
 *   npm run bench -- transactions [--clients 50] [--readers 20] [--seconds 10] [--pause-ms 5] [--pool 100]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import mongoose, { Schema } from 'mongoose';
import { startEmbeddedEngine } from '../../server/src/db/embedded/index.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    readers: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '10' },
    'pause-ms': { type: 'string', default: '5' },
    pool: { type: 'string', default: '100' },
  },
});
const clients = Number(values.clients);
const readers = Number(values.readers);
const seconds = Number(values.seconds);
const pauseMs = Number(values['pause-ms']);
const pool = Number(values.pool);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-bench-txn-'));
const engine = await startEmbeddedEngine({ dataDir: dir });
await mongoose.connect(engine.uri, { dbName: 'bench', maxPoolSize: pool });
const Account = mongoose.model('BenchAccount', new Schema({ owner: String, n: Number }));
const Entry = mongoose.model('BenchEntry', new Schema({ owner: String, at: Date }));
await Promise.all([Account.init(), Entry.init()]);
const accounts = await Account.insertMany(
  Array.from({ length: clients }, (_, i) => ({ owner: `c${i}`, n: 0 })),
);

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length
    ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10
    : 0;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const txnMs: number[] = [];
const readMs: number[] = [];
let attempts = 0;
let errors = 0;
const deadline = Date.now() + seconds * 1000;

async function writer(i: number): Promise<void> {
  const account = accounts[i]!;
  const session = await mongoose.startSession();
  try {
    while (Date.now() < deadline) {
      const start = performance.now();
      try {
        await session.withTransaction(async () => {
          attempts++;
          const doc = await Account.findById(account._id).session(session).lean();
          await sleep(pauseMs);
          await Account.updateOne({ _id: account._id }, { $set: { n: doc!.n! + 1 } }, { session });
          await Entry.create([{ owner: account.owner, at: new Date() }], { session });
        });
        txnMs.push(performance.now() - start);
      } catch {
        errors++;
      }
    }
  } finally {
    await session.endSession();
  }
}

async function reader(i: number): Promise<void> {
  while (Date.now() < deadline) {
    const start = performance.now();
    await Account.findById(accounts[i % clients]!._id).lean();
    readMs.push(performance.now() - start);
  }
}

console.log(
  `machine: ${os.cpus().length} cores, node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; ` +
    `${clients} writers, ${readers} readers, ${seconds} s, pause ${pauseMs} ms inside each transaction, pool ${pool}`,
);
const began = Date.now();
await Promise.all([
  ...Array.from({ length: clients }, (_, i) => writer(i)),
  ...Array.from({ length: readers }, (_, i) => reader(i)),
]);
const elapsed = (Date.now() - began) / 1000;
const total = (await Account.find().lean()).reduce((sum, a) => sum + a.n!, 0);
const entries = await Entry.countDocuments();
await mongoose.disconnect();
await engine.close();
fs.rmSync(dir, { recursive: true, force: true });

const result = {
  bench: 'transactions',
  clients,
  readers,
  seconds,
  pause_ms: pauseMs,
  pool,
  commits: txnMs.length,
  commits_per_s: Math.round((txnMs.length / elapsed) * 10) / 10,
  retries: attempts - txnMs.length - errors,
  errors,
  txn_p50_ms: percentile(txnMs, 0.5),
  txn_p99_ms: percentile(txnMs, 0.99),
  reads_per_s: Math.round(readMs.length / elapsed),
  read_p50_ms: percentile(readMs, 0.5),
  read_p99_ms: percentile(readMs, 0.99),
  consistent: total === txnMs.length && entries === txnMs.length,
};
console.log(
  `${result.commits} commits (${result.commits_per_s}/s, p50 ${result.txn_p50_ms} ms, p99 ${result.txn_p99_ms} ms, ` +
    `${result.retries} retries, ${errors} errors); ${readMs.length} reads (p50 ${result.read_p50_ms} ms, p99 ` +
    `${result.read_p99_ms} ms); counters and entries match the commits: ${result.consistent}`,
);
console.log(JSON.stringify(result));
