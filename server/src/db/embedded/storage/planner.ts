import type { Document } from 'bson';
import type { Collection } from './collection.js';
import { isPlainObject, keyOf } from './keys.js';

const MAX_KEY_COMBINATIONS = 1000;

/**
 * Ids of the documents that can match `filter`, answered from the `_id` map or a hash index when the filter
 * pins every field of an index by equality ($eq, $in or a plain value); null when a scan is needed.
 * The result is a superset: callers still test each document against the whole filter.
 */
export interface Plan {
  /** The index answering the equality ('_id_' for the _id map). */
  index: string;
  ids: string[];
}

export function planCandidates(coll: Collection, filter: Document): Plan | null {
  const equalities = new Map<string, unknown[]>();
  collectEqualities(filter, equalities);
  const ids = equalities.get('_id');
  if (ids) return { index: '_id_', ids: dedupe(ids.map(keyOf)) };

  let best = planEqualities(coll, equalities);
  // An $or whose every branch is answered by an index: the union of the branches' candidates.
  if (Array.isArray(filter.$or) && filter.$or.length > 0 && filter.$or.every(isPlainObject)) {
    const branches = filter.$or.map((branch) => planCandidates(coll, branch as Document));
    if (branches.every((b): b is Plan => b !== null)) {
      const union = dedupe(branches.flatMap((b) => b.ids));
      if (best === null || union.length < best.ids.length) {
        best = { index: `$or(${branches.map((b) => b.index).join(',')})`, ids: union };
      }
    }
  }
  return best;
}

/** The smallest candidate set an index gives for the equalities, pinning all its fields or its first one. */
function planEqualities(coll: Collection, equalities: Map<string, unknown[]>): Plan | null {
  if (equalities.size === 0) return null;
  let best: Plan | null = null;
  for (const index of coll.indexes.values()) {
    if (!index.usableForEquality) continue;
    const lists = index.fields.map((f) => equalities.get(f));
    if (lists.some((l) => l === undefined)) {
      // A compound index still answers equality on its first field.
      const first = lists[0];
      if (!first) continue;
      const found = new Set<string>();
      for (const value of first) for (const id of index.lookupPrefix(value) ?? []) found.add(id);
      if (best === null || found.size < best.ids.length) best = { index: index.spec.name, ids: [...found] };
      continue;
    }
    let combos: unknown[][] = [[]];
    for (const list of lists as unknown[][]) {
      combos = combos.flatMap((c) => list.map((v) => [...c, v]));
      if (combos.length > MAX_KEY_COMBINATIONS) break;
    }
    if (combos.length > MAX_KEY_COMBINATIONS) continue;
    const found = new Set<string>();
    const docOf = (id: string) => {
      const bytes = coll.get(id);
      return bytes && coll.indexView(bytes);
    };
    for (const values of combos) for (const id of index.lookupValues(values, docOf)) found.add(id);
    if (best === null || found.size < best.ids.length) best = { index: index.spec.name, ids: [...found] };
    if (best.ids.length <= 1) break;
  }
  return best;
}

/** The keys of the `_id` values a filter pins by equality, or null when it does not pin `_id`. */
export function idLookupKeys(filter: Document): Set<string> | null {
  const equalities = new Map<string, unknown[]>();
  collectEqualities(filter, equalities);
  const ids = equalities.get('_id');
  return ids ? new Set(ids.map(keyOf)) : null;
}

/** Collects `field -> values` for top-level equality conditions, looking inside $and. */
function collectEqualities(filter: Document, out: Map<string, unknown[]>): void {
  for (const [field, condition] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const clause of condition) if (isPlainObject(clause)) collectEqualities(clause, out);
      continue;
    }
    if (field.startsWith('$')) continue;
    const values = equalityValues(condition);
    if (values && !out.has(field)) out.set(field, values);
  }
}

/** The values a condition requires equality with, when it is an indexable equality. */
function equalityValues(condition: unknown): unknown[] | null {
  if (isPlainObject(condition)) {
    const keys = Object.keys(condition);
    if (keys.length === 0 || !keys.every((k) => k.startsWith('$'))) {
      return indexable(condition) ? [condition] : null;
    }
    if ('$eq' in condition) return indexable(condition.$eq) ? [condition.$eq] : null;
    if (Array.isArray(condition.$in) && condition.$in.every(indexable)) return condition.$in;
    return null;
  }
  return indexable(condition) ? [condition] : null;
}

/** Values whose matches are exactly the documents holding that key: not null (matches missing), arrays, regexes. */
function indexable(value: unknown): boolean {
  return value !== null && value !== undefined && !Array.isArray(value) && !(value instanceof RegExp);
}

function dedupe(keys: string[]): string[] {
  return keys.length < 2 ? keys : [...new Set(keys)];
}
