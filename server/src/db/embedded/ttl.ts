import type { Engine } from './engine.js';
import { FieldSelection, readFields } from './storage/bsonBytes.js';
import type { StorageOp } from './storage/catalog.js';
import { valuesAtPath } from './storage/keys.js';

/** MongoDB's TTL monitor runs every 60 seconds. */
export const TTL_INTERVAL_MS = 60_000;

/**
 * Deletes documents whose TTL-indexed date (the earliest, for an array) is older than expireAfterSeconds,
 * as one journaled write, holding the transaction lock exclusively (no transaction is active meanwhile).
 * Returns how many were removed.
 */
export async function expireDocuments(engine: Engine, now = Date.now()): Promise<number> {
  const owner = {};
  await engine.lock.acquire(owner);
  const ops: StorageOp[] = [];
  try {
    for (const coll of engine.catalog.allCollections()) {
      for (const index of coll.indexes.values()) {
        const seconds = index.spec.expireAfterSeconds;
        if (seconds === undefined) continue;
        const field = index.fields[0]!;
        const read = new FieldSelection(['_id', field.split('.')[0]!]);
        for (const bytes of [...coll.docs.values()]) {
          const doc = readFields(bytes, read);
          const dates = valuesAtPath(doc, field).filter((v): v is Date => v instanceof Date);
          if (dates.length === 0) continue;
          const earliest = Math.min(...dates.map((d) => d.getTime()));
          if (earliest + seconds * 1000 > now) continue;
          const op: StorageOp = { k: 'del', ns: coll.ns, id: doc._id };
          engine.catalog.apply(op);
          ops.push(op);
        }
      }
    }
    if (ops.length > 0) await engine.persist(ops);
  } finally {
    engine.lock.release(owner);
  }
  return ops.length;
}
