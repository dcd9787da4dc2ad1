import { Binary, Decimal128, Long, ObjectId, Timestamp, serialize, type Document } from 'bson';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../lib/seededRandom.js';
import { compileFilter } from '../commands/query.js';
import { encodeReply } from '../wire/codec.js';
import {
  FieldSelection,
  decodeDocument,
  encodeDocument,
  encodeWithDocument,
  filterFields,
  idKeyOf,
  idOf,
  readFields,
} from './bsonBytes.js';
import { keyOf } from './keys.js';
import { Index, type IndexSpec } from './indexes.js';

const FIELDS = ['a', 'b', 'c', 'tags', 'when', 'owner', 'nested', '名称', 'n'];

function generator(seed: number) {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const scalar = (): unknown =>
    pick([
      () => Math.floor(random() * 10),
      () => random() * 1e6 - 5e5,
      () => -0,
      () => 2 ** 40 + Math.floor(random() * 10),
      () => pick(['社区养老', 'x', '', 'open', 'closed']),
      () => random() < 0.5,
      () => null,
      () => new Date(Math.floor(random() * 2e12) - 5e11),
      () => new ObjectId(),
      () => Decimal128.fromString(String(Math.floor(random() * 1000) / 10)),
      () => Long.fromString('9007199254740993'),
      () => new Binary(Buffer.from([1, 2, 3]), 0),
      () => /ab+c/i,
      () => new Timestamp({ t: 5, i: 1 }),
    ])();
  const value = (depth: number): unknown => {
    const r = random();
    if (depth < 2 && r < 0.2) return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
    if (depth < 2 && r < 0.35) {
      const doc: Document = {};
      for (const f of ['a', 'b', 'c']) if (random() < 0.6) doc[f] = value(depth + 1);
      return doc;
    }
    return scalar();
  };
  const doc = (): Document => {
    const r = random();
    const d: Document = {
      _id: r < 0.6 ? new ObjectId() : r < 0.8 ? pick(['社区', 'a', 'x'.repeat(30)]) + r : Math.floor(r * 1e6),
    };
    for (const f of FIELDS) if (random() < 0.7) d[f] = value(0);
    return d;
  };
  return { random, pick, doc, scalar };
}

/** The top-level fields of a document that `names` selects, in its order (what readFields must give). */
function picked(doc: Document, names: string[]): Document {
  const out: Document = {};
  for (const key of Object.keys(doc)) if (names.includes(key)) out[key] = doc[key];
  return out;
}

describe('stored document bytes', () => {
  it('reads selected top-level fields exactly as a whole decode gives them', () => {
    const { random, doc } = generator(19);
    for (let i = 0; i < 500; i++) {
      const bytes = encodeDocument(doc());
      const whole = decodeDocument(bytes);
      const names = ['_id', ...FIELDS, 'missing'].filter(() => random() < 0.4);
      const read = readFields(bytes, new FieldSelection(names));
      expect(read).toEqual(picked(whole, names));
      // Same types, not merely equal values (a Date stays a Date, a Long a Long, -0 stays -0).
      for (const key of Object.keys(read)) {
        expect(Object.prototype.toString.call(read[key])).toBe(Object.prototype.toString.call(whole[key]));
        if (typeof whole[key] === 'number') expect(Object.is(read[key], whole[key])).toBe(true);
      }
      expect(idOf(bytes)).toEqual(whole._id);
      expect(idKeyOf(bytes)).toBe(keyOf(whole._id));
    }
  });

  it('gives indexes the same keys from the fields they name as from the whole document', () => {
    const { doc } = generator(7);
    const specs: IndexSpec[] = [
      { v: 2 as const, key: { a: 1 }, name: 'a' },
      { v: 2 as const, key: { 'nested.a': 1, tags: -1 }, name: 'nested' },
      { v: 2 as const, key: { 'tags.b': 1 }, name: 'tags_b', sparse: true },
      { v: 2 as const, key: { owner: 1, when: 1 }, name: 'owner_when', unique: true },
    ];
    for (let i = 0; i < 300; i++) {
      const bytes = encodeDocument(doc());
      const whole = decodeDocument(bytes);
      for (const spec of specs) {
        const index = new Index(spec);
        const fields = new FieldSelection(index.fields.map((f) => f.split('.')[0]!));
        let fromWhole: unknown;
        try {
          fromWhole = index.entriesFor(whole);
        } catch (err) {
          fromWhole = (err as Error).message; // too many keys: the same refusal either way
        }
        let fromFields: unknown;
        try {
          fromFields = index.entriesFor(readFields(bytes, fields));
        } catch (err) {
          fromFields = (err as Error).message;
        }
        expect(fromFields).toEqual(fromWhole);
      }
    }
  });

  it('matches a filter on the fields it reads as on the whole document', () => {
    const { random, pick, doc, scalar } = generator(23);
    const condition = (): unknown =>
      pick([
        () => scalar(),
        () => ({ $exists: random() < 0.5 }),
        () => ({ $in: [scalar(), scalar()] }),
        () => ({ $ne: scalar() }),
        () => ({ $gt: Math.floor(random() * 10) }),
        () => ({ $type: pick(['string', 'date', 'array', 'null', 'objectId']) }),
        () => ({ $elemMatch: { $gte: 3 } }),
        () => ({ $size: 1 }),
      ])();
    const filter = (depth: number): Document => {
      const f: Document = {};
      const n = 1 + Math.floor(random() * 2);
      for (let i = 0; i < n; i++) {
        const r = random();
        if (depth < 1 && r < 0.2) f[pick(['$or', '$and', '$nor'])] = [filter(depth + 1), filter(depth + 1)];
        else f[pick([...FIELDS, 'nested.a', 'tags.b', '_id'])] = condition();
      }
      return f;
    };
    let matched = 0;
    for (let i = 0; i < 400; i++) {
      const bytes = encodeDocument(doc());
      const whole = decodeDocument(bytes);
      const f = filter(0);
      const names = filterFields(f);
      expect(names).not.toBeNull();
      const query = compileFilter(f);
      const expected = query.test(whole);
      if (expected) matched++;
      expect(query.test(readFields(bytes, new FieldSelection(names!)))).toBe(expected);
    }
    expect(matched).toBeGreaterThan(20); // the cases test matches as well as misses
    expect(filterFields({ $expr: { $gt: ['$a', 1] } })).toBeNull();
    expect(filterFields({ a: 1, $comment: 'x' })).toEqual(new Set(['a']));
  });

  it('writes stored bytes into documents and replies as bson writes the decoded documents', () => {
    const { doc } = generator(3);
    const docs = Array.from({ length: 20 }, doc);
    const stored = docs.map(encodeDocument);
    const decoded = stored.map(decodeDocument);
    for (const bytes of stored) {
      expect(encodeWithDocument({ k: 'put', ns: 'app.things' }, 'doc', bytes)).toEqual(
        Buffer.from(serialize({ k: 'put', ns: 'app.things', doc: decodeDocument(bytes) })),
      );
    }
    const reply = (batch: unknown[]) => ({
      cursor: { firstBatch: batch, id: Long.fromNumber(7), ns: 'app.x' },
      ok: 1,
    });
    const raw = encodeReply(reply([...stored.slice(0, 10), ...decoded.slice(10)]));
    expect(raw).toEqual(Buffer.from(serialize(reply(decoded))));
    const next = { cursor: { nextBatch: stored, id: Long.fromNumber(0), ns: 'app.x' }, ok: 1 };
    expect(encodeReply(next)).toEqual(
      Buffer.from(serialize({ ...next, cursor: { ...next.cursor, nextBatch: decoded } })),
    );
  });
});
