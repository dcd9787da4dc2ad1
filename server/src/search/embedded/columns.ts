/**
 * The filterable, sortable and facetable values of every indexed listing, one typed array per field, indexed by
 * the listing's slot. Filters, facet counts and sorts read these arrays directly: checking a candidate costs a few
 * array reads, and counting facets over 100,000 matches is one pass with no allocation per document.
 */
import {
  amountBucketOf,
  amountBuckets,
  districts,
  distanceKm,
  domains,
  kinds,
  listingStatuses,
  sides,
  streets,
  subkinds,
} from '@app/shared';
import { amountSortValue, type CodeField } from '../documentText.js';
import type { FacetName, GeoQuery, SearchDocument, SearchFilters } from '../port.js';
import { andInto, markBit, orInto, wordsFor } from './bitset.js';
import type { ScoreBuffer } from './textIndex.js';

/** Position of each code in its code list: column values are these positions (plus one where 0 means "none"). */
const positions = (codes: readonly string[]) => new Map(codes.map((c, i) => [c, i]));
const SIDE = positions(sides.codes);
const KIND = positions(kinds.codes);
const SUBKIND = positions(subkinds.codes);
const STATUS = positions(listingStatuses.codes);
const DISTRICT = positions(districts.codes);
const STREET = positions(streets.codes);
const DOMAIN = positions(domains.codes);
const AMOUNT_BUCKET = positions(amountBuckets);

/** The amount facet's bucket of an amountMax, as its position in `amountBuckets` plus one; 0 without one. */
const bucketColumnValue = (amountMax: number) =>
  Number.isNaN(amountMax) ? 0 : at(AMOUNT_BUCKET, amountBucketOf(amountMax)) + 1;

const at = (map: Map<string, number>, code: string) => {
  const i = map.get(code);
  if (i === undefined) throw new Error(`unknown code in search document: ${code}`);
  return i;
};

/** Below the earth's mean radius (6371 km): distances computed with any usual radius are at least this bound. */
const LOWER_EARTH_RADIUS_KM = 6300;

/** Live listings per code, for the rarity (IDF) of a label match. */
type CodeCounts = Record<CodeField, Int32Array>;

/** Fields with a set of slots per code (a bitset), for filters and label scores. */
type PostingField = CodeField | 'status' | 'verified';

/** One bitset per code of each field, `codes` long (verified: [false, true]); all grown with the columns. */
type CodePostings = Record<PostingField, Uint32Array[]>;

/** The per-slot value columns, as a snapshot stores them. */
const COLUMN_NAMES = [
  'alive',
  'side',
  'kind',
  'subkind',
  'status',
  'district',
  'street',
  'domains',
  'verified',
  'createdAt',
  'amount',
  'amountMax',
  'lat',
  'lng',
  'version',
] as const;
type ColumnName = (typeof COLUMN_NAMES)[number];

export interface ColumnParts {
  arrays: { [K in ColumnName]: DocumentColumns[K] };
  /** Per slot, '' where none. */
  ids: string[];
}

const emptyPostings = (n: number) => Array.from({ length: n }, () => new Uint32Array(0));

export class DocumentColumns {
  capacity = 0;
  readonly counts: CodeCounts = {
    side: new Int32Array(sides.codes.length),
    kind: new Int32Array(kinds.codes.length),
    subkind: new Int32Array(subkinds.codes.length),
    domain: new Int32Array(domains.codes.length),
    district: new Int32Array(districts.codes.length),
    street: new Int32Array(streets.codes.length),
  };
  /**
   * The live slots holding each code, one bit per slot: a filter is an OR of its codes' bitsets, AND-ed across
   * filters, a word at a time. Kept in step with the columns by `set` and `unset`.
   */
  readonly postings: CodePostings = {
    side: emptyPostings(sides.codes.length),
    kind: emptyPostings(kinds.codes.length),
    subkind: emptyPostings(subkinds.codes.length),
    status: emptyPostings(listingStatuses.codes.length),
    domain: emptyPostings(domains.codes.length),
    district: emptyPostings(districts.codes.length),
    street: emptyPostings(streets.codes.length),
    verified: emptyPostings(2),
  };
  /** The live slots, one bit per slot. */
  aliveBits = new Uint32Array(0);
  ids: (string | undefined)[] = [];
  alive = new Uint8Array(0);
  side = new Uint8Array(0);
  kind = new Uint8Array(0);
  subkind = new Uint8Array(0);
  status = new Uint8Array(0);
  district = new Uint8Array(0);
  street = new Uint16Array(0);
  domains = new Uint32Array(0);
  verified = new Uint8Array(0);
  createdAt = new Float64Array(0);
  amount = new Float64Array(0);
  /** The listing's `amountMax`, NaN without one: the amount filter and facet read it. */
  amountMax = new Float64Array(0);
  /** The amount facet's bucket of `amountMax` (bucketColumnValue), derived from it: not in a snapshot. */
  amountBucket = new Uint8Array(0);
  lat = new Float64Array(0);
  lng = new Float64Array(0);
  /** The stored listing's `updatedAt` (ms), NaN without one: tells a start which listings changed since. */
  version = new Float64Array(0);

  private grow(min: number): void {
    const capacity = Math.max(min, this.capacity * 2, 1024);
    const copy = <T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(
      old: T,
      make: (n: number) => T,
    ) => {
      const next = make(capacity);
      next.set(old as never);
      return next;
    };
    this.alive = copy(this.alive, (n) => new Uint8Array(n));
    this.side = copy(this.side, (n) => new Uint8Array(n));
    this.kind = copy(this.kind, (n) => new Uint8Array(n));
    this.subkind = copy(this.subkind, (n) => new Uint8Array(n));
    this.status = copy(this.status, (n) => new Uint8Array(n));
    this.district = copy(this.district, (n) => new Uint8Array(n));
    this.street = copy(this.street, (n) => new Uint16Array(n));
    this.domains = copy(this.domains, (n) => new Uint32Array(n));
    this.verified = copy(this.verified, (n) => new Uint8Array(n));
    this.createdAt = copy(this.createdAt, (n) => new Float64Array(n));
    this.amount = copy(this.amount, (n) => new Float64Array(n));
    this.amountMax = copy(this.amountMax, (n) => new Float64Array(n));
    this.amountBucket = copy(this.amountBucket, (n) => new Uint8Array(n));
    this.lat = copy(this.lat, (n) => new Float64Array(n));
    this.lng = copy(this.lng, (n) => new Float64Array(n));
    this.version = copy(this.version, (n) => new Float64Array(n));
    const words = wordsFor(capacity);
    const copyBits = (old: Uint32Array) => {
      const next = new Uint32Array(words);
      next.set(old);
      return next;
    };
    this.aliveBits = copyBits(this.aliveBits);
    for (const field of Object.keys(this.postings) as PostingField[]) {
      this.postings[field] = this.postings[field].map(copyBits);
    }
    this.capacity = capacity;
  }

  set(slot: number, doc: SearchDocument): void {
    if (slot >= this.capacity) this.grow(slot + 1);
    if (this.alive[slot]) {
      this.count(slot, -1);
      this.index(slot, false);
    }
    this.ids[slot] = doc.id;
    this.alive[slot] = 1;
    this.side[slot] = at(SIDE, doc.side);
    this.kind[slot] = at(KIND, doc.kind);
    this.subkind[slot] = doc.subkind ? at(SUBKIND, doc.subkind) + 1 : 0;
    this.status[slot] = at(STATUS, doc.status);
    this.district[slot] = at(DISTRICT, doc.district);
    this.street[slot] = doc.street ? at(STREET, doc.street) + 1 : 0;
    let mask = 0;
    for (const d of doc.domains) mask |= 1 << at(DOMAIN, d);
    this.domains[slot] = mask;
    this.verified[slot] = doc.verified ? 1 : 0;
    this.createdAt[slot] = doc.createdAt;
    this.amount[slot] = amountSortValue(doc);
    this.amountMax[slot] = doc.amountMax ?? NaN;
    this.amountBucket[slot] = bucketColumnValue(this.amountMax[slot]!);
    this.lat[slot] = doc._geo ? doc._geo.lat : NaN;
    this.lng[slot] = doc._geo ? doc._geo.lng : NaN;
    this.version[slot] = doc.listing ? Date.parse(doc.listing.updatedAt) : NaN;
    this.count(slot, 1);
    this.index(slot, true);
  }

  /** Sets (or clears) the slot's bit in the bitsets of its current column values, and in `aliveBits`. */
  private index(slot: number, on: boolean): void {
    const mark = (words: Uint32Array) => markBit(words, slot, on);
    const p = this.postings;
    mark(this.aliveBits);
    mark(p.side[this.side[slot]!]!);
    mark(p.kind[this.kind[slot]!]!);
    if (this.subkind[slot]) mark(p.subkind[this.subkind[slot]! - 1]!);
    mark(p.status[this.status[slot]!]!);
    mark(p.district[this.district[slot]!]!);
    if (this.street[slot]) mark(p.street[this.street[slot]! - 1]!);
    let mask = this.domains[slot]!;
    while (mask) {
      const d = 31 - Math.clz32(mask);
      mark(p.domain[d]!);
      mask &= ~(1 << d);
    }
    mark(p.verified[this.verified[slot]!]!);
  }

  private count(slot: number, delta: 1 | -1): void {
    const c = this.counts;
    c.side[this.side[slot]!]! += delta;
    c.kind[this.kind[slot]!]! += delta;
    if (this.subkind[slot]) c.subkind[this.subkind[slot]! - 1]! += delta;
    c.district[this.district[slot]!]! += delta;
    if (this.street[slot]) c.street[this.street[slot]! - 1]! += delta;
    let mask = this.domains[slot]!;
    while (mask) {
      const bit = 31 - Math.clz32(mask);
      c.domain[bit]! += delta;
      mask &= ~(1 << bit);
    }
  }

  unset(slot: number): void {
    if (this.alive[slot]) {
      this.count(slot, -1);
      this.index(slot, false);
    }
    this.ids[slot] = undefined;
    this.alive[slot] = 0;
  }

  /** The columns of the first `slotCount` slots, copied, for a snapshot. */
  exportParts(slotCount: number): ColumnParts {
    const arrays = {} as ColumnParts['arrays'];
    for (const name of COLUMN_NAMES) arrays[name] = this[name].slice(0, slotCount) as never;
    return { arrays, ids: this.ids.slice(0, slotCount).map((id) => id ?? '') };
  }

  /** Columns holding what `exportParts` gave; bitsets and counts are derived again from the values. */
  static fromParts(parts: ColumnParts): DocumentColumns {
    const columns = new DocumentColumns();
    const slotCount = parts.ids.length;
    columns.grow(slotCount);
    for (const name of COLUMN_NAMES) columns[name].set(parts.arrays[name] as never);
    columns.ids = parts.ids.map((id) => id || undefined);
    for (let slot = 0; slot < slotCount; slot++) {
      if (!columns.alive[slot]) continue;
      columns.amountBucket[slot] = bucketColumnValue(columns.amountMax[slot]!);
      columns.count(slot, 1);
      columns.index(slot, true);
    }
    return columns;
  }

  /** Distance in km from a point, or Infinity for a listing without a location. */
  distance(slot: number, from: GeoQuery): number {
    const lat = this.lat[slot]!;
    return Number.isNaN(lat) ? Infinity : distanceKm(from, { lat, lng: this.lng[slot]! });
  }

  /**
   * A bit per slot below `slotCount` (`wordsFor(slotCount)` words): set for a live listing that passes the
   * filters (OR within one filter, AND across) and the radius. Each filter is one pass over the bitsets of its
   * codes, a word (32 slots) at a time; the radius then checks only the slots still set.
   */
  filterBits(filters: SearchFilters = {}, geo: GeoQuery | undefined, slotCount: number): Uint32Array {
    const n = wordsFor(slotCount);
    const allowed = this.aliveBits.slice(0, n);
    let any: Uint32Array | undefined;
    const keep = (bitsets: readonly Uint32Array[], map: Map<string, number>, codes: readonly string[]) => {
      const wanted = new Set<number>();
      for (const c of codes) {
        const i = map.get(c);
        if (i !== undefined) wanted.add(i);
      }
      if (wanted.size === 1) {
        for (const i of wanted) andInto(allowed, bitsets[i]!, n);
        return;
      }
      any = any ? any.fill(0) : new Uint32Array(n);
      for (const i of wanted) orInto(any, bitsets[i]!, n);
      andInto(allowed, any, n);
    };
    const p = this.postings;
    if (filters.side) keep(p.side, SIDE, [filters.side]);
    if (filters.kind?.length) keep(p.kind, KIND, filters.kind);
    if (filters.subkind?.length) keep(p.subkind, SUBKIND, filters.subkind);
    if (filters.status?.length) keep(p.status, STATUS, filters.status);
    if (filters.district?.length) keep(p.district, DISTRICT, filters.district);
    if (filters.street?.length) keep(p.street, STREET, filters.street);
    if (filters.domain?.length) keep(p.domain, DOMAIN, filters.domain);
    if (filters.verified !== undefined) andInto(allowed, p.verified[filters.verified ? 1 : 0]!, n);
    if (filters.amount) this.keepAmounts(allowed, n, filters.amount);
    if (geo?.radiusKm !== undefined) this.keepWithin(allowed, n, geo, geo.radiusKm);
    return allowed;
  }

  /** Clears the allowed slots whose amountMax is missing or outside the bounds. */
  private keepAmounts(allowed: Uint32Array, n: number, bounds: { min?: number; max?: number }): void {
    const min = bounds.min ?? -Infinity;
    const max = bounds.max ?? Infinity;
    const values = this.amountMax;
    for (let w = 0; w < n; w++) {
      let word = allowed[w]! | 0;
      let keep = word;
      while (word !== 0) {
        const low = word & -word;
        word ^= low;
        const value = values[(w << 5) | (31 - Math.clz32(low))]!;
        // NaN (no amount) fails both comparisons, so it is cleared too.
        if (!(value >= min && value <= max)) keep ^= low;
      }
      allowed[w] = keep;
    }
  }

  /**
   * Clears the allowed slots farther than `radiusKm` from the point (or without a location). A listing whose
   * latitude alone puts it farther away is cleared without computing its distance: along a meridian the
   * great-circle distance is at least a radius of the earth times the latitude difference, and the radius used
   * here is below any the distance formula could use.
   */
  private keepWithin(allowed: Uint32Array, n: number, from: GeoQuery, radiusKm: number): void {
    const { lat, lng } = this;
    const maxDegrees = (radiusKm / LOWER_EARTH_RADIUS_KM) * (180 / Math.PI);
    for (let w = 0; w < n; w++) {
      let word = allowed[w]! | 0;
      let keep = word;
      while (word !== 0) {
        const low = word & -word;
        word ^= low;
        const slot = (w << 5) | (31 - Math.clz32(low));
        const slotLat = lat[slot]!;
        const far = Number.isNaN(slotLat)
          ? Infinity > radiusKm // no location: as far as can be
          : Math.abs(slotLat - from.lat) > maxDegrees ||
            distanceKm(from, { lat: slotLat, lng: lng[slot]! }) > radiusKm;
        if (far) {
          keep ^= low;
        }
      }
      allowed[w] = keep;
    }
  }

  /** Whether filters or a radius narrow the search at all (if not, only liveness matters). */
  static narrows(filters: SearchFilters = {}, geo?: GeoQuery): boolean {
    const { side, kind, subkind, status, district, street, domain, verified, amount } = filters;
    const lists = [kind, subkind, status, district, street, domain];
    return (
      !!side ||
      !!amount ||
      verified !== undefined ||
      geo?.radiusKm !== undefined ||
      lists.some((l) => l && l.length > 0)
    );
  }

  /**
   * Adds to every allowed slot the score its codes earn, from per-code score tables (indexed by the code's
   * position in its list; 0 where the code did not match). Only the slots of matched codes are visited: the
   * code's bitset AND the allowed bits, a word at a time. For each slot the scores are added in the same order
   * as a pass over the columns would add them (side, kind, subkind, district, street, then domains from the
   * last to the first), so sums are identical to the bit.
   */
  addCodeScores(
    tables: Partial<Record<CodeField, Float64Array>>,
    allowed: Uint32Array | null,
    slotCount: number,
    into: ScoreBuffer,
  ): void {
    const bits = allowed ?? this.aliveBits;
    const n = wordsFor(slotCount);
    for (const field of ['side', 'kind', 'subkind', 'district', 'street'] as const) {
      const table = tables[field];
      if (!table) continue;
      const bitsets = this.postings[field];
      for (let i = 0; i < table.length; i++) {
        const score = table[i]!;
        if (score) addScoreToBits(bitsets[i]!, bits, n, score, into);
      }
    }
    const table = tables.domain;
    if (table) {
      const bitsets = this.postings.domain;
      for (let i = table.length - 1; i >= 0; i--) {
        const score = table[i]!;
        if (score > 0) addScoreToBits(bitsets[i]!, bits, n, score, into);
      }
    }
  }

  /**
   * Counts facet values over the given slots, a pass per facet reading one column; values with no match are left
   * out. Each column is counted by a loop of its own array type, so a pass is a few array reads per slot.
   */
  countFacets(
    slots: readonly number[],
    names: readonly FacetName[],
  ): Partial<Record<FacetName, Record<string, number>>> {
    const out: Partial<Record<FacetName, Record<string, number>>> = {};
    for (const name of new Set(names)) {
      switch (name) {
        case 'amount':
          out.amount = this.countAmounts(slots);
          break;
        case 'domain':
          out.domain = toRecord(countBits(this.domains, slots, domains.codes.length), domains.codes, 0);
          break;
        case 'street':
          out.street = toRecord(countWide(this.street, slots, streets.codes.length + 1), streets.codes, 1);
          break;
        default: {
          const [column, codes, offset] = this.narrowColumn(name);
          out[name] = toRecord(countNarrow(column, slots, codes.length + offset), codes, offset);
        }
      }
    }
    return out;
  }

  /** The Uint8Array column of a facet, its codes, and whether 0 means "none" (then code i is stored as i + 1). */
  private narrowColumn(
    name: Exclude<FacetName, 'amount' | 'domain' | 'street'>,
  ): [Uint8Array, readonly string[], number] {
    if (name === 'side') return [this.side, sides.codes, 0];
    if (name === 'kind') return [this.kind, kinds.codes, 0];
    if (name === 'subkind') return [this.subkind, subkinds.codes, 1];
    if (name === 'status') return [this.status, listingStatuses.codes, 0];
    return [this.district, districts.codes, 0];
  }

  /**
   * Counts the slots per bucket of amountMax (read from its bucket column); slots without one are not counted.
   * The buckets are listed in the order the slots first meet them.
   */
  private countAmounts(slots: readonly number[]): Record<string, number> {
    const column = this.amountBucket;
    const counts = new Int32Array(amountBuckets.length + 1);
    const met: number[] = [];
    for (let i = 0; i < slots.length; i++) {
      const bucket = column[slots[i]!]!;
      if (bucket !== 0 && counts[bucket]!++ === 0) met.push(bucket);
    }
    const out: Record<string, number> = {};
    for (const bucket of met) out[amountBuckets[bucket - 1]!] = counts[bucket]!;
    return out;
  }
}

/** Adds `score` to every slot set in both `code` and `allowed` (first `n` words). */
function addScoreToBits(
  code: Uint32Array,
  allowed: Uint32Array,
  n: number,
  score: number,
  into: ScoreBuffer,
): void {
  const end = Math.min(n, code.length, allowed.length);
  for (let w = 0; w < end; w++) {
    let word = code[w]! & allowed[w]!;
    while (word !== 0) {
      const low = word & -word;
      into.add((w << 5) | (31 - Math.clz32(low)), score);
      word ^= low;
    }
  }
}

/** How many slots hold each value of a Uint8Array column. */
function countNarrow(column: Uint8Array, slots: readonly number[], values: number): Int32Array {
  const counts = new Int32Array(values);
  for (let i = 0; i < slots.length; i++) counts[column[slots[i]!]!]!++;
  return counts;
}

/** How many slots hold each value of a Uint16Array column. */
function countWide(column: Uint16Array, slots: readonly number[], values: number): Int32Array {
  const counts = new Int32Array(values);
  for (let i = 0; i < slots.length; i++) counts[column[slots[i]!]!]!++;
  return counts;
}

/** How many slots have each bit set in a column of bit masks. */
function countBits(column: Uint32Array, slots: readonly number[], bits: number): Int32Array {
  const counts = new Int32Array(bits);
  for (let i = 0; i < slots.length; i++) {
    let mask = column[slots[i]!]!;
    while (mask) {
      const bit = 31 - Math.clz32(mask);
      counts[bit]!++;
      mask &= ~(1 << bit);
    }
  }
  return counts;
}

function toRecord(counts: Int32Array, codes: readonly string[], offset: number): Record<string, number> {
  const record: Record<string, number> = {};
  codes.forEach((code, i) => {
    const n = counts[i + offset]!;
    if (n > 0) record[code] = n;
  });
  return record;
}
