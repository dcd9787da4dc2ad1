import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Query, mingoOptions } from './mingo.js';
import { project } from './read.js';

/** mingo's projection, which the engine used for every projection before picking fields itself. */
const byMingo = (docs: object[], projection: object) =>
  new Query({}, mingoOptions).find(docs as never[], projection).all();

const value = fc.oneof(
  fc.string({ maxLength: 3 }),
  fc.integer(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const doc = fc.record(
  {
    _id: fc.integer(),
    name: value,
    grade: value,
    verification: fc.record({ status: value }, { noNullPrototype: true }),
    list: fc.array(fc.record({ a: value }, { noNullPrototype: true }), { maxLength: 2 }),
  },
  { requiredKeys: ['_id'], noNullPrototype: true },
);
const projection = fc
  .record(
    {
      _id: fc.constantFrom(0, 1, true, false),
      name: fc.constantFrom(1, true),
      grade: fc.constantFrom(1, 2),
      verification: fc.constant(1),
      list: fc.constant(1),
      missing: fc.constant(1),
    },
    { requiredKeys: [], noNullPrototype: true },
  )
  .filter((p) => Object.keys(p).some((k) => k !== '_id'));

describe('find projections', () => {
  it('picking top-level fields answers as mingo does, in the document order', () => {
    fc.assert(
      fc.property(fc.array(doc, { maxLength: 5 }), projection, (docs, p) => {
        const ours = project(docs, p, undefined);
        expect(ours).toEqual(byMingo(docs, p));
        for (const [i, d] of ours.entries()) {
          expect(Object.keys(d)).toEqual(Object.keys(docs[i]!).filter((k) => k in d));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves paths, exclusions and operators to mingo', () => {
    const docs = [
      { _id: 1, verification: { status: 'verified', note: 'x' }, list: [{ a: 1 }, { a: 2 }], name: 'n' },
    ];
    expect(project(docs, { 'verification.status': 1 }, undefined)).toEqual([
      { _id: 1, verification: { status: 'verified' } },
    ]);
    expect(project(docs, { list: 0, verification: 0 }, undefined)).toEqual([{ _id: 1, name: 'n' }]);
    expect(project(docs, { list: { $slice: 1 }, name: 1 }, undefined)).toEqual([
      { _id: 1, list: [{ a: 1 }], name: 'n' },
    ]);
  });
});
