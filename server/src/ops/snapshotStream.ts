import { MongoClient, type Document } from 'mongodb';
import type { SnapshotCollection } from '../db/embedded/durability/snapshot.js';
import { OpsError } from './errors.js';

export interface SnapshotCollectionInfo extends SnapshotCollection {
  count: number;
}

/** What a reader of a consistent snapshot is handed, in order: each collection, then its documents. */
export interface SnapshotVisitor {
  begin?(info: { takenAt: Date; collections: number }): Promise<void> | void;
  collection(meta: SnapshotCollectionInfo): Promise<void> | void;
  doc(ns: string, doc: Document): Promise<void> | void;
}

export interface SnapshotSummary {
  takenAt: Date;
  collections: number;
  documents: number;
}

/**
 * Reads every collection of an embedded engine as of one instant (its `consistentSnapshot` command) and hands it
 * to `visitor`; throws unless the stream arrived whole (every collection's count, and the end marker).
 */
export async function readConsistentSnapshot(
  uri: string,
  visitor: SnapshotVisitor,
): Promise<SnapshotSummary> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    const cursor = client
      .db('admin')
      .runCursorCommand({ consistentSnapshot: 1, batchSize: 1000 })
      .setBatchSize(1000);
    let current: SnapshotCollectionInfo | undefined;
    let seen = 0;
    let documents = 0;
    const closeCollection = () => {
      if (current && seen !== current.count) {
        throw new OpsError(`the snapshot of ${current.ns} ended after ${seen} of ${current.count} documents`);
      }
    };
    for await (const entry of cursor) {
      if (entry.begin) {
        await visitor.begin?.(entry.begin as { takenAt: Date; collections: number });
      } else if (entry.collection) {
        closeCollection();
        current = entry.collection as SnapshotCollectionInfo;
        seen = 0;
        await visitor.collection(current);
      } else if (entry.ns !== undefined && current && entry.ns === current.ns) {
        seen++;
        documents++;
        await visitor.doc(current.ns, entry.doc as Document);
      } else if (entry.end) {
        closeCollection();
        const end = entry.end as SnapshotSummary & { docs: number };
        if (end.docs !== documents) {
          throw new OpsError(`the snapshot ended after ${documents} of ${end.docs} documents`);
        }
        return { takenAt: end.takenAt, collections: end.collections, documents };
      } else {
        throw new OpsError('the snapshot stream holds an entry it should not');
      }
    }
    throw new OpsError('the snapshot stream ended early (no end marker)');
  } finally {
    await client.close();
  }
}
