import { UUID, type Document } from 'bson';
import { Index, duplicateKeyError, type IndexSpec } from './indexes.js';
import { keyOf } from './keys.js';

export const ID_INDEX: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

/**
 * The committed documents of one collection, keyed by the canonical key of `_id` (the `_id` index),
 * plus its secondary indexes. Stored documents are never mutated: a write replaces the object.
 */
export class Collection {
  readonly docs = new Map<string, Document>();
  readonly indexes = new Map<string, Index>();
  readonly uuid: UUID;

  constructor(
    readonly db: string,
    readonly name: string,
    readonly options: Document = {},
    uuid?: UUID,
  ) {
    this.uuid = uuid ?? new UUID();
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get(id: string): Document | undefined {
    return this.docs.get(id);
  }

  /** Raises E11000 if `doc` (stored under `id`) would collide in a unique index. */
  checkUnique(doc: Document, id: string, isLive: (id: string) => boolean = () => true): void {
    for (const index of this.indexes.values()) {
      const conflict = index.findConflict(doc, id, isLive);
      if (conflict) throw duplicateKeyError(this.ns, index.spec, conflict.values);
    }
  }

  /** Stores a document (insert or replace) and maintains the indexes; uniqueness was checked before. */
  put(doc: Document): void {
    const id = keyOf(doc._id);
    const old = this.docs.get(id);
    for (const index of this.indexes.values()) {
      if (old) index.remove(id, old);
      index.add(id, doc);
    }
    this.docs.set(id, doc);
  }

  remove(id: string): void {
    const old = this.docs.get(id);
    if (!old) return;
    for (const index of this.indexes.values()) index.remove(id, old);
    this.docs.delete(id);
  }

  /** Builds a new index over the existing documents; E11000 if a unique one finds duplicates. */
  addIndex(spec: IndexSpec): void {
    this.addIndexes([spec]);
  }

  /** Builds new indexes in one pass over the documents (opening a snapshot); E11000 as addIndex. */
  addIndexes(specs: IndexSpec[]): void {
    const built = specs.map((spec) => new Index(spec));
    for (const [id, doc] of this.docs) {
      for (const index of built) {
        const conflict = index.addUnlessConflict(id, doc);
        if (conflict) throw duplicateKeyError(this.ns, index.spec, conflict.values);
      }
    }
    for (const index of built) this.indexes.set(index.spec.name, index);
  }

  /** Every index as listIndexes shows it, `_id_` first. */
  indexSpecs(): IndexSpec[] {
    return [ID_INDEX, ...[...this.indexes.values()].map((i) => i.spec)];
  }
}
