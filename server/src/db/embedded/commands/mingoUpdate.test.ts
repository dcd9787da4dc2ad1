import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ObjectId, type Document } from 'bson';
import type { AnyObject } from 'mingo/types';
import { update as mingoOwnUpdate, type Modifier } from 'mingo/updater';
import { cloneDocument } from '../storage/keys.js';
import { mingoOptions, update } from './mingo.js';

/** What mingo's own update does to a copy of `doc`: the document, the changed paths, or the error's message. */
function theirs(doc: Document, modifier: Document, arrayFilters?: Document[], condition?: Document) {
  const copy = cloneDocument(doc);
  try {
    const paths = mingoOwnUpdate(copy, modifier as Modifier<AnyObject>, arrayFilters, condition, {
      cloneMode: 'deep',
      queryOptions: mingoOptions,
    });
    return { doc: copy, paths };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** The same through the engine's update. */
function ours(doc: Document, modifier: Document, arrayFilters?: Document[], condition?: Document) {
  const copy = cloneDocument(doc);
  try {
    return { doc: copy, paths: update(copy, modifier, arrayFilters, condition) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

const owner = new ObjectId('6b1541ca5f358b944a052d01');
const stored: Document = {
  _id: new ObjectId('6b1541ca5f358b944a052d00'),
  title: '社区助老',
  ownerId: owner,
  status: 'draft',
  views: 3,
  tags: ['elder', 'meal'],
  items: [
    { name: 'a', qty: 1, done: false },
    { name: 'b', qty: 5, done: false },
    { name: 'c', qty: 9, done: true },
  ],
  grid: [
    [1, 2],
    [3, 4],
  ],
  address: { district: '徐汇', street: '漕溪北路' },
  updatedAt: new Date(1_700_000_000_000),
};

/** Statements of the shapes the application sends, and the edges the engine must keep as mingo has them. */
const cases: Array<[string, Document, Document[]?, Document?]> = [
  ['$set of fields, nested and new', { $set: { status: 'published', 'address.street': 'x', 'n.m': 1 } }],
  ['$set of the same values', { $set: { status: 'draft', ownerId: new ObjectId(owner.toHexString()) } }],
  ['$set and $inc together', { $set: { updatedAt: new Date(1_800_000_000_000) }, $inc: { views: 1 } }],
  ['$inc on a missing field', { $inc: { 'stats.count': 2, views: -3 } }],
  ['$inc by zero', { $inc: { views: 0 } }],
  ['$push with $each, $sort and $slice', { $push: { tags: { $each: ['b', 'a'], $sort: 1, $slice: 3 } } }],
  ['$push into a missing array', { $push: { log: { at: 1 } } }],
  ['$push with an empty $each', { $push: { tags: { $each: [] } } }],
  ['$addToSet with $each', { $addToSet: { tags: { $each: ['meal', 'new'] } } }],
  ['$pull by condition', { $pull: { items: { qty: { $gte: 5 } } } }],
  ['$pullAll', { $pullAll: { tags: ['elder', 'none'] } }],
  ['$pop', { $pop: { tags: -1 } }],
  ['$unset present and missing', { $unset: { status: '', missing: '' } }],
  ['$rename', { $rename: { title: 'name', 'address.street': 'road' } }],
  ['$min, $max and $mul', { $min: { views: 1 }, $max: { 'score.best': 7 }, $mul: { 'items.0.qty': 3 } }],
  ['$currentDate', { $currentDate: { touchedAt: true } }],
  ['positional $', { $set: { 'items.$.done': true } }, undefined, { 'items.name': 'b' }],
  [
    'positional $ by $elemMatch',
    { $inc: { 'items.$.qty': 1 } },
    undefined,
    { items: { $elemMatch: { qty: 9 } } },
  ],
  ['all positional $[]', { $inc: { 'items.$[].qty': 10 } }],
  ['arrayFilters', { $set: { 'items.$[it].done': true } }, [{ 'it.qty': { $lt: 6 } }]],
  [
    'nested arrayFilters',
    { $inc: { 'grid.$[row].$[cell]': 100 } },
    [{ row: { $type: 'array' } }, { cell: { $gt: 2 } }],
  ],
  [
    'two operators on one array by position',
    { $set: { 'items.$.done': true }, $inc: { 'items.$.qty': 1 } },
    undefined,
    { 'items.name': 'a' },
  ],
  ['the same field in two operators', { $set: { views: 1 }, $inc: { views: 1 } }],
  ['a field and one inside it', { $set: { address: {} }, $unset: { 'address.street': '' } }],
  ['a $rename target set too', { $rename: { title: 'name' }, $set: { name: 'x' } }],
  [
    'positional $ without the field in the condition',
    { $set: { 'items.$.done': true } },
    undefined,
    { views: 3 },
  ],
  ['an invalid arrayFilters identifier', { $set: { 'items.$[It].done': true } }, [{ 'It.qty': 1 }]],
  ['a $-prefixed path', { $set: { $bad: 1 } }],
  ['$inc by a string', { $inc: { views: 'x' } }],
  ['an unknown operator', { $frobnicate: { views: 1 } }],
];

describe("the engine's update of one document", () => {
  for (const [name, modifier, arrayFilters, condition] of cases) {
    it(`does what mingo's own update does: ${name}`, () => {
      const expected = theirs(stored, modifier, arrayFilters, condition ?? { _id: stored._id });
      const actual = ours(stored, modifier, arrayFilters, condition ?? { _id: stored._id });
      if ('error' in expected) {
        expect(actual).toHaveProperty('error');
        // mingo checks every path before any operator: a statement with one fault gets its words.
        expect((actual as { error: string }).error).toBe(expected.error);
      } else {
        if (name.startsWith('$currentDate')) {
          expect((actual.doc as Document).touchedAt).toBeInstanceOf(Date);
          delete (actual.doc as Document).touchedAt;
          delete (expected.doc as Document).touchedAt;
        }
        expect(actual).toEqual(expected);
      }
    });
  }

  it('leaves the values it was given unshared with the document (deep clones)', () => {
    const value = { nested: [1, 2] };
    const doc = cloneDocument(stored);
    update(doc, { $set: { extra: value }, $push: { log: { $each: [value] } } });
    value.nested.push(3);
    expect(doc.extra).toEqual({ nested: [1, 2] });
    expect(doc.log).toEqual([{ nested: [1, 2] }]);
  });

  it('agrees with mingo on random statements of $set, $inc, $unset, $push, $addToSet, $min and $max', () => {
    const field = fc.constantFrom(
      'views',
      'status',
      'tags',
      'address.district',
      'address.zip',
      'n',
      'items.1.qty',
    );
    const value = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom('x', 'draft'), fc.constant(null));
    const statement = fc.record(
      {
        $set: fc.dictionary(field, value, { maxKeys: 2 }),
        $inc: fc.dictionary(field, fc.integer({ min: -3, max: 3 }), { maxKeys: 2 }),
        $unset: fc.dictionary(field, fc.constant(''), { maxKeys: 1 }),
        $push: fc.dictionary(field, value, { maxKeys: 1 }),
        $addToSet: fc.dictionary(field, value, { maxKeys: 1 }),
        $min: fc.dictionary(field, fc.integer({ min: -5, max: 5 }), { maxKeys: 1 }),
        $max: fc.dictionary(field, fc.integer({ min: -5, max: 5 }), { maxKeys: 1 }),
      },
      { requiredKeys: [], noNullPrototype: true },
    );
    fc.assert(
      fc.property(statement, (drawn) => {
        const modifier: Document = {};
        for (const [op, fields] of Object.entries(drawn))
          if (Object.keys(fields).length > 0) modifier[op] = fields;
        if (Object.keys(modifier).length === 0) return;
        const expected = theirs(stored, modifier, undefined, { _id: stored._id });
        const actual = ours(stored, modifier, undefined, { _id: stored._id });
        if ('error' in expected) expect(actual).toHaveProperty('error');
        else expect(actual).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });
});
