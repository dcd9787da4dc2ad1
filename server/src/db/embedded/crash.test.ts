import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import { afterAll, expect, it } from 'vitest';
import { startEmbeddedEngine } from './index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'engine-crash-'));

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Runs the writer until a random moment after its first acknowledged write, then SIGKILLs it; returns what it acknowledged. */
async function writeUntilKilled(
  runMs: number,
  round: number,
): Promise<{ singles: string[]; batches: number[]; txns: number[] }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'crash.child.ts'), dataDir, String(round)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const acked = { singles: [] as string[], batches: [] as number[], txns: [] as number[] };
  let buffered = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [kind, id] = line.split(' ');
        // The clock starts at the first acknowledgement, not at "ready": on a busy machine the writer may take
        // longer than runMs to acknowledge anything, and a round without a write would test nothing.
        if (kind === 'ack' && acked.singles.length === 0) setTimeout(() => child.kill('SIGKILL'), runMs);
        if (kind === 'ack') acked.singles.push(id!);
        else if (kind === 'ackbatch') acked.batches.push(Number(id));
        else if (kind === 'acktxn') acked.txns.push(Number(id));
      }
    });
    child.once('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited early (${code})`)),
    );
  });
  await exited;
  return acked;
}

it('keeps every acknowledged write and nothing half-written after SIGKILL', { timeout: 30_000 }, async () => {
  const rounds = [200 + Math.floor(Math.random() * 800), 100 + Math.floor(Math.random() * 600)];
  for (const [round, runMs] of rounds.entries()) {
    const acked = await writeUntilKilled(runMs, round);
    expect(acked.singles.length + acked.batches.length).toBeGreaterThan(0);

    const engine = await startEmbeddedEngine({ dataDir });
    const client = await MongoClient.connect(engine.uri);
    try {
      const coll = client.db('crash').collection<{ _id: string; kind: string; group?: number }>('writes');
      const present = new Set((await coll.find({}, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
      const missing = acked.singles.filter((id) => !present.has(id));
      expect(missing).toEqual([]);

      const batchSizes = await coll
        .aggregate<{ _id: number; n: number }>([
          { $match: { kind: 'batch' } },
          { $group: { _id: '$group', n: { $sum: 1 } } },
        ])
        .toArray();
      for (const { n } of batchSizes) expect(n).toBe(25); // whole batches only
      const presentBatches = new Set(batchSizes.map((b) => b._id));
      expect(acked.batches.filter((b) => !presentBatches.has(b))).toEqual([]);

      const txnSizes = await coll
        .aggregate<{ _id: number; n: number }>([
          { $match: { kind: 'txn' } },
          { $group: { _id: '$group', n: { $sum: 1 } } },
        ])
        .toArray();
      for (const { n } of txnSizes) expect(n).toBe(2); // both writes of a transaction, or neither
      const presentTxns = new Set(txnSizes.map((t) => t._id));
      expect(acked.txns.filter((t) => !presentTxns.has(t))).toEqual([]);
      // Each transaction also bumped a counter that the concurrent ones share: it counts exactly those present.
      const counter = await client
        .db('crash')
        .collection<{ _id: string; n: number }>('counters')
        .findOne({ _id: 'txns' });
      expect(counter?.n ?? 0).toBe(txnSizes.length);
    } finally {
      await client.close();
      await engine.close();
    }
  }
});
