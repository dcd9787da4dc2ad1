import {
  districts,
  distanceKm,
  domains,
  kinds,
  listingStatuses,
  sides,
  streets,
  subkinds,
} from '@app/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CodeField } from '../documentText.js';
import type { GeoQuery, SearchDocument, SearchFilters } from '../port.js';
import { slotsOfBits } from './bitset.js';
import { DocumentColumns } from './columns.js';
import { ScoreBuffer } from './textIndex.js';

// Few codes of each list, so that random filters and documents meet often.
const pick = <T>(codes: readonly T[], n = 4) => fc.constantFrom(...codes.slice(0, n));
const SOME_DISTRICTS = districts.codes.slice(0, 4);

const documentArb = fc.record({
  side: pick(sides.codes),
  kind: pick(kinds.codes),
  subkind: fc.option(pick(subkinds.codes)),
  domains: fc.uniqueArray(fc.constantFrom(...domains.codes), { maxLength: 4 }),
  district: pick(SOME_DISTRICTS),
  street: fc.option(pick(streets.codes, 40)),
  verified: fc.boolean(),
  status: pick(listingStatuses.codes),
  createdAt: fc.integer({ min: 0, max: 1000 }),
  _geo: fc.option(
    fc.record({
      lat: fc.double({ min: 31, max: 31.4, noNaN: true }),
      lng: fc.double({ min: 121.2, max: 121.7, noNaN: true }),
    }),
  ),
});

const filtersArb: fc.Arbitrary<SearchFilters> = fc.record(
  {
    side: pick(sides.codes),
    kind: fc.array(fc.oneof(pick(kinds.codes), fc.constant('no-such-kind' as never)), { maxLength: 3 }),
    subkind: fc.array(pick(subkinds.codes), { maxLength: 3 }),
    domain: fc.array(fc.constantFrom(...domains.codes), { maxLength: 3 }),
    district: fc.array(pick(SOME_DISTRICTS), { maxLength: 2 }),
    street: fc.array(pick(streets.codes, 40), { maxLength: 5 }),
    status: fc.array(pick(listingStatuses.codes), { maxLength: 2 }),
    verified: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** Writes: upsert a document into a slot, or delete a slot. */
const writesArb = fc.array(
  fc.oneof(
    fc.record({ slot: fc.integer({ min: 0, max: 150 }), doc: documentArb }),
    fc.record({ slot: fc.integer({ min: 0, max: 150 }) }),
  ),
  { minLength: 1, maxLength: 120 },
);

type Doc = Omit<SearchDocument, 'id' | 'title' | 'description'>;

function load(writes: { slot: number; doc?: Doc }[]) {
  const columns = new DocumentColumns();
  const live = new Map<number, Doc>();
  let slotCount = 0;
  for (const { slot, doc } of writes) {
    slotCount = Math.max(slotCount, slot + 1);
    if (doc) {
      columns.set(slot, { ...doc, id: `id${slot}`, title: '', description: '' });
      live.set(slot, doc);
    } else {
      columns.unset(slot);
      live.delete(slot);
    }
  }
  return { columns, live, slotCount };
}

/** The filters checked document by document, the obvious way. */
function passes(doc: Doc, f: SearchFilters, geo?: GeoQuery): boolean {
  const within = <T>(list: T[] | undefined, value: T | null | undefined) =>
    !list?.length || (value != null && list.includes(value));
  return (
    (!f.side || doc.side === f.side) &&
    within(f.kind, doc.kind) &&
    within(f.subkind, doc.subkind) &&
    within(f.status, doc.status) &&
    within(f.district, doc.district) &&
    within(f.street, doc.street) &&
    (!f.domain?.length || doc.domains.some((d) => f.domain!.includes(d))) &&
    (f.verified === undefined || doc.verified === f.verified) &&
    (geo?.radiusKm === undefined || !((doc._geo ? distanceKm(geo, doc._geo) : Infinity) > geo.radiusKm))
  );
}

describe('document columns', () => {
  it('filters like a check of every document', () => {
    const geoArb = fc.option(
      fc.record({
        lat: fc.constant(31.2),
        lng: fc.constant(121.45),
        radiusKm: fc.oneof(fc.double({ min: 0, max: 30, noNaN: true }), fc.constantFrom(0, 1e-9, Infinity)),
      }),
      { nil: undefined },
    );
    fc.assert(
      fc.property(writesArb, filtersArb, geoArb, (writes, filters, geo) => {
        const { columns, live, slotCount } = load(writes);
        const expected = [...live].filter(([, doc]) => passes(doc, filters, geo)).map(([slot]) => slot);
        expected.sort((a, b) => a - b);
        expect(slotsOfBits(columns.filterBits(filters, geo, slotCount))).toEqual(expected);
        expect(slotsOfBits(columns.aliveBits)).toEqual([...live.keys()].sort((a, b) => a - b));
      }),
    );
  });

  it('adds label scores exactly as one pass over each column would', () => {
    const fields: [CodeField, readonly string[]][] = [
      ['side', sides.codes],
      ['kind', kinds.codes],
      ['subkind', subkinds.codes],
      ['district', districts.codes],
      ['street', streets.codes],
      ['domain', domains.codes],
    ];
    const tablesArb = fc.array(
      fc.record({
        field: fc.integer({ min: 0, max: fields.length - 1 }),
        index: fc.integer({ min: 0, max: 40 }),
        // 0.1, 0.2 and 0.3 sum differently in different orders: the order of additions is checked too.
        score: fc.oneof(fc.constantFrom(0.1, 0.2, 0.3), fc.double({ min: 0.01, max: 10, noNaN: true })),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(
        writesArb,
        fc.option(filtersArb, { nil: undefined }),
        tablesArb,
        (writes, filters, picks) => {
          const { columns, live, slotCount } = load(writes);
          const tables: Partial<Record<CodeField, Float64Array>> = {};
          for (const { field, index, score } of picks) {
            const [name, codes] = fields[field]!;
            const table = (tables[name] ??= new Float64Array(codes.length));
            table[index % codes.length] = score;
          }
          const allowed = filters ? columns.filterBits(filters, undefined, slotCount) : null;
          const into = new ScoreBuffer(256);
          columns.addCodeScores(tables, allowed, slotCount, into);

          // The same sums, column by column over the allowed slots in slot order.
          const expected = new Float64Array(256);
          const slots = [...live.keys()]
            .filter((s) => !filters || passes(live.get(s)!, filters))
            .sort((a, b) => a - b);
          const at = (codes: readonly string[], code: string | null | undefined) =>
            code == null ? -1 : codes.indexOf(code);
          for (const [name, codes] of fields) {
            const table = tables[name];
            if (!table) continue;
            for (const slot of slots) {
              const doc = live.get(slot)!;
              if (name === 'domain') {
                const own = doc.domains.map((d) => codes.indexOf(d)).sort((a, b) => b - a);
                for (const i of own) if (table[i]! > 0) expected[slot] = expected[slot]! + table[i]!;
              } else {
                const value = {
                  side: doc.side,
                  kind: doc.kind,
                  subkind: doc.subkind,
                  district: doc.district,
                  street: doc.street,
                }[name];
                const score = table[at(codes, value)];
                if (score) expected[slot] = expected[slot]! + score;
              }
            }
          }
          for (let slot = 0; slot < 256; slot++) expect(into.scores[slot]).toBe(expected[slot]);
          expect(new Set(into.touched).size).toBe(into.touched.length);
          expect([...into.touched].sort((a, b) => a - b)).toEqual(slots.filter((s) => expected[s]! > 0));
        },
      ),
    );
  });

  it('adds the scores of several domains last to first, as the domain mask was read', () => {
    const columns = new DocumentColumns();
    columns.set(3, {
      id: 'a',
      side: 'need',
      kind: kinds.codes[0]!,
      subkind: null,
      title: '',
      description: '',
      domains: [domains.codes[0]!, domains.codes[1]!, domains.codes[2]!],
      district: districts.codes[0]!,
      street: null,
      verified: false,
      createdAt: 1,
      status: 'open',
    });
    const table = new Float64Array(domains.codes.length);
    table.set([0.1, 0.2, 0.3]);
    const into = new ScoreBuffer(8);
    columns.addCodeScores({ domain: table }, null, 4, into);
    expect(into.scores[3]).toBe(0.3 + 0.2 + 0.1); // 0.6, where 0.1 + 0.2 + 0.3 is 0.6000000000000001
    expect(into.touched).toEqual([3]);
  });

  it('keeps the label counts and bitsets in step when a slot is rewritten', () => {
    const columns = new DocumentColumns();
    const doc: SearchDocument = {
      id: 'a',
      side: 'need',
      kind: kinds.codes[0]!,
      subkind: null,
      title: '',
      description: '',
      domains: [domains.codes[0]!, domains.codes[1]!],
      district: districts.codes[0]!,
      street: null,
      verified: false,
      createdAt: 1,
      status: 'open',
    };
    columns.set(40, doc);
    columns.set(40, { ...doc, district: districts.codes[1]!, domains: [domains.codes[1]!] });
    expect(columns.counts.district[0]).toBe(0);
    expect(columns.counts.district[1]).toBe(1);
    expect(columns.counts.domain[0]).toBe(0);
    expect(slotsOfBits(columns.filterBits({ district: [districts.codes[0]!] }, undefined, 41))).toEqual([]);
    expect(slotsOfBits(columns.filterBits({ district: [districts.codes[1]!] }, undefined, 41))).toEqual([40]);
    expect(slotsOfBits(columns.filterBits({ domain: [domains.codes[0]!] }, undefined, 41))).toEqual([]);
    columns.unset(40);
    expect(slotsOfBits(columns.filterBits({ status: ['open'] }, undefined, 41))).toEqual([]);
    expect(columns.counts.district[1]).toBe(0);
  });
});
