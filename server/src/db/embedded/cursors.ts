import { Long, calculateObjectSize, type Document } from 'bson';
import { CommandError } from './errors.js';
import { isStored, type Candidate } from './storage/bsonBytes.js';

const DEFAULT_FIRST_BATCH = 101;
/** Room left for the reply envelope inside MongoDB's 16 MiB reply limit. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 64 * 1024;
const IDLE_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  ns: string;
  /** Stored documents stay bytes: the reply carries them as they are (wire/codec.ts). */
  docs: Candidate[];
  position: number;
  lastUsed: number;
}

/** Open cursors: the rest of a materialized result, served in batches by getMore. */
export class Cursors {
  private readonly open = new Map<number, OpenCursor>();
  private nextId = Math.floor(Math.random() * 1e9) + 1;
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  /** The reply to find/aggregate/listX: a first batch, and a cursor id when more remains. */
  first(ns: string, docs: Candidate[], batchSize: number | undefined, singleBatch = false): Document {
    const cursor: OpenCursor = { ns, docs, position: 0, lastUsed: Date.now() };
    const batch = this.take(cursor, batchSize ?? DEFAULT_FIRST_BATCH);
    let id = 0;
    if (!singleBatch && cursor.position < docs.length) {
      id = this.nextId++;
      this.open.set(id, cursor);
    }
    return { cursor: { firstBatch: batch, id: Long.fromNumber(id), ns }, ok: 1 };
  }

  getMore(id: number, collection: string, db: string, batchSize: number | undefined): Document {
    const cursor = this.open.get(id);
    if (!cursor) throw new CommandError('CursorNotFound', `cursor id ${id} not found`);
    if (cursor.ns !== `${db}.${collection}` && !cursor.ns.startsWith(`${db}.$cmd`)) {
      throw new CommandError(
        'Unauthorized',
        `Requested getMore on namespace '${db}.${collection}', but cursor belongs to a different namespace ${cursor.ns}`,
      );
    }
    cursor.lastUsed = Date.now();
    const batch = this.take(cursor, batchSize && batchSize > 0 ? batchSize : Number.MAX_SAFE_INTEGER);
    const done = cursor.position >= cursor.docs.length;
    if (done) this.open.delete(id);
    return { cursor: { nextBatch: batch, id: Long.fromNumber(done ? 0 : id), ns: cursor.ns }, ok: 1 };
  }

  kill(ids: number[]): Document {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const id of ids) (this.open.delete(id) ? killed : notFound).push(Long.fromNumber(id));
    return { cursorsKilled: killed, cursorsNotFound: notFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  close(): void {
    clearInterval(this.sweeper);
    this.open.clear();
  }

  private take(cursor: OpenCursor, max: number): Candidate[] {
    const batch: Candidate[] = [];
    let bytes = 0;
    while (batch.length < max && cursor.position < cursor.docs.length) {
      const doc = cursor.docs[cursor.position]!;
      bytes += isStored(doc) ? doc.length : calculateObjectSize(doc);
      if (bytes > MAX_BATCH_BYTES && batch.length > 0) break;
      batch.push(doc);
      cursor.position++;
    }
    return batch;
  }

  private sweep(): void {
    const cutoff = Date.now() - IDLE_TIMEOUT_MS;
    for (const [id, cursor] of this.open) if (cursor.lastUsed < cutoff) this.open.delete(id);
  }
}
