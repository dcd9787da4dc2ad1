import fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Document } from 'bson';
import { decodeDocument, type StoredBytes } from '../storage/bsonBytes.js';
import { Catalog } from '../storage/catalog.js';
import { Collection } from '../storage/collection.js';
import type { IndexSpec } from '../storage/indexes.js';
import { syncDir } from './journal.js';
import { encodeRecord, splitRecords } from './records.js';
import { writeAll } from './writeAll.js';

export const SNAPSHOT_FILE = 'snapshot.bson';
const TMP_FILE = 'snapshot.tmp';
const CHUNK_DOCS = 2000;

/** A consistent copy of committed state, cheap to take: stored documents' bytes are immutable and shared. */
export interface StateCopy {
  journal: number;
  collections: Array<{
    ns: string;
    options: Document;
    uuid: string;
    indexes: IndexSpec[];
    docs: StoredBytes[];
  }>;
}

export function copyState(catalog: Catalog, journal: number): StateCopy {
  return {
    journal,
    collections: catalog.allCollections().map((c) => ({
      ns: c.ns,
      options: c.options,
      uuid: c.uuid.toHexString(),
      indexes: [...c.indexes.values()].map((i) => i.spec),
      docs: [...c.docs.values()],
    })),
  };
}

/** A collection's description in a snapshot: everything but its documents. */
export type SnapshotCollection = Omit<StateCopy['collections'][number], 'docs'>;

/**
 * Writes a snapshot file piece by piece (header, one record per collection, its documents in chunks, end marker)
 * to a temporary file beside it, then syncs it and renames it into place, so a snapshot on disk is always
 * complete. The engine writes its own through `writeSnapshot`; a backup writes one from a running engine's
 * `consistentSnapshot` cursor.
 */
export class SnapshotWriter {
  private bytes = 0;
  private total = 0;
  private chunk: Array<Document | Uint8Array> = [];
  private ns = '';

  private constructor(
    private readonly handle: FileHandle,
    private readonly tmp: string,
    private readonly file: string,
  ) {}

  /** Starts `file` (written as `<dir>/snapshot.tmp` until finished) for state covered up to journal file `journal`. */
  static async create(file: string, journal: number, collections: number): Promise<SnapshotWriter> {
    const tmp = path.join(path.dirname(file), TMP_FILE);
    const writer = new SnapshotWriter(await fs.promises.open(tmp, 'w'), tmp, file);
    await writer.write([{ snapshot: 1, journal, collections }]);
    return writer;
  }

  async collection(meta: SnapshotCollection): Promise<void> {
    await this.flush();
    this.ns = meta.ns;
    await this.write([{ collection: meta }]);
  }

  /** Adds a document of the collection last begun (an object, or its BSON bytes written as they are). */
  async doc(doc: Document | Uint8Array): Promise<void> {
    this.chunk.push(doc);
    if (this.chunk.length >= CHUNK_DOCS) await this.flush();
  }

  /** Writes the end marker, syncs, and renames the file into place; returns its size in bytes. */
  async finish(): Promise<number> {
    try {
      await this.flush();
      await this.write([{ end: 1, docs: this.total }]);
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
    await fs.promises.rename(this.tmp, this.file);
    await syncDir(path.dirname(this.file));
    return this.bytes;
  }

  /** Gives up: closes and removes the temporary file. */
  async abort(): Promise<void> {
    await this.handle.close().catch(() => {});
    await fs.promises.rm(this.tmp, { force: true });
  }

  private async flush(): Promise<void> {
    if (this.chunk.length === 0) return;
    const docs = this.chunk;
    this.chunk = [];
    await this.write([{ docs: this.ns, n: docs.length }, ...docs]);
    this.total += docs.length;
  }

  private async write(docs: Array<Document | Uint8Array>): Promise<void> {
    const record = encodeRecord(docs);
    this.bytes += record.length;
    await writeAll(this.handle, record);
  }
}

/** Writes a snapshot of `state` into `dir` (see SnapshotWriter); returns its size in bytes. */
export async function writeSnapshot(dir: string, state: StateCopy): Promise<number> {
  const writer = await SnapshotWriter.create(
    path.join(dir, SNAPSHOT_FILE),
    state.journal,
    state.collections.length,
  );
  try {
    for (const { docs, ...meta } of state.collections) {
      await writer.collection(meta);
      for (const doc of docs) await writer.doc(doc);
    }
  } catch (err) {
    await writer.abort();
    throw err;
  }
  return writer.finish();
}

/**
 * Loads a snapshot into an empty catalog; returns the first journal file to replay after it. `deferIndexes`:
 * only the unique indexes are built now (Collection.addIndexes).
 */
export function loadSnapshot(
  dir: string,
  catalog: Catalog,
  options: { deferIndexes?: boolean } = {},
): number | undefined {
  const file = path.join(dir, SNAPSHOT_FILE);
  if (!fs.existsSync(file)) return undefined;
  const damagedError = () =>
    new Error(
      `The snapshot ${file} is damaged (it was written completely before being renamed into place, so the disk corrupted it); restore it from a backup`,
    );
  // Records are split by their lengths; only their heads are decoded, documents are kept as their bytes.
  const { records, damaged } = splitRecords(fs.readFileSync(file));
  let header: Document | undefined;
  const pendingIndexes: Array<[Collection, IndexSpec[]]> = [];
  try {
    const headOf = (record: Buffer[] | undefined) => (record?.[0] ? decodeDocument(record[0]) : undefined);
    header = headOf(records[0]);
    const last = headOf(records[records.length - 1]);
    if (damaged || !header?.snapshot || !last?.end) throw damagedError();
    let current: Collection | undefined;
    for (const record of records.slice(1, -1)) {
      const [headBytes, ...docs] = record;
      const head = decodeDocument(headBytes!);
      if (head.collection) {
        const meta = head.collection as StateCopy['collections'][number];
        const dot = meta.ns.indexOf('.');
        catalog.apply({ k: 'create', ns: meta.ns, options: meta.options, uuid: meta.uuid });
        current = catalog.collection(meta.ns.slice(0, dot), meta.ns.slice(dot + 1));
        pendingIndexes.push([current!, meta.indexes]);
      } else if (head.docs && current) {
        // Documents stay views of the file's buffer (no copy): it holds one version of each, and stays in memory
        // while any of them does (a document written since is stored apart; the next start drops the old bytes).
        for (const bytes of docs) current.load(bytes);
      }
    }
  } catch (err) {
    throw Object.assign(damagedError(), { cause: err });
  }
  // Indexes are built once over all documents rather than maintained per insert.
  for (const [coll, specs] of pendingIndexes) coll.addIndexes(specs, { defer: options.deferIndexes });
  return header!.journal as number;
}
