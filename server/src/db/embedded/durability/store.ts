import fs from 'node:fs';
import path from 'node:path';
import type { Catalog, StorageOp } from '../storage/catalog.js';
import { JOURNAL_FILE, Journal, journalName } from './journal.js';
import { applyJournaled, journaledOp } from './journaledOps.js';
import { lockDataDir } from './lockfile.js';
import { splitRecords } from './records.js';
import { SNAPSHOT_FILE, copyState, loadSnapshot, writeSnapshot } from './snapshot.js';

export interface DurableStoreOptions {
  /** Journal bytes after which a snapshot is written in the background (default 64 MiB). */
  compactAfterBytes?: number;
  /**
   * Journal bytes from which closing writes a snapshot first (a checkpoint), so that the next start reads the
   * snapshot alone (default 1 MiB: a smaller journal replays in milliseconds).
   */
  checkpointAtCloseBytes?: number;
  /** Called with a warning (e.g. a torn journal tail dropped at start). */
  warn?: (message: string) => void;
  /** Leave the snapshot's indexes other than unique ones unbuilt (loadSnapshot). */
  deferIndexes?: boolean;
}

export interface RecoveryReport {
  snapshot: boolean;
  journalRecords: number;
  droppedTailBytes: number;
}

/**
 * Durable committed state in a data directory: a snapshot plus the journal written since. Opening it
 * locks the directory and replays both into the catalog; close() flushes and unlocks.
 */
export class DurableStore {
  private compaction?: Promise<void>;
  private closed = false;
  private snapshotBytes = 0;

  private constructor(
    private readonly dir: string,
    private readonly catalog: Catalog,
    private readonly journal: Journal,
    private readonly unlock: () => void,
    private readonly options: DurableStoreOptions,
    readonly recovery: RecoveryReport,
  ) {}

  static async open(dir: string, catalog: Catalog, options: DurableStoreOptions = {}): Promise<DurableStore> {
    fs.mkdirSync(dir, { recursive: true });
    const unlock = lockDataDir(dir);
    try {
      fs.rmSync(path.join(dir, 'snapshot.tmp'), { force: true });
      const first = loadSnapshot(dir, catalog, { deferIndexes: options.deferIndexes });
      const from = first ?? 1;
      const files = fs
        .readdirSync(dir)
        .map((name) => JOURNAL_FILE.exec(name)?.[1])
        .filter((n): n is string => n !== undefined)
        .map(Number)
        .sort((a, b) => a - b);
      const report: RecoveryReport = {
        snapshot: first !== undefined,
        journalRecords: 0,
        droppedTailBytes: 0,
      };
      let bytes = 0;
      for (const n of files) {
        const file = path.join(dir, journalName(n));
        if (n < from) {
          fs.rmSync(file); // already covered by the snapshot
          continue;
        }
        const buf = fs.readFileSync(file);
        const { records, validBytes, damaged } = splitRecords(buf);
        if (damaged) {
          if (n !== files[files.length - 1]) {
            throw new Error(
              `The journal file ${file} is corrupt at byte ${validBytes}, before the end of the journal`,
            );
          }
          // A torn last record: the write was never acknowledged. Drop it.
          fs.truncateSync(file, validBytes);
          report.droppedTailBytes = buf.length - validBytes;
          options.warn?.(
            `dropped ${report.droppedTailBytes} bytes of an incomplete record at the end of ${file}`,
          );
        }
        for (const record of records) {
          for (const op of record) applyJournaled(catalog, op);
          report.journalRecords++;
        }
        bytes += validBytes;
      }
      const current = Math.max(from, files[files.length - 1] ?? from);
      const journal = new Journal(dir, current);
      journal.bytesSinceSnapshot = bytes;
      const store = new DurableStore(dir, catalog, journal, unlock, options, report);
      store.snapshotBytes = report.snapshot ? fs.statSync(path.join(dir, SNAPSHOT_FILE)).size : 0;
      store.maybeCompact();
      return store;
    } catch (err) {
      unlock();
      throw err;
    }
  }

  /** Journals ops; resolves once they are on disk. No ops (a transaction that wrote nothing): nothing to journal. */
  persist(ops: StorageOp[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the embedded database is closed'));
    if (ops.length === 0) return Promise.resolve();
    const durable = this.journal.append(ops.map(journaledOp));
    this.maybeCompact();
    return durable;
  }

  private maybeCompact(): void {
    // Never rewrite a big snapshot for a small journal: compaction stays proportional to the writes.
    const threshold = Math.max(this.options.compactAfterBytes ?? 64 * 1024 * 1024, this.snapshotBytes);
    if (this.compaction || this.closed || this.journal.bytesSinceSnapshot < threshold) return;
    this.compaction = this.snapshot()
      .catch((err) =>
        this.options.warn?.(`snapshot failed (the journal still holds everything): ${String(err)}`),
      )
      .finally(() => (this.compaction = undefined));
  }

  /** Writes a snapshot now (after any running one) and trims the journal. */
  async compact(): Promise<void> {
    while (this.compaction) await this.compaction;
    if (this.closed) return;
    const run = this.snapshot();
    this.compaction = run.catch(() => {}).finally(() => (this.compaction = undefined));
    await run;
  }

  /** Writes a snapshot of committed state as of now, then deletes the journal files it covers. */
  private async snapshot(): Promise<void> {
    const next = this.journal.rotate();
    const state = copyState(this.catalog, next);
    this.journal.bytesSinceSnapshot = 0;
    await this.journal.drain();
    this.snapshotBytes = await writeSnapshot(this.dir, state);
    for (const name of fs.readdirSync(this.dir)) {
      const n = JOURNAL_FILE.exec(name)?.[1];
      if (n !== undefined && Number(n) < next) fs.rmSync(path.join(this.dir, name), { force: true });
    }
  }

  /**
   * Waits for a running snapshot, writes one now unless the journal since the last is small (a checkpoint: the
   * next start then replays nothing), flushes the journal and releases the directory.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.compaction;
    const checkpointFrom = this.options.checkpointAtCloseBytes ?? 1024 * 1024;
    if (this.journal.bytesSinceSnapshot >= checkpointFrom) {
      await this.snapshot().catch((err) =>
        this.options.warn?.(
          `checkpoint at close failed (the journal still holds everything): ${String(err)}`,
        ),
      );
    }
    await this.journal.close();
    this.unlock();
  }
}
