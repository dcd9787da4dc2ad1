/**
 * Embedded database benchmark, through mongoose: insert rates, indexed findOne latency (with a collection scan
 * as the baseline), a filtered scan, and the time to reopen the data directory.
 * Prints its setup, then one JSON line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Schema } from 'mongoose';
import { startEmbeddedEngine, type EmbeddedEngine } from '../../server/src/db/embedded/index.js';
import { mulberry32 } from '../../server/src/lib/seededRandom.js';

const N = Number(process.env.BENCH_N ?? 100_000);
const ONE_BY_ONE = Math.min(N, 5_000);
const LOOKUPS = 5_000;
const SCANS = 20;

const random = mulberry32(20260101);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
const districts = [
  '310101',
  '310104',
  '310105',
  '310106',
  '310107',
  '310109',
  '310110',
  '310112',
  '310113',
  '310115',
];
const subjects = [
  '社区养老',
  '助残服务',
  '青少年成长',
  '环保宣传',
  '心理关怀',
  '法律援助',
  '志愿者培训',
  '场地共享',
];
const verbs = ['招募', '提供', '寻找', '共建', '开展', '对接'];

function listing(i: number) {
  return {
    code: `L${String(i).padStart(7, '0')}`,
    title: `${pick(verbs)}${pick(subjects)}项目 ${i}`,
    district: pick(districts),
    kind: random() < 0.5 ? 'offer' : 'need',
    tags: [pick(subjects), pick(subjects)],
    quota: Math.floor(random() * 50),
  };
}

const schema = new Schema(
  {
    code: { type: String, required: true, unique: true },
    title: String,
    district: String,
    kind: String,
    tags: [String],
    quota: Number,
  },
  { timestamps: true },
);
const Listing = mongoose.model('Listing', schema);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (x: number, digits = 3) => Number(x.toFixed(digits));

async function open(dataDir: string): Promise<{ engine: EmbeddedEngine; ms: number }> {
  const started = performance.now();
  const engine = await startEmbeddedEngine({ dataDir });
  await mongoose.connect(engine.uri, { dbName: 'bench' });
  await Listing.findOne({ code: 'L0000000' }).lean();
  return { engine, ms: performance.now() - started };
}

async function close(engine: EmbeddedEngine): Promise<void> {
  await mongoose.disconnect();
  await engine.close();
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-db-'));
console.log(
  `setup: ${N} documents through mongoose ${mongoose.version}; embedded engine with journal in ${dataDir}; ` +
    `${os.cpus().length} cores, Node ${process.version}; one-by-one inserts: ${ONE_BY_ONE}; ` +
    `findOne lookups: ${LOOKUPS}; filtered scans: ${SCANS}`,
);

try {
  let { engine } = await open(dataDir);
  await Listing.init();

  // insertMany in batches of 1,000 (each batch one journaled, fsync'ed write).
  let t = performance.now();
  for (let i = 0; i < N - ONE_BY_ONE; i += 1000) {
    const end = Math.min(i + 1000, N - ONE_BY_ONE);
    await Listing.insertMany(
      Array.from({ length: end - i }, (_, j) => listing(i + j)),
      { lean: true },
    );
  }
  const insertManyRate = (N - ONE_BY_ONE) / ((performance.now() - t) / 1000);

  t = performance.now();
  for (let i = N - ONE_BY_ONE; i < N; i++) await Listing.create(listing(i));
  const oneByOneRate = ONE_BY_ONE / ((performance.now() - t) / 1000);

  // findOne by the unique indexed key.
  const lookup = async (): Promise<number[]> => {
    const times: number[] = [];
    for (let i = 0; i < LOOKUPS; i++) {
      const code = `L${String(Math.floor(random() * N)).padStart(7, '0')}`;
      const s = performance.now();
      const doc = await Listing.findOne({ code }).lean();
      times.push(performance.now() - s);
      if (!doc) throw new Error(`missing ${code}`);
    }
    return times.sort((a, b) => a - b);
  };
  await lookup(); // warm up
  const lookups = await lookup();

  // Baseline: the same lookup by an unindexed field (a scan until the match, at a random position).
  const scanTimes: number[] = [];
  for (let i = 0; i < SCANS; i++) {
    const title = (await Listing.findOne({
      code: `L${String(Math.floor(random() * N)).padStart(7, '0')}`,
    }).lean())!.title;
    const s = performance.now();
    await Listing.findOne({ title }).lean();
    scanTimes.push(performance.now() - s);
  }
  scanTimes.sort((a, b) => a - b);

  // A filtered scan returning many documents.
  const filtered: number[] = [];
  let matched = 0;
  for (let i = 0; i < SCANS; i++) {
    const s = performance.now();
    const docs = await Listing.find({
      district: districts[i % districts.length],
      quota: { $gte: 40 },
      kind: 'need',
    }).lean();
    filtered.push(performance.now() - s);
    matched += docs.length;
  }
  filtered.sort((a, b) => a - b);
  await close(engine);

  // Reopen: first from the journal alone, then from a snapshot.
  const journalBytes = fs
    .readdirSync(dataDir)
    .filter((f) => f.startsWith('journal-'))
    .reduce((n, f) => n + fs.statSync(path.join(dataDir, f)).size, 0);
  let reopened = await open(dataDir);
  const restartFromJournalMs = reopened.ms;
  const count = await Listing.estimatedDocumentCount();
  if (count !== N) throw new Error(`expected ${N} documents after restart, found ${count}`);
  await reopened.engine.compact();
  await close(reopened.engine);
  const snapshotBytes = fs.statSync(path.join(dataDir, 'snapshot.bson')).size;
  reopened = await open(dataDir);
  const restartFromSnapshotMs = reopened.ms;
  engine = reopened.engine;
  await close(engine);

  console.log(
    `notes: journal ${(journalBytes / 1e6).toFixed(1)} MB before compaction, snapshot ${(snapshotBytes / 1e6).toFixed(1)} MB; ` +
      `filtered scan matched ${Math.round(matched / SCANS)} documents on average; restart = open data dir + connect + first query`,
  );
  console.log(
    JSON.stringify({
      bench: 'db',
      n: N,
      insertMany_docs_per_s: Math.round(insertManyRate),
      insertOne_docs_per_s: Math.round(oneByOneRate),
      findOne_indexed_p50_ms: round(percentile(lookups, 50)),
      findOne_indexed_p95_ms: round(percentile(lookups, 95)),
      findOne_scan_baseline_p50_ms: round(percentile(scanTimes, 50), 1),
      scan_to_index_ratio: Math.round(percentile(scanTimes, 50) / percentile(lookups, 50)),
      filtered_scan_p50_ms: round(percentile(filtered, 50), 1),
      filtered_scan_p95_ms: round(percentile(filtered, 95), 1),
      restart_from_journal_ms: Math.round(restartFromJournalMs),
      restart_from_snapshot_ms: Math.round(restartFromSnapshotMs),
    }),
  );
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
