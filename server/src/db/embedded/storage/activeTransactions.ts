import type { Document } from 'bson';
import type { StoredBytes } from './bsonBytes.js';
import type { Collection } from './collection.js';
import type { ActiveTransaction, Overlay } from './overlay.js';

/**
 * The transactions in progress, as every write sees them. A write (committed, or a transaction's own) must not
 * touch what another active transaction has written and not yet committed; a committed change keeps the version
 * it replaces for the snapshot of every active transaction that did not make it.
 */
export class ActiveTransactions<T extends ActiveTransaction = ActiveTransaction> {
  private readonly active = new Set<T>();

  add(txn: T): void {
    this.active.add(txn);
  }

  delete(txn: T): void {
    this.active.delete(txn);
  }

  get size(): number {
    return this.active.size;
  }

  [Symbol.iterator](): IterableIterator<T> {
    return this.active.values();
  }

  /**
   * The active transaction (other than `writer`) whose pending changes in `coll` a write putting `doc` at `id`
   * (deleting it, when null) would collide with: the same document or a unique key.
   */
  holderOf(
    ns: string,
    coll: Collection | undefined,
    id: string,
    doc: Document | null,
    writer?: T,
  ): T | undefined {
    for (const txn of this.active) {
      if (txn === writer) continue;
      if (txn.overlayIn(ns)?.blocks(coll, id, doc)) return txn;
    }
    return undefined;
  }

  /**
   * Before a committed change of the document at `id`: keeps `before` (the version it replaces, undefined when
   * new) in the snapshot of every active transaction other than `writer`. Returns the overlays it was recorded
   * in now (a write taken back removes it from them).
   */
  preserve(ns: string, id: string, before: StoredBytes | undefined, writer?: T): Overlay[] {
    const recorded: Overlay[] = [];
    for (const txn of this.active) {
      if (txn === writer) continue;
      const overlay = txn.overlayFor(ns);
      if (overlay.preserve(id, before)) recorded.push(overlay);
    }
    return recorded;
  }
}
