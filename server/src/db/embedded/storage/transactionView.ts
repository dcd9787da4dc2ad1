import type { Document } from 'bson';
import type { ActiveTransactions } from './activeTransactions.js';
import { idOf, type Candidate, type StoredBytes } from './bsonBytes.js';
import { Catalog, type StorageOp } from './catalog.js';
import { ID_INDEX, type Collection } from './collection.js';
import { duplicateKeyError, type IndexSpec } from './indexes.js';
import { keyOf } from './keys.js';
import { encodeWithinLimit } from './limits.js';
import { writeConflict, type ActiveTransaction, type Overlay } from './overlay.js';
import { idLookupKeys, planCandidates } from './planner.js';
import { lookupEntries, type CollectionView } from './views.js';

/**
 * A transaction's view of one collection: its own pending changes, over the committed state as of its start
 * (documents others changed since are read from the overlay's snapshot). Writing a document (or a unique key)
 * that someone else committed after the start, or that another active transaction has written, is a
 * WriteConflict at once, as in MongoDB: the first writer wins.
 */
export class TransactionView implements CollectionView {
  constructor(
    private readonly catalog: Catalog,
    readonly db: string,
    readonly name: string,
    private readonly overlay: Overlay,
    private readonly txn: ActiveTransaction,
    private readonly active: ActiveTransactions,
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  private get base(): Collection | undefined {
    return this.catalog.collection(this.db, this.name);
  }

  exists(): boolean {
    return this.base !== undefined || this.overlay.created;
  }

  /** The version of a document as of the transaction's start. */
  private atStart(id: string): StoredBytes | undefined {
    const { snapshot } = this.overlay;
    if (snapshot.has(id)) return snapshot.get(id) ?? undefined;
    return this.base?.get(id);
  }

  private get(id: string): Candidate | undefined {
    const { changes } = this.overlay;
    if (changes.has(id)) return changes.get(id) ?? undefined;
    return this.atStart(id);
  }

  *candidates(filter: Document): Iterable<Candidate> {
    const base = this.base;
    const { changes, snapshot } = this.overlay;
    if (base) {
      const plan = planCandidates(base, filter);
      const source = plan ? lookupEntries(base, plan.ids) : base.docs.entries();
      for (const [id, bytes] of source) {
        if (!changes.has(id) && !snapshot.has(id)) yield bytes;
      }
    }
    // Documents this transaction touched are candidates too, but only those an _id lookup names.
    const ids = idLookupKeys(filter);
    for (const [id, doc] of snapshot) if (doc && !changes.has(id) && (!ids || ids.has(id))) yield doc;
    for (const [id, doc] of changes) if (doc && (!ids || ids.has(id))) yield doc;
  }

  plan(filter: Document): string | null {
    const base = this.base;
    return base ? (planCandidates(base, filter)?.index ?? null) : null;
  }

  count(): number {
    const { changes, snapshot } = this.overlay;
    let n = this.base?.docs.size ?? 0;
    for (const [id, doc] of snapshot) n += (doc ? 1 : 0) - (this.base?.docs.has(id) ? 1 : 0);
    for (const [id, doc] of changes) n += (doc ? 1 : 0) - (this.atStart(id) ? 1 : 0);
    return n;
  }

  indexSpecs(): IndexSpec[] {
    return this.base?.indexSpecs() ?? (this.overlay.created ? [ID_INDEX] : []);
  }

  /**
   * Refuses writing `doc` at `id` (deleting, when null) if someone else committed that document after the
   * transaction started, or another active transaction has written it or one of its unique keys.
   */
  private checkConflict(id: string, doc: Document | null): void {
    if (this.overlay.snapshot.has(id)) throw writeConflict();
    if (this.active.holderOf(this.ns, this.base, id, doc, this.txn)) throw writeConflict();
  }

  private checkUnique(doc: Document, id: string): void {
    const base = this.base;
    if (!base) return;
    const { changes, snapshot } = this.overlay;
    for (const index of base.indexes.values()) {
      if (!index.spec.unique) continue;
      const mine = index.entriesFor(doc);
      const keys = new Set(mine.map((e) => e.key));
      for (const entry of mine) {
        for (const other of index.lookup(entry.key)) {
          if (other === id || changes.has(other)) continue;
          // Changed since the start, or being changed by another transaction: the key may be freed.
          if (snapshot.has(other) || this.active.holderOf(this.ns, base, other, null, this.txn))
            throw writeConflict();
          throw duplicateKeyError(this.ns, index.spec, entry.values);
        }
      }
      for (const [otherId, other] of changes) {
        if (!other || otherId === id) continue;
        const clash = index.entriesFor(other).find((e) => keys.has(e.key));
        if (clash) throw duplicateKeyError(this.ns, index.spec, clash.values);
      }
    }
  }

  insert(doc: Document): void {
    if (!this.exists()) this.overlay.created = true;
    const id = keyOf(doc._id);
    if (this.get(id)) throw duplicateKeyError(this.ns, ID_INDEX, [doc._id]);
    this.write(id, doc);
  }

  replace(doc: Document): void {
    this.write(keyOf(doc._id), doc);
  }

  /** Keeps a pending insert or replacement, with its bytes (encoded once: checked for size, and committed). */
  private write(id: string, doc: Document): void {
    this.checkConflict(id, doc);
    const bytes = encodeWithinLimit(doc);
    this.checkUnique(doc, id);
    this.overlay.changes.set(id, doc);
    this.overlay.encoded.set(id, bytes);
  }

  remove(doc: Document): void {
    const id = keyOf(doc._id);
    this.checkConflict(id, null);
    this.overlay.changes.set(id, null);
    this.overlay.encoded.delete(id);
  }

  /** The storage ops that make this overlay committed state. */
  commitOps(): StorageOp[] {
    const ops: StorageOp[] = [];
    if (this.overlay.created && !this.base) ops.push(Catalog.createOp(this.db, this.name));
    for (const [id, doc] of this.overlay.changes) {
      if (doc) ops.push({ k: 'put', ns: this.ns, doc, bytes: this.overlay.encoded.get(id) });
      else if (this.base?.docs.has(id)) ops.push({ k: 'del', ns: this.ns, id: idOf(this.base.get(id)!) });
    }
    return ops;
  }
}
