import type { Document } from 'bson';
import type { Collection } from './collection.js';
import type { IndexSpec } from './indexes.js';

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

export function* lookupIds(coll: Collection, ids: string[]): Iterable<Document> {
  for (const id of ids) {
    const doc = coll.get(id);
    if (doc) yield doc;
  }
}
