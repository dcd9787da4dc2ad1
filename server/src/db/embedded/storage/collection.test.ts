import { ObjectId, type Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { encodeDocument } from './bsonBytes.js';
import { Collection } from './collection.js';
import type { IndexSpec } from './indexes.js';
import { keyOf } from './keys.js';
import { planCandidates } from './planner.js';

const specs: IndexSpec[] = [
  { v: 2, key: { code: 1 }, name: 'code_1', unique: true },
  { v: 2, key: { org: 1 }, name: 'org_1' },
  { v: 2, key: { org: 1, tags: 1 }, name: 'org_1_tags_1' },
  { v: 2, key: { at: 1 }, name: 'at_1' },
];

const docOf = (i: number): Document => ({
  _id: new ObjectId(),
  code: `c${i}`,
  org: i % 7,
  tags: [`t${i % 3}`, `u${i % 5}`],
  at: new Date(Date.UTC(2026, 0, 1) + (i % 50) * 60_000),
});

/** A collection holding `docs`, its indexes built at once or deferred. */
function collectionOf(docs: Document[], defer: boolean): Collection {
  const coll = new Collection('db', 'things');
  for (const doc of docs) coll.load(encodeDocument(doc));
  coll.addIndexes(specs, { defer });
  return coll;
}

/** What the planner answers for a set of equality filters, as sorted `_id` keys (null: a scan). */
function plans(coll: Collection): (string[] | null)[] {
  const filters = [
    { org: 3 },
    { org: { $in: [1, 5] } },
    { org: 2, tags: 'u4' },
    { at: new Date(Date.UTC(2026, 0, 1)) },
  ];
  return filters.map((f) => planCandidates(coll, f)?.ids.slice().sort() ?? null);
}

/** The same writes on both collections: an insert, a replace moving a document to another org, a delete. */
function write(colls: Collection[], docs: Document[], round: number): void {
  const added = docOf(1000 + round);
  const moved = { ...docs[round]!, org: 3, tags: ['moved'] };
  for (const coll of colls) {
    coll.put(encodeDocument(added), added);
    coll.put(encodeDocument(moved), moved);
    coll.remove(keyOf(docs[round + 50]!._id));
  }
}

describe('indexes deferred at open', () => {
  it('are left out of plans until built, skip writes meanwhile, and end up as indexes built at once', () => {
    const docs = Array.from({ length: 600 }, (_, i) => docOf(i));
    const eager = collectionOf(docs, false);
    const deferred = collectionOf(docs, true);
    expect(deferred.indexSpecs()).toEqual(eager.indexSpecs());
    expect(deferred.hasUnbuiltIndexes).toBe(true);
    // Unbuilt, no index answers: every filter scans. The unique one is built already.
    expect(plans(deferred)).toEqual([null, null, null, null]);
    expect(planCandidates(deferred, { code: 'c5' })?.ids).toEqual(planCandidates(eager, { code: 'c5' })?.ids);

    write([eager, deferred], docs, 0); // before any build
    expect(deferred.buildStep(100)).toBe(true); // the first index a sixth built...
    write([eager, deferred], docs, 1); // ...a write finishes it first
    expect(plans(deferred)[0]).toEqual(plans(eager)[0]);
    expect(plans(deferred)[3]).toBeNull(); // at_1, last, not built yet
    while (deferred.buildStep(250)) write([eager, deferred], docs, 2 + Math.floor(Math.random() * 40));
    expect(deferred.hasUnbuiltIndexes).toBe(false);
    expect(plans(deferred)).toEqual(plans(eager));
    expect(plans(deferred).every((p) => p !== null && p.length > 0)).toBe(true);

    // Built, they are maintained like the others.
    write([eager, deferred], docs, 45);
    expect(plans(deferred)).toEqual(plans(eager));
  });

  it('drops an index being built without building the rest of it', () => {
    const docs = Array.from({ length: 300 }, (_, i) => docOf(i));
    const deferred = collectionOf(docs, true);
    deferred.buildStep(10);
    deferred.dropIndex('org_1');
    while (deferred.buildStep(1000));
    expect(deferred.indexSpecs().map((s) => s.name)).toEqual(['_id_', 'code_1', 'org_1_tags_1', 'at_1']);
    expect(planCandidates(deferred, { org: 3 })?.index).toBe('org_1_tags_1');
  });
});
