import type { Document } from 'bson';
import type { Candidate, StoredBytes } from './bsonBytes.js';
import type { Collection } from './collection.js';
import type { IndexSpec } from './indexes.js';

/** What commands read and write through: committed state directly, or a transaction's private overlay. */
export interface CollectionView {
  readonly db: string;
  readonly name: string;
  readonly ns: string;
  exists(): boolean;
  /**
   * Documents that may match `filter` (a superset, in natural order); callers test the filter. Stored ones come
   * as their bytes, a transaction's own writes as objects.
   */
  candidates(filter: Document): Iterable<Candidate>;
  /** The index candidates(filter) uses, or null for a collection scan. */
  plan(filter: Document): string | null;
  count(): number;
  indexSpecs(): IndexSpec[];
  insert(doc: Document): void;
  /** Replaces a document by one with the same _id. */
  replace(doc: Document): void;
  remove(doc: Document): void;
}

/** The stored documents with these `_id` keys. */
export function* lookupIds(coll: Collection, ids: string[]): Iterable<StoredBytes> {
  for (const id of ids) {
    const bytes = coll.get(id);
    if (bytes) yield bytes;
  }
}

/** The stored documents with these `_id` keys, with their keys. */
export function* lookupEntries(coll: Collection, ids: string[]): Iterable<[string, StoredBytes]> {
  for (const id of ids) {
    const bytes = coll.get(id);
    if (bytes) yield [id, bytes];
  }
}
