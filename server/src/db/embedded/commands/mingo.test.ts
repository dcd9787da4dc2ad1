import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { ObjectId } from 'bson';
import { Query as BaseQuery } from 'mingo/query';
import { Context } from 'mingo/core';
import * as query from 'mingo/operators/query';
import { Query } from './mingo.js';

/** mingo's own query operators only: what the engine's $in and $nin must agree with. */
const plainMingo = {
  context: Context.init({ query }),
  useStrictMode: true,
  scriptEnabled: false,
  idKey: '_id',
};

const ids = [0, 1, 2, 3].map((i) => new ObjectId(`6b1541ca5f358b944a052d0${i}`));
/** Values of the kinds filters hold: strings, numbers, ObjectIds (equal by value, not identity), dates, null. */
const scalar = fc.oneof(
  fc.constantFrom('a', 'b', 'ab', 'abc'),
  fc.integer({ min: 0, max: 3 }),
  fc.constantFrom(...ids).map((id) => new ObjectId(id.toHexString())),
  fc.constantFrom(new Date(0), new Date(1000)).map((d) => new Date(d)),
  fc.constant(null),
);
const listed = fc.array(fc.oneof(scalar, fc.constantFrom(/^a/, /c$/), fc.array(scalar, { maxLength: 2 })), {
  maxLength: 6,
});
const doc = fc.record(
  {
    f: fc.oneof(
      scalar,
      fc.array(scalar, { maxLength: 3 }),
      fc.record({ g: scalar }, { noNullPrototype: true }),
    ),
  },
  { requiredKeys: [], noNullPrototype: true },
);

describe('the engine query operators', () => {
  for (const op of ['$in', '$nin'] as const) {
    it(`${op} answers as mingo's own for any list and document`, () => {
      fc.assert(
        fc.property(
          listed,
          fc.array(doc, { maxLength: 8 }),
          fc.constantFrom('f', 'f.g'),
          (list, docs, path) => {
            const filter = { [path]: { [op]: list } };
            const ours = new Query(filter);
            const theirs = new BaseQuery(filter, plainMingo);
            for (const d of docs) expect(ours.test(d)).toBe(theirs.test(d));
          },
        ),
        { numRuns: 500 },
      );
    });
  }

  it('$in finds ObjectIds among many by value, once per query', () => {
    const many = Array.from({ length: 300 }, () => new ObjectId());
    const q = new Query({ owner: { $in: many.map((id) => new ObjectId(id.toHexString())) } });
    expect(q.test({ owner: new ObjectId(many[299]!.toHexString()) })).toBe(true);
    expect(q.test({ owner: [new ObjectId(), many[7]] })).toBe(true);
    expect(q.test({ owner: new ObjectId() })).toBe(false);
    expect(q.test({})).toBe(false);
  });

  describe('queries sharing the engine options', () => {
    afterEach(() => vi.useRealTimers());

    it('keep their own condition, and read the time ($$NOW) when they test', () => {
      vi.useFakeTimers({ now: 1_000_000 });
      const before = { $expr: { $lt: ['$t', '$$NOW'] } };
      const first = new Query(before);
      const other = new Query({ t: { $gte: 0 } });
      expect(first.test({ t: new Date(999_999) })).toBe(true);
      expect(first.test({ t: new Date(1_500_000) })).toBe(false);
      vi.setSystemTime(2_000_000);
      expect(new Query(before).test({ t: new Date(1_500_000) })).toBe(true);
      expect(other.test({ t: -1 })).toBe(false);
      expect(other.test({ t: 1 })).toBe(true);
      expect(new Query({ n: { $in: [1, 2] } }).test({ n: 2 })).toBe(true);
    });
  });
});
