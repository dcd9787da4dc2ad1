/**
 * The embedded index's snapshot beside the database (`DATA_DIR/search/listings.snapshot`), so a start reads the
 * index back instead of building it from every listing.
 *
 * Writing: in the background, once `afterChanges` writes have reached the index or `afterMs` after the first one
 * not yet saved, right after a start that had to build the index, and at a clean shutdown. The snapshot is
 * stamped with what it covers: when the index was read and when the oldest change then waiting in the outbox was
 * recorded (a change is in the index once the outbox has delivered it; until then its entry waits there).
 *
 * Reading, at start: the snapshot, then every listing written since its stamp (less `REPLAY_MARGIN_MS`: a
 * listing's `updatedAt` is set inside its transaction, which may commit and be delivered a little later) and the
 * open listings of organizations changed since whose name or badge differs from the one the index holds for them
 * (kept per organization in the snapshot), re-read from the database and applied as the indexer applies a
 * change. The outbox relay then delivers whatever still waits there. The index is built from the database
 * instead when the snapshot is missing, corrupt (its checksum fails), built with other settings, stale (more
 * listings changed since than a replay should take), or when after the replay the index does not hold exactly
 * the open listings (a database restored from an older backup, say).
 */
import path from 'node:path';
import { trusted, type Types } from 'mongoose';
import type { Logger } from 'pino';
import { EventOutboxModel } from '../lib/outbox.js';
import { StartPhases } from '../lib/startPhases.js';
import { ListingModel } from '../modules/listings/model.js';
import { OrganizationModel } from '../modules/organizations/model.js';
import type { EmbeddedSearchEngine } from './embedded/engine.js';
import { organizationKey } from './embedded/organizationTally.js';
import { SnapshotRefused, writeFileAtomically } from './embedded/snapshotFile.js';
import type { SearchIndexer } from './indexer.js';
import { READ_IN_THREAD_FROM, readSnapshotFile, type SnapshotBytes } from './snapshotRead.js';
import type { SearchReconciler } from './reconciler.js';

/** What a snapshot covers. */
export interface SnapshotStamp {
  /** When the index was read (ms since the epoch). */
  takenAt: number;
  /** When the oldest change then waiting in the outbox was recorded (ms), or null when none was waiting. */
  oldestQueuedAt: number | null;
  /** Documents in the index. */
  documents: number;
}

/** Covers a transaction's lifetime (60 s) between a listing's `updatedAt` and its commit, with room to spare. */
export const REPLAY_MARGIN_MS = 2 * 60_000;

export type RebuildReason = 'missing' | 'corrupt' | 'incompatible' | 'stale' | 'drifted';

export type StartOutcome =
  | { source: 'snapshot'; replayed: number; documents: number; ms: number }
  | { source: 'rebuilt'; reason: RebuildReason; documents: number; ms: number };

export interface SnapshotPolicy {
  afterChanges: number;
  afterMs: number;
  /** How often the writer looks whether a snapshot is due. */
  checkEveryMs: number;
  /** Listings a start replays at most; more than this and it rebuilds. */
  replayAtMost: (documents: number) => number;
  /** Snapshot files from this size on are read and checksummed by a worker thread (snapshotRead.ts). */
  readInThreadFrom: number;
}

export const defaultSnapshotPolicy: SnapshotPolicy = {
  afterChanges: 1000,
  afterMs: 60_000,
  checkEveryMs: 5_000,
  replayAtMost: (documents) => Math.max(1000, Math.floor(documents / 4)),
  readInThreadFrom: READ_IN_THREAD_FROM,
};

export const snapshotFile = (dataDir: string) => path.join(dataDir, 'search', 'listings.snapshot');

export class SearchSnapshots {
  private savedChanges = -1;
  /** The snapshot file being read since `prefetch()`. */
  private reading: Promise<SnapshotBytes> | undefined;
  private firstUnsavedAt: number | undefined;
  private writing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  readonly file: string;

  constructor(
    private readonly engine: EmbeddedSearchEngine,
    dataDir: string,
    private readonly logger: Logger,
    private readonly policy: SnapshotPolicy = defaultSnapshotPolicy,
  ) {
    this.file = snapshotFile(dataDir);
  }

  /**
   * Starts reading the snapshot file, so that it is read while the database opens (server.ts calls this first):
   * nothing of it is used before `load`, which waits for the database. `load` reads the file itself when this
   * was not called.
   */
  prefetch(): void {
    this.reading ??= readSnapshotFile(this.file, this.policy.readInThreadFrom);
    this.reading.catch(() => {}); // load() reports it
  }

  /**
   * Fills the index: from the snapshot and the changes since, or from the database. `phases` is told each step
   * (search.read, .restore, .changes, .replay, .check, or .rebuild).
   */
  async load(
    reconciler: SearchReconciler,
    indexer: SearchIndexer,
    phases = new StartPhases(),
  ): Promise<StartOutcome> {
    const t0 = performance.now();
    const outcome = await this.fromSnapshot(indexer, phases);
    if (outcome) {
      const result = { ...outcome, ms: Math.round(performance.now() - t0) };
      this.logger.info(result, 'search index read from its snapshot');
      return result;
    }
    const reason = this.refusal ?? 'missing';
    await this.engine.clear(); // nothing searches yet: let a refused snapshot's index go before building anew
    const documents = await reconciler.rebuild();
    phases.end('search.rebuild');
    const result = { source: 'rebuilt' as const, reason, documents, ms: Math.round(performance.now() - t0) };
    this.logger.info(result, 'search index built from the database');
    void this.write(); // the next start reads it
    return result;
  }

  private refusal: RebuildReason | undefined;

  private async fromSnapshot(
    indexer: SearchIndexer,
    phases: StartPhases,
  ): Promise<{ source: 'snapshot'; replayed: number; documents: number } | undefined> {
    let read: SnapshotBytes;
    try {
      read = await (this.reading ?? readSnapshotFile(this.file, this.policy.readInThreadFrom));
      phases.end('search.read');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.logger.warn({ err }, 'cannot read the search snapshot');
      this.refusal = 'missing';
      return undefined;
    } finally {
      this.reading = undefined;
    }
    let stamp: SnapshotStamp;
    try {
      stamp = this.engine.restore<SnapshotStamp>(read.bytes, read.bodyCrc);
      this.savedChanges = this.engine.changes; // what the replay applies makes the next snapshot due
      phases.end('search.restore');
    } catch (err) {
      this.refusal = err instanceof SnapshotRefused ? err.reason : 'corrupt';
      this.logger.warn({ err, file: this.file }, 'the search snapshot cannot be used; building the index');
      return undefined;
    }
    const since = new Date(Math.min(stamp.takenAt, stamp.oldestQueuedAt ?? Infinity) - REPLAY_MARGIN_MS);
    const changed = await changedListingIds(since, this.engine);
    phases.end('search.changes');
    if (changed.length > this.policy.replayAtMost(stamp.documents)) {
      this.refusal = 'stale';
      this.logger.info({ changed: changed.length }, 'the search snapshot is stale; building the index');
      return undefined;
    }
    await indexer.apply(changed);
    phases.end('search.replay');
    const [expected, { documents }] = await Promise.all([
      ListingModel.countDocuments({ status: 'open' }),
      this.engine.stats(),
    ]);
    phases.end('search.check');
    if (expected !== documents) {
      this.refusal = 'drifted';
      this.logger.warn(
        { expected, documents },
        'the search snapshot does not match the database; building the index',
      );
      return undefined;
    }
    return { source: 'snapshot', replayed: changed.length, documents };
  }

  /** Looks every `checkEveryMs` whether a snapshot is due, and writes it in the background. */
  start(): void {
    this.timer = setInterval(() => {
      if (this.engine.changes === this.savedChanges) {
        this.firstUnsavedAt = undefined;
        return;
      }
      this.firstUnsavedAt ??= Date.now();
      const due =
        this.engine.changes - this.savedChanges >= this.policy.afterChanges ||
        Date.now() - this.firstUnsavedAt >= this.policy.afterMs;
      if (due) void this.write();
    }, this.policy.checkEveryMs);
    this.timer.unref();
  }

  /** Writes a snapshot now (joining one being written); failures are logged, the next one tries again. */
  write(): Promise<void> {
    this.writing ??= this.writeNow().finally(() => (this.writing = undefined));
    return this.writing;
  }

  private async writeNow(): Promise<void> {
    try {
      const takenAt = Date.now();
      const oldest = await EventOutboxModel.findOne()
        .sort({ _id: 1 })
        .select({ createdAt: 1 })
        .lean<{ createdAt: Date }>();
      // From here to the bytes nothing awaits: the snapshot shows the index at one moment.
      const changes = this.engine.changes;
      const documents = this.engine.documentCount;
      const stamp: SnapshotStamp = {
        takenAt,
        oldestQueuedAt: oldest?.createdAt.getTime() ?? null,
        documents,
      };
      const bytes = this.engine.snapshot(stamp);
      await writeFileAtomically(this.file, bytes);
      this.savedChanges = changes;
      this.firstUnsavedAt = undefined;
      this.logger.debug({ documents, bytes: bytes.length }, 'search snapshot written');
    } catch (err) {
      this.logger.warn({ err }, 'could not write the search snapshot; trying again later');
    }
  }

  /** Stops the timer and writes a last snapshot if the index changed since the last one. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.writing;
    if (this.engine.changes !== this.savedChanges) await this.write();
  }
}

/**
 * Listings written since `since` that the index does not show as they are (an open one absent or of another
 * version, another one present), and the open listings of organizations changed since whose name or badge is
 * not the one the index's listings of them carry (the index keeps, per organization, which names and badges its
 * listings carry: an organization written since but named and badged as indexed sends no listing to the replay).
 */
async function changedListingIds(since: Date, engine: EmbeddedSearchEngine): Promise<string[]> {
  const after = trusted({ $gte: since });
  const [listings, organizations] = await Promise.all([
    ListingModel.find({ updatedAt: after })
      .select({ _id: 1, updatedAt: 1, status: 1 })
      .lean<{ _id: Types.ObjectId; updatedAt: Date; status: string }[]>(),
    OrganizationModel.find({ updatedAt: after })
      .select({ _id: 1, name: 1, verification: 1 })
      .lean<{ _id: Types.ObjectId; name: string; verification?: { status?: string } }[]>(),
  ]);
  const ids = new Set<string>();
  for (const l of listings) {
    const id = String(l._id);
    const version = engine.versionOf(id);
    const current = l.status === 'open' ? version === l.updatedAt.getTime() : version === undefined;
    if (!current) ids.add(id);
  }
  const renamed = organizations.filter((o) => {
    const carried = engine.organizationCarried(String(o._id));
    // None of its listings indexed: none carries an old name (an open one missing is the count's to find).
    if (!carried) return false;
    const now = organizationKey(o.name, o.verification?.status === 'verified');
    return carried.size !== 1 || !carried.has(now);
  });
  if (renamed.length) {
    const ofRenamed = await ListingModel.find({
      organizationId: trusted({ $in: renamed.map((o) => o._id) }),
      status: 'open',
    })
      .select({ _id: 1 })
      .lean<{ _id: Types.ObjectId }[]>();
    for (const l of ofRenamed) ids.add(String(l._id));
  }
  return [...ids];
}
