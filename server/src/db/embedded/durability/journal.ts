import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Document } from 'bson';
import { encodeRecord } from './records.js';
import { writeAll } from './writeAll.js';

export const journalName = (n: number): string => `journal-${String(n).padStart(8, '0')}.log`;
export const JOURNAL_FILE = /^journal-(\d{8})\.log$/;

interface Pending {
  file: number;
  buf: Buffer;
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * O_DSYNC where the platform has it: a write returns once its data is on disk, as a write and an fdatasync do,
 * in one call to the thread pool instead of two.
 */
const DSYNC: number | undefined = fs.constants.O_DSYNC;
const APPEND = DSYNC ? fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | DSYNC : 'a';

/** Opens a file for appending (each write durable when it returns, with O_DSYNC) and makes its entry durable. */
async function openForAppend(dir: string, file: number): Promise<FileHandle> {
  const handle = await fs.promises.open(path.join(dir, journalName(file)), APPEND);
  await syncDir(dir);
  return handle;
}

export async function syncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * The append-only journal. Every record is written and on disk (O_DSYNC, else fdatasync) before its append()
 * resolves; records appended while a flush is in progress go out together in the next one (group commit).
 * rotate() starts a new file at an exact point of the record sequence, for snapshots.
 */
export class Journal {
  private pending: Pending[] = [];
  private flushing = false;
  private scheduled = false;
  private handle?: FileHandle;
  private handleFile = -1;
  private failure?: Error;
  private idle: Array<() => void> = [];
  /** Bytes appended since the last snapshot (all files). */
  bytesSinceSnapshot = 0;

  constructor(
    private readonly dir: string,
    private current: number,
  ) {}

  get currentFile(): number {
    return this.current;
  }

  /** Appends one record; resolves once it is on disk. */
  append(docs: Array<Document | Uint8Array>): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const buf = encodeRecord(docs);
    this.bytesSinceSnapshot += buf.length;
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ file: this.current, buf, resolve, reject });
      if (!this.scheduled && !this.flushing) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /** Later records go to a new file; returns its number. Earlier ones stay in the old file. */
  rotate(): number {
    this.current += 1;
    return this.current;
  }

  /** Resolves when everything appended so far is on disk. */
  async drain(): Promise<void> {
    if (!this.flushing && !this.scheduled && this.pending.length === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  async close(): Promise<void> {
    await this.drain();
    await this.handle?.close();
    this.handle = undefined;
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    if (this.flushing) return;
    this.flushing = true;
    while (this.pending.length > 0) {
      const file = this.pending[0]!.file;
      let count = 0;
      while (count < this.pending.length && this.pending[count]!.file === file) count++;
      const batch = this.pending.splice(0, count);
      try {
        if (this.handleFile !== file) {
          if (this.handle) {
            await this.handle.datasync();
            await this.handle.close();
          }
          this.handle = await openForAppend(this.dir, file);
          this.handleFile = file;
        }
        await writeAll(
          this.handle!,
          batch.length === 1 ? batch[0]!.buf : Buffer.concat(batch.map((p) => p.buf)),
        );
        if (!DSYNC) await this.handle!.datasync();
        for (const p of batch) p.resolve();
      } catch (err) {
        // A write that cannot be made durable must not be acknowledged, nor any after it.
        this.failure = new Error(`journal write failed: ${(err as Error).message}`);
        for (const p of [...batch, ...this.pending.splice(0)]) p.reject(this.failure);
      }
    }
    this.flushing = false;
    for (const resolve of this.idle.splice(0)) resolve();
  }
}
