import { Decimal128, Long, ObjectId, type Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../lib/seededRandom.js';
import {
  FieldSelection,
  decodeDocument,
  encodeDocument,
  filterFields,
  readFields,
} from '../storage/bsonBytes.js';
import { UNDECIDED, filterTest } from './filterTest.js';
import { compileFilter, filterMatcher } from './query.js';

const FIELDS = ['a', 'b', 'c', 'tags', 'when', 'owner', '名称', 'constructor'];
const IDS = Array.from({ length: 3 }, () => new ObjectId());
const DATES = [new Date(1_700_000_000_000), new Date(1_700_000_000_001), new Date(0)];

function generator(seed: number) {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  // Few distinct values, so that equality and order conditions meet their values often.
  const scalar = (): unknown =>
    pick([
      () => Math.floor(random() * 4),
      () => pick([1.5, -0, 0, 2 ** 40, -3]),
      () => pick(['社区', 'x', '', '1', 'open']),
      () => random() < 0.5,
      () => pick(IDS),
      () => new ObjectId(pick(IDS).toHexString()),
      () => pick(DATES),
      () => null,
    ])();
  const rare = (): unknown =>
    pick([
      () => NaN,
      () => Long.fromNumber(2),
      () => Decimal128.fromString('1'),
      () => /x/,
      () => ({ x: 1 }),
      () => new Date(NaN),
    ])();
  const value = (depth: number): unknown => {
    const r = random();
    if (r < 0.08) return rare();
    if (depth < 2 && r < 0.3) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
    if (depth < 1 && r < 0.35) return { x: scalar(), y: [scalar()] };
    return scalar();
  };
  const doc = (): Document => {
    const d: Document = { _id: new ObjectId() };
    for (const f of FIELDS) if (random() < 0.7) d[f] = value(0);
    return d;
  };
  const bound = () => (random() < 0.6 ? pick([0, 1, 2, 1.5, -0, -3, 2 ** 40]) : pick(DATES));
  const operand = () => (random() < 0.05 ? rare() : scalar());
  const condition = (): unknown => {
    const ops: Document = {};
    const n = random() < 0.8 ? 1 : 2;
    for (let i = 0; i < n; i++) {
      const op = pick(['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$exists']);
      if (op === '$in' || op === '$nin') ops[op] = Array.from({ length: Math.floor(random() * 4) }, operand);
      else if (op === '$exists') ops[op] = random() < 0.5;
      else if (op.startsWith('$g') || op.startsWith('$l')) ops[op] = random() < 0.05 ? operand() : bound();
      else ops[op] = operand();
    }
    return random() < 0.35 ? operand() : ops;
  };
  const filter = (depth: number): Document => {
    const f: Document = {};
    const n = Math.floor(random() * 3);
    for (let i = 0; i < n; i++) {
      if (depth < 2 && random() < 0.2) {
        f[pick(['$or', '$and', '$nor'])] = Array.from({ length: 1 + Math.floor(random() * 2) }, () =>
          filter(depth + 1),
        );
      } else f[pick([...FIELDS, '_id'])] = condition();
    }
    return f;
  };
  return { doc, filter };
}

describe('the fast filter test', () => {
  it('answers as the compiled mingo Query over random filters and documents, whole and read from bytes', () => {
    const { doc, filter } = generator(19);
    const docs = Array.from({ length: 60 }, doc);
    let decided = 0;
    let matched = 0;
    let fastFilters = 0;
    for (let i = 0; i < 1500; i++) {
      const f = filter(0);
      let query;
      try {
        query = compileFilter(f);
      } catch {
        continue; // refused by mingo (e.g. an operand it rejects): the fast path never sees it as its own
      }
      const fast = filterTest(f);
      if (fast) fastFilters++;
      const matcher = filterMatcher(f);
      const selection = new FieldSelection(filterFields(f)!);
      for (const d of docs) {
        const whole = decodeDocument(encodeDocument(d));
        const expected = query.test(whole);
        if (expected) matched++;
        if (fast && fast(whole) !== UNDECIDED) decided++;
        expect([i, matcher.test(whole)]).toEqual([i, expected]);
        const partial = readFields(encodeDocument(d), selection);
        expect([i, matcher.test(partial)]).toEqual([i, expected]);
      }
    }
    // The cases exercise the fast path, decide most of its tests, and match as well as miss.
    expect(fastFilters).toBeGreaterThan(900);
    expect(decided).toBeGreaterThan(30_000);
    expect(matched).toBeGreaterThan(10_000);
  });

  it('keeps filters it does not know to the compiled Query', () => {
    expect(filterTest({ 'a.b': 1 })).toBeNull();
    expect(filterTest({ a: { x: 1 } })).toBeNull();
    expect(filterTest({ a: null })).toBeNull();
    expect(filterTest({ a: /x/ })).toBeNull();
    expect(filterTest({ a: { $in: [1, null] } })).toBeNull();
    expect(filterTest({ $expr: { $eq: ['$a', 1] } })).toBeNull();
    expect(filterTest({ $or: [] })).toBeNull();
    expect(filterTest({ a: { $gt: 'b' } })).toBeNull();
    expect(() => filterMatcher({ a: { $bogus: 1 } })).toThrow(/bogus/);
  });
});
