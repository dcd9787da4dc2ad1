import type { Document } from 'bson';
import type { ActiveTransactions } from './activeTransactions.js';
import { idOf, type Candidate, type StoredBytes } from './bsonBytes.js';
import { Catalog, splitNs, type StorageOp } from './catalog.js';
import { ID_INDEX, type Collection } from './collection.js';
import { duplicateKeyError, type IndexSpec } from './indexes.js';
import { keyOf } from './keys.js';
import { encodeWithinLimit } from './limits.js';
import { BlockedByTransaction, type Overlay } from './overlay.js';
import { planCandidates } from './planner.js';
import { lookupIds, type CollectionView } from './views.js';

interface UndoEntry {
  ns: string;
  id: string;
  idValue: unknown;
  before: StoredBytes | undefined;
  /** The overlays whose snapshots this write added to. */
  preservedIn: Overlay[];
}

/** What one command changed in committed state: ops to journal, and how to take them back. */
export class WriteLog {
  readonly ops: StorageOp[] = [];
  private readonly undo: UndoEntry[] = [];

  /** `active`: the transactions in progress, whose pending documents and keys committed writes must not touch. */
  constructor(
    private readonly catalog: Catalog,
    readonly active?: ActiveTransactions,
  ) {}

  /** Applies a document change, unless it collides with a transaction in progress (then it throws). */
  change(coll: Collection, id: string, doc: Document | null): void {
    const bytes = doc ? encodeWithinLimit(doc) : undefined;
    const before = coll.get(id);
    let preservedIn: Overlay[] = [];
    if (this.active && this.active.size > 0) {
      const holder = this.active.holderOf(coll.ns, coll, id, doc);
      if (holder) throw new BlockedByTransaction(holder.finished);
      preservedIn = this.active.preserve(coll.ns, id, before);
    }
    const idValue = doc ? doc._id : idOf(before!);
    this.record(doc ? { k: 'put', ns: coll.ns, doc, bytes } : { k: 'del', ns: coll.ns, id: idValue });
    this.undo.push({ ns: coll.ns, id, idValue, before, preservedIn });
  }

  record(op: StorageOp): void {
    this.catalog.apply(op);
    this.ops.push(op);
  }

  /** Takes back this command's document changes (collections it created stay, empty). */
  rollback(): void {
    for (const entry of this.undo.reverse()) {
      if (entry.before) this.catalog.putStored(entry.ns, entry.before);
      else this.catalog.collection(...splitNs(entry.ns))?.remove(entry.id);
      for (const overlay of entry.preservedIn) overlay.snapshot.delete(entry.id);
    }
    this.undo.length = 0;
    const kept = this.ops.filter((op) => op.k !== 'put' && op.k !== 'del');
    this.ops.length = 0;
    this.ops.push(...kept);
  }
}

/** Reads and writes committed state; every change is applied at once and recorded in the command's WriteLog. */
export class CommittedView implements CollectionView {
  constructor(
    private readonly catalog: Catalog,
    readonly db: string,
    readonly name: string,
    private readonly log: WriteLog,
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

  candidates(filter: Document): Iterable<Candidate> {
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

  insert(doc: Document): void {
    if (!this.coll) this.log.record(Catalog.createOp(this.db, this.name));
    const coll = this.coll!;
    const id = keyOf(doc._id);
    if (coll.docs.has(id)) throw duplicateKeyError(this.ns, ID_INDEX, [doc._id]);
    coll.checkUnique(doc, id);
    this.log.change(coll, id, doc);
  }

  replace(doc: Document): void {
    const coll = this.coll!;
    const id = keyOf(doc._id);
    coll.checkUnique(doc, id);
    this.log.change(coll, id, doc);
  }

  remove(doc: Document): void {
    this.log.change(this.coll!, keyOf(doc._id), null);
  }
}
