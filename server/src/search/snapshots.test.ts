/**
 * The embedded index's snapshot, through real restarts of the server on one data directory: read back when it is
 * fresh (with what changed while the server was down replayed), ignored and rebuilt when missing, corrupt, stale
 * or out of step with the database; and search answers alike either way (a hash of the answers of a set of
 * searches, server/test/searchAnswers.ts).
 */
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose, { trusted } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { startEmbeddedEngine } from '../db/embedded/index.js';
import { ListingModel } from '../modules/listings/model.js';
import { OrganizationModel } from '../modules/organizations/model.js';
import { countsForListings, generateDataset } from '../seed/generate/generate.js';
import { loadDataset } from '../seed/loadDataset.js';
import { startServer, type RunningServer } from '../server.js';
import { hashAnswers } from '../../test/searchAnswers.js';
import { EmbeddedSearchEngine } from './embedded/engine.js';
import { SearchIndexer } from './indexer.js';
import { SearchReconciler } from './reconciler.js';
import { defaultSnapshotPolicy, SearchSnapshots, snapshotFile, type StartOutcome } from './snapshots.js';

let dir: string;
const silent = pino({ level: 'silent' });

/** Runs `fn` with mongoose connected to the data directory's database, no server running. */
async function withDatabase<T>(fn: () => Promise<T>): Promise<T> {
  const engine = await startEmbeddedEngine({ dataDir: path.join(dir, 'db') });
  await mongoose.connect(engine.uri, { dbName: 'resourcelink' });
  try {
    return await fn();
  } finally {
    await mongoose.disconnect();
    await engine.close();
  }
}

/** Starts the server on the directory; returns it with how its index was filled (from its log). */
async function start(): Promise<{ server: RunningServer; outcome: StartOutcome }> {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dir,
    LOG_LEVEL: 'info',
    SEED_DEMO: 'false',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-123',
    MONGODB_URI: '',
    MEILI_HOST: '',
  });
  const server = await startServer(config, logger);
  const line = lines.map((l) => JSON.parse(l)).find((l) => l.source === 'snapshot' || l.source === 'rebuilt');
  return { server, outcome: line as StartOutcome };
}

/** Starts, hashes the answers, stops (which writes the snapshot). */
async function startAndHash() {
  const { server, outcome } = await start();
  try {
    return { outcome, answers: await hashAnswers(server.ctx.search), documents: outcome.documents };
  } finally {
    await server.close();
  }
}

const corruptSnapshot = () => {
  const file = snapshotFile(dir);
  const bytes = fs.readFileSync(file);
  bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
  fs.writeFileSync(file, bytes);
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rl-snapshot-'));
  const data = generateDataset({ seed: 'snapshot', ...countsForListings(300), now: new Date('2026-11-01') });
  await withDatabase(() => loadDataset(data));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the search index snapshot', () => {
  let first: Awaited<ReturnType<typeof startAndHash>>;

  it('builds the index at the first start and reads it back from the snapshot at the next', async () => {
    first = await startAndHash();
    expect(first.outcome).toMatchObject({ source: 'rebuilt', reason: 'missing' });
    expect(first.answers.hits).toBeGreaterThan(100);
    expect(fs.existsSync(snapshotFile(dir))).toBe(true);

    const second = await startAndHash();
    expect(second.outcome).toMatchObject({ source: 'snapshot', replayed: 0, documents: first.documents });
    expect(second.answers).toEqual(first.answers);
  }, 60_000);

  let replayed: Awaited<ReturnType<typeof startAndHash>>;

  it('replays the listings and organizations changed since, and answers as an index built anew', async () => {
    const expectedReplay = await withDatabase(async () => {
      const open = await ListingModel.find({ status: 'open', organizationId: trusted({ $exists: true }) })
        .sort({ _id: 1 })
        .limit(8)
        .lean();
      for (const l of open.slice(0, 4)) {
        await ListingModel.updateOne({ _id: l._id }, { $set: { title: `${l.title} 天文台观测` } });
      }
      await ListingModel.updateMany(
        { _id: trusted({ $in: open.slice(4, 7).map((l) => l._id) }) },
        { $set: { status: 'closed' } },
      );
      const { _id: _template, createdAt: _created, updatedAt: _updated, ...body } = open[7]!;
      await ListingModel.create([
        { ...body, title: '新设的天文台开放日' },
        { ...body, title: '天文台志愿讲解员' },
      ]);
      await OrganizationModel.updateOne({ _id: body.organizationId }, { $set: { name: '更名后的服务社' } });
      // The renamed organization's open listings (the two new ones among them) are re-read too.
      const ofOrganization = await ListingModel.find({ organizationId: body.organizationId, status: 'open' })
        .select({ _id: 1 })
        .lean();
      return new Set([...open.slice(0, 7), ...ofOrganization].map((l) => String(l._id))).size;
    });
    replayed = await startAndHash();
    expect(replayed.outcome).toMatchObject({ source: 'snapshot' });
    expect((replayed.outcome as { replayed: number }).replayed).toBe(expectedReplay);
    expect(replayed.answers.hash).not.toBe(first.answers.hash);
    expect(replayed.documents).toBe(first.documents - 3 + 2);

    fs.rmSync(snapshotFile(dir));
    const rebuilt = await startAndHash();
    expect(rebuilt.outcome).toMatchObject({ source: 'rebuilt', reason: 'missing' });
    expect(rebuilt.answers).toEqual(replayed.answers);
  }, 60_000);

  it('refuses a corrupt snapshot and builds the index from the database', async () => {
    corruptSnapshot();
    const again = await startAndHash();
    expect(again.outcome).toMatchObject({ source: 'rebuilt', reason: 'corrupt' });
    expect(again.answers).toEqual(replayed.answers);
  }, 60_000);

  it('reads a large snapshot in a worker thread while the database opens, and still refuses a corrupt one', async () => {
    // As server.ts does: the read starts before the database opens; every file counts as large here.
    const loadInThread = async () => {
      const engine = new EmbeddedSearchEngine();
      const snapshots = new SearchSnapshots(engine, dir, silent, {
        ...defaultSnapshotPolicy,
        readInThreadFrom: 0,
      });
      snapshots.prefetch();
      return withDatabase(async () => {
        await engine.ensureIndex();
        const reconciler = new SearchReconciler(engine, silent);
        const outcome = await snapshots.load(reconciler, new SearchIndexer(engine, silent));
        await snapshots.close(); // the rebuilt index's snapshot, for the next test
        return { outcome, answers: await hashAnswers(engine) };
      });
    };
    const intact = await loadInThread();
    expect(intact.outcome).toMatchObject({ source: 'snapshot', replayed: 0 });
    expect(intact.answers).toEqual(replayed.answers);

    corruptSnapshot();
    const corrupt = await loadInThread();
    expect(corrupt.outcome).toMatchObject({ source: 'rebuilt', reason: 'corrupt' });
    expect(corrupt.answers).toEqual(replayed.answers);
  }, 60_000);

  it('rebuilds when the database no longer matches the snapshot (a listing gone without a trace)', async () => {
    await withDatabase(() => ListingModel.deleteOne({ status: 'open' }));
    const again = await startAndHash();
    expect(again.outcome).toMatchObject({ source: 'rebuilt', reason: 'drifted' });
    expect(again.documents).toBe(replayed.documents - 1);
  }, 60_000);

  it('rebuilds when more listings changed since than a replay should take', async () => {
    const outcome = await withDatabase(async () => {
      await ListingModel.updateMany({ status: 'open' }, { $set: { capacityUsed: 0 } });
      const engine = new EmbeddedSearchEngine();
      await engine.ensureIndex();
      const snapshots = new SearchSnapshots(engine, dir, silent, {
        ...defaultSnapshotPolicy,
        replayAtMost: (documents) => Math.floor(documents / 4),
      });
      const result = await snapshots.load(
        new SearchReconciler(engine, silent),
        new SearchIndexer(engine, silent),
      );
      await snapshots.close();
      const fresh = new EmbeddedSearchEngine();
      await fresh.ensureIndex();
      await new SearchReconciler(fresh, silent).rebuild();
      expect(await hashAnswers(engine)).toEqual(await hashAnswers(fresh));
      return result;
    });
    expect(outcome).toMatchObject({ source: 'rebuilt', reason: 'stale' });
  }, 60_000);

  it('replays the open listings of organizations whose name or badge changed, not of those written unchanged or renamed back', async () => {
    const expectedReplay = await withDatabase(async () => {
      const organizationIds = [
        ...new Set(
          (
            await ListingModel.find({ status: 'open', organizationId: trusted({ $exists: true }) }).lean()
          ).map((l) => String(l.organizationId)),
        ),
      ];
      const [renamedBack, untouched, verified] = await Promise.all(
        organizationIds.slice(0, 3).map((id) => OrganizationModel.findById(id).lean()),
      );
      await OrganizationModel.updateOne({ _id: renamedBack!._id }, { $set: { name: '临时更名的服务社' } });
      await OrganizationModel.updateOne({ _id: renamedBack!._id }, { $set: { name: renamedBack!.name } });
      await OrganizationModel.updateOne(
        { _id: untouched!._id },
        { $set: { description: '简介改了，名称没改' } },
      );
      const badge = verified!.verification?.status === 'verified' ? 'rejected' : 'verified';
      await OrganizationModel.updateOne({ _id: verified!._id }, { $set: { 'verification.status': badge } });
      return ListingModel.countDocuments({ organizationId: verified!._id, status: 'open' });
    });
    expect(expectedReplay).toBeGreaterThan(0);
    const again = await startAndHash();
    expect(again.outcome).toMatchObject({ source: 'snapshot', replayed: expectedReplay });

    fs.rmSync(snapshotFile(dir));
    const rebuilt = await startAndHash();
    expect(rebuilt.outcome).toMatchObject({ source: 'rebuilt', reason: 'missing' });
    expect(rebuilt.answers).toEqual(again.answers);
  }, 60_000);

  it('refuses a snapshot written with other settings', async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.ensureIndex({ ...(await import('./settings.js')).listingIndexSettings, stopWords: ['的'] });
    expect(() => engine.restore(fs.readFileSync(snapshotFile(dir)))).toThrow(/other settings/);
  });
});
