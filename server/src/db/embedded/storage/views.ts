import type { Document } from 'bson';
import { Catalog, type StorageOp } from './catalog.js';
import type { Collection } from './collection.js';
import { duplicateKeyError, type IndexSpec } from './indexes.js';
import { ID_INDEX } from './collection.js';
import { keyOf } from './keys.js';
import { planCandidates } from './planner.js';

/** What commands read and write through: committed state directly, or a transaction's private overlay. */
export interface CollectionView {
  readonly db: string;
  readonly name: string;
  readonly ns: string;
  exists(): boolean;
  /** Documents that may match `filter` (a superset, in natural order); callers test the filter. */
  candidates(filter: Document): Iterable<Document>;
  /** The index candidates(filter) uses, or null for a collection scan. */
  plan(filter: Document): string | null;
  count(): number;
  indexSpecs(): IndexSpec[];
  insert(doc: Document): void;
  /** Replaces a document by one with the same _id. */
  replace(doc: Document): void;
  remove(doc: Document): void;
}

function* lookupIds(coll: Collection, ids: string[]): Iterable<Document> {
  for (const id of ids) {
    const doc = coll.get(id);
    if (doc) yield doc;
  }
}

/** Reads and writes committed state; every change is applied at once and recorded in `ops` for the journal. */
export class CommittedView implements CollectionView {
  constructor(
    private readonly catalog: Catalog,
    readonly db: string,
    readonly name: string,
    private readonly ops: StorageOp[],
  ) {}

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  private get coll(): Collection | undefined {
    return this.catalog.collection(this.db, this.name);
  }

  exists(): boolean {
    return this.coll !== undefined;
  }

  candidates(filter: Document): Iterable<Document> {
    const coll = this.coll;
    if (!coll) return [];
    const plan = planCandidates(coll, filter);
    return plan ? lookupIds(coll, plan.ids) : coll.docs.values();
  }

  plan(filter: Document): string | null {
    const coll = this.coll;
    return coll ? (planCandidates(coll, filter)?.index ?? null) : null;
  }

  count(): number {
    return this.coll?.docs.size ?? 0;
  }

  indexSpecs(): IndexSpec[] {
    return this.coll?.indexSpecs() ?? [];
  }

  private record(op: StorageOp): void {
    this.catalog.apply(op);
    this.ops.push(op);
  }

  insert(doc: Document): void {
    if (!this.coll) this.record(Catalog.createOp(this.db, this.name));
    const coll = this.coll!;
    const id = keyOf(doc._id);
    if (coll.docs.has(id)) throw duplicateKeyError(this.ns, ID_INDEX, [doc._id]);
    coll.checkUnique(doc, id);
    this.record({ k: 'put', ns: this.ns, doc });
  }

  replace(doc: Document): void {
    this.coll!.checkUnique(doc, keyOf(doc._id));
    this.record({ k: 'put', ns: this.ns, doc });
  }

  remove(doc: Document): void {
    this.record({ k: 'del', ns: this.ns, id: doc._id });
  }
}

/** A transaction's pending changes to one collection: `_id` key to new document, or null when deleted. */
export interface Overlay {
  changes: Map<string, Document | null>;
  /** The transaction created the collection (it does not exist in committed state yet). */
  created: boolean;
}

/** Committed state seen through a transaction's overlay: its own writes visible, nobody else's changes. */
export class TransactionView implements CollectionView {
  constructor(
    private readonly catalog: Catalog,
    readonly db: string,
    readonly name: string,
    private readonly overlay: Overlay,
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

  *candidates(filter: Document): Iterable<Document> {
    const base = this.base;
    const { changes } = this.overlay;
    if (base) {
      const plan = planCandidates(base, filter);
      const source = plan ? lookupIds(base, plan.ids) : base.docs.values();
      for (const doc of source) if (!changes.has(keyOf(doc._id))) yield doc;
    }
    for (const doc of changes.values()) if (doc) yield doc;
  }

  plan(filter: Document): string | null {
    const base = this.base;
    return base ? (planCandidates(base, filter)?.index ?? null) : null;
  }

  count(): number {
    let n = this.base?.docs.size ?? 0;
    for (const [id, doc] of this.overlay.changes) {
      const inBase = this.base?.docs.has(id) ?? false;
      if (inBase && !doc) n--;
      else if (!inBase && doc) n++;
    }
    return n;
  }

  indexSpecs(): IndexSpec[] {
    return this.base?.indexSpecs() ?? (this.overlay.created ? [ID_INDEX] : []);
  }

  private get(id: string): Document | undefined {
    const { changes } = this.overlay;
    if (changes.has(id)) return changes.get(id) ?? undefined;
    return this.base?.get(id);
  }

  private checkUnique(doc: Document, id: string): void {
    const base = this.base;
    if (!base) return;
    const { changes } = this.overlay;
    base.checkUnique(doc, id, (other) => !changes.has(other));
    for (const index of base.indexes.values()) {
      if (!index.spec.unique) continue;
      const mine = new Map(index.entriesFor(doc).map((e) => [e.key, e.values]));
      if (mine.size === 0) continue;
      for (const [otherId, other] of changes) {
        if (!other || otherId === id) continue;
        for (const entry of index.entriesFor(other)) {
          if (mine.has(entry.key)) throw duplicateKeyError(this.ns, index.spec, entry.values);
        }
      }
    }
  }

  insert(doc: Document): void {
    if (!this.exists()) this.overlay.created = true;
    const id = keyOf(doc._id);
    if (this.get(id)) throw duplicateKeyError(this.ns, ID_INDEX, [doc._id]);
    this.checkUnique(doc, id);
    this.overlay.changes.set(id, doc);
  }

  replace(doc: Document): void {
    const id = keyOf(doc._id);
    this.checkUnique(doc, id);
    this.overlay.changes.set(id, doc);
  }

  remove(doc: Document): void {
    this.overlay.changes.set(keyOf(doc._id), null);
  }

  /** The storage ops that make this overlay committed state. */
  commitOps(): StorageOp[] {
    const ops: StorageOp[] = [];
    if (this.overlay.created && !this.base) ops.push(Catalog.createOp(this.db, this.name));
    for (const [id, doc] of this.overlay.changes) {
      if (doc) ops.push({ k: 'put', ns: this.ns, doc });
      else if (this.base?.docs.has(id)) ops.push({ k: 'del', ns: this.ns, id: this.base.get(id)!._id });
    }
    return ops;
  }
}
