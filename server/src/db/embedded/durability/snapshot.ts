import fs from 'node:fs';
import path from 'node:path';
import type { Document } from 'bson';
import { Catalog } from '../storage/catalog.js';
import { Collection } from '../storage/collection.js';
import type { IndexSpec } from '../storage/indexes.js';
import { syncDir } from './journal.js';
import { decodeRecords, encodeRecord } from './records.js';

export const SNAPSHOT_FILE = 'snapshot.bson';
const TMP_FILE = 'snapshot.tmp';
const CHUNK_DOCS = 2000;

/** A consistent copy of committed state, cheap to take: stored documents are immutable and shared. */
export interface StateCopy {
  journal: number;
  collections: Array<{ ns: string; options: Document; uuid: string; indexes: IndexSpec[]; docs: Document[] }>;
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

/**
 * Writes a snapshot (header, one record per collection, documents in chunks, end marker) to a temporary file,
 * syncs it and renames it into place, so a snapshot on disk is always complete.
 */
export async function writeSnapshot(dir: string, state: StateCopy): Promise<number> {
  const tmp = path.join(dir, TMP_FILE);
  const handle = await fs.promises.open(tmp, 'w');
  let total = 0;
  let bytes = 0;
  const write = async (record: Buffer) => {
    bytes += record.length;
    await handle.write(record);
  };
  try {
    await write(
      encodeRecord([{ snapshot: 1, journal: state.journal, collections: state.collections.length }]),
    );
    for (const coll of state.collections) {
      const { docs, ...meta } = coll;
      await write(encodeRecord([{ collection: meta }]));
      for (let i = 0; i < docs.length; i += CHUNK_DOCS) {
        const chunk = docs.slice(i, i + CHUNK_DOCS);
        await write(encodeRecord([{ docs: coll.ns, n: chunk.length }, ...chunk]));
        total += chunk.length;
      }
    }
    await write(encodeRecord([{ end: 1, docs: total }]));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, path.join(dir, SNAPSHOT_FILE));
  await syncDir(dir);
  return bytes;
}

/** Loads a snapshot into an empty catalog; returns the first journal file to replay after it. */
export function loadSnapshot(dir: string, catalog: Catalog): number | undefined {
  const file = path.join(dir, SNAPSHOT_FILE);
  if (!fs.existsSync(file)) return undefined;
  const { records, damaged } = decodeRecords(fs.readFileSync(file));
  const last = records[records.length - 1]?.[0];
  const header = records[0]?.[0];
  if (damaged || !header?.snapshot || !last?.end) {
    throw new Error(
      `The snapshot ${file} is damaged (it was written completely before being renamed into place, so the disk corrupted it); restore it from a backup`,
    );
  }
  const pendingIndexes: Array<[Collection, IndexSpec[]]> = [];
  let current: Collection | undefined;
  for (const record of records.slice(1, -1)) {
    const [head, ...docs] = record;
    if (head?.collection) {
      const meta = head.collection as StateCopy['collections'][number];
      const dot = meta.ns.indexOf('.');
      catalog.apply({ k: 'create', ns: meta.ns, options: meta.options, uuid: meta.uuid });
      current = catalog.collection(meta.ns.slice(0, dot), meta.ns.slice(dot + 1));
      pendingIndexes.push([current!, meta.indexes]);
    } else if (head?.docs && current) {
      for (const doc of docs) current.put(doc);
    }
  }
  // Indexes are built once over all documents rather than maintained per insert.
  for (const [coll, specs] of pendingIndexes) for (const spec of specs) coll.addIndex(spec);
  return header.journal as number;
}
