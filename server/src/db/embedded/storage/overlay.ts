import type { Document } from 'bson';
import { CommandError } from '../errors.js';
import type { StoredBytes } from './bsonBytes.js';
import type { Collection } from './collection.js';

/**
 * A transaction's private state for one collection: its pending changes, and the committed versions its
 * snapshot saw of documents that others changed since it started (so it keeps reading those).
 */
export class Overlay {
  /** `_id` key to the transaction's new version of a document, or null when it deleted it. */
  readonly changes = new Map<string, Document | null>();
  /** The BSON bytes of each pending document (what the commit stores and journals). */
  readonly encoded = new Map<string, StoredBytes>();
  /** `_id` key to the version committed when the transaction started (null: it did not exist yet). */
  readonly snapshot = new Map<string, StoredBytes | null>();
  /** The transaction created the collection (it does not exist in committed state yet). */
  created = false;

  /**
   * Whether another write putting `doc` (or deleting, when null) at `id` would collide with these pending
   * changes: the same document, or a key of one of the committed collection's unique indexes.
   */
  blocks(coll: Collection | undefined, id: string, doc: Document | null): boolean {
    if (this.changes.has(id)) return true;
    if (!doc || !coll || this.changes.size === 0) return false;
    for (const index of coll.indexes.values()) {
      if (!index.spec.unique) continue;
      const keys = new Set(index.entriesFor(doc).map((e) => e.key));
      for (const pending of this.changes.values()) {
        if (pending && index.entriesFor(pending).some((e) => keys.has(e.key))) return true;
      }
    }
    return false;
  }

  /** Keeps the version the transaction's snapshot saw before a committed write replaces it; true if recorded now. */
  preserve(id: string, before: StoredBytes | undefined): boolean {
    if (this.changes.has(id) || this.snapshot.has(id)) return false;
    this.snapshot.set(id, before ?? null);
    return true;
  }
}

/** A transaction in progress, as the writes of others see it. */
export interface ActiveTransaction {
  /** Its overlay for a namespace, created on demand (it may read that collection later). */
  overlayFor(ns: string): Overlay;
  /** Its overlay for a namespace if it has one (else it has written nothing there). */
  overlayIn(ns: string): Overlay | undefined;
  /** Settles when the transaction commits or aborts. */
  readonly finished: Promise<void>;
}

/** Thrown by a committed write that must wait for the transaction holding a document or key it touches. */
export class BlockedByTransaction extends Error {
  constructor(readonly finished: Promise<void>) {
    super('blocked by a transaction in progress');
  }
}

/** MongoDB's answer when a transaction writes a document committed by someone else after it started. */
export function writeConflict(): CommandError {
  return new CommandError(
    'WriteConflict',
    'Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.',
    {},
    ['TransientTransactionError'],
  );
}
