/**
 * The filterable, sortable and facetable values of every indexed listing, one typed array per field, indexed by
 * the listing's slot. Filters, facet counts and sorts read these arrays directly: checking a candidate costs a few
 * array reads, and counting facets over 100,000 matches is one pass with no allocation per document.
 */
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
import { amountSortValue, type CodeField } from '../documentText.js';
import type { FacetName, GeoQuery, SearchDocument, SearchFilters } from '../port.js';
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

const at = (map: Map<string, number>, code: string) => {
  const i = map.get(code);
  if (i === undefined) throw new Error(`unknown code in search document: ${code}`);
  return i;
};

/** Live listings per code, for the rarity (IDF) of a label match. */
type CodeCounts = Record<CodeField, Int32Array>;

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
  lat = new Float64Array(0);
  lng = new Float64Array(0);

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
    this.lat = copy(this.lat, (n) => new Float64Array(n));
    this.lng = copy(this.lng, (n) => new Float64Array(n));
    this.capacity = capacity;
  }

  set(slot: number, doc: SearchDocument): void {
    if (slot >= this.capacity) this.grow(slot + 1);
    if (this.alive[slot]) this.count(slot, -1);
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
    this.lat[slot] = doc._geo ? doc._geo.lat : NaN;
    this.lng[slot] = doc._geo ? doc._geo.lng : NaN;
    this.count(slot, 1);
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
    if (this.alive[slot]) this.count(slot, -1);
    this.ids[slot] = undefined;
    this.alive[slot] = 0;
  }

  /** Distance in km from a point, or Infinity for a listing without a location. */
  distance(slot: number, from: GeoQuery): number {
    const lat = this.lat[slot]!;
    return Number.isNaN(lat) ? Infinity : distanceKm(from, { lat, lng: this.lng[slot]! });
  }

  /**
   * A byte per slot below `slotCount`: 1 for a live listing that passes the filters (OR within one filter, AND
   * across) and the radius. Each filter is one tight pass over its column.
   */
  filterBitmap(filters: SearchFilters = {}, geo: GeoQuery | undefined, slotCount: number): Uint8Array {
    const allowed = this.alive.slice(0, slotCount);
    const keep = (
      column: ArrayLike<number>,
      map: Map<string, number>,
      codes: readonly string[],
      offset = 0,
    ) => {
      const wanted = new Uint8Array(map.size + offset);
      for (const c of codes) {
        const i = map.get(c);
        if (i !== undefined) wanted[i + offset] = 1;
      }
      for (let slot = 0; slot < slotCount; slot++) allowed[slot]! &= wanted[column[slot]!]!;
    };
    if (filters.side) keep(this.side, SIDE, [filters.side]);
    if (filters.kind?.length) keep(this.kind, KIND, filters.kind);
    if (filters.subkind?.length) keep(this.subkind, SUBKIND, filters.subkind, 1);
    if (filters.status?.length) keep(this.status, STATUS, filters.status);
    if (filters.district?.length) keep(this.district, DISTRICT, filters.district);
    if (filters.street?.length) keep(this.street, STREET, filters.street, 1);
    if (filters.domain?.length) {
      let mask = 0;
      for (const d of filters.domain) {
        const i = DOMAIN.get(d);
        if (i !== undefined) mask |= 1 << i;
      }
      for (let slot = 0; slot < slotCount; slot++) if ((this.domains[slot]! & mask) === 0) allowed[slot] = 0;
    }
    if (filters.verified !== undefined) {
      const want = filters.verified ? 1 : 0;
      for (let slot = 0; slot < slotCount; slot++) if (this.verified[slot] !== want) allowed[slot] = 0;
    }
    if (geo?.radiusKm !== undefined) {
      for (let slot = 0; slot < slotCount; slot++) {
        if (allowed[slot] && this.distance(slot, geo) > geo.radiusKm) allowed[slot] = 0;
      }
    }
    return allowed;
  }

  /** Whether filters or a radius narrow the search at all (if not, only liveness matters). */
  static narrows(filters: SearchFilters = {}, geo?: GeoQuery): boolean {
    const { side, kind, subkind, status, district, street, domain, verified } = filters;
    const lists = [kind, subkind, status, district, street, domain];
    return (
      !!side || verified !== undefined || geo?.radiusKm !== undefined || lists.some((l) => l && l.length > 0)
    );
  }

  /**
   * Adds to every allowed slot the score its codes earn, from per-code score tables (indexed by the code's
   * position in its list; 0 where the code did not match). One pass over each column involved.
   */
  addCodeScores(
    tables: Partial<Record<CodeField, Float64Array>>,
    allowed: Uint8Array | null,
    slotCount: number,
    into: ScoreBuffer,
    allowedSlots?: Int32Array,
  ): void {
    const bits = allowed ?? this.alive;
    // With a narrowing filter, visit only the slots it lets through rather than every slot.
    const visit = (fn: (slot: number) => void) => {
      if (allowedSlots) for (let i = 0; i < allowedSlots.length; i++) fn(allowedSlots[i]!);
      else for (let slot = 0; slot < slotCount; slot++) if (bits[slot] === 1) fn(slot);
    };
    const columns: [CodeField, ArrayLike<number>, number][] = [
      ['side', this.side, 0],
      ['kind', this.kind, 0],
      ['subkind', this.subkind, 1],
      ['district', this.district, 0],
      ['street', this.street, 1],
    ];
    for (const [field, column, offset] of columns) {
      const table = tables[field];
      if (!table) continue;
      visit((slot) => {
        const score = table[column[slot]! - offset];
        if (score) into.add(slot, score);
      });
    }
    const table = tables.domain;
    if (table) {
      let wanted = 0;
      table.forEach((score, i) => {
        if (score > 0) wanted |= 1 << i;
      });
      visit((slot) => {
        let mask = this.domains[slot]! & wanted;
        while (mask) {
          const bit = 31 - Math.clz32(mask);
          into.add(slot, table[bit]!);
          mask &= ~(1 << bit);
        }
      });
    }
  }

  /** Counts facet values over the given slots in one pass; values with no match are left out. */
  countFacets(
    slots: ArrayLike<number>,
    names: readonly FacetName[],
  ): Partial<Record<FacetName, Record<string, number>>> {
    const plain: Record<Exclude<FacetName, 'domain'>, [ArrayLike<number>, readonly string[], number]> = {
      side: [this.side, sides.codes, 0],
      kind: [this.kind, kinds.codes, 0],
      subkind: [this.subkind, subkinds.codes, 1],
      status: [this.status, listingStatuses.codes, 0],
      district: [this.district, districts.codes, 0],
      street: [this.street, streets.codes, 1],
    };
    const out: Partial<Record<FacetName, Record<string, number>>> = {};
    for (const name of new Set(names)) {
      const counts = new Int32Array(name === 'domain' ? domains.codes.length : plain[name][1].length + 1);
      if (name === 'domain') {
        for (let i = 0; i < slots.length; i++) {
          let mask = this.domains[slots[i]!]!;
          while (mask) {
            const bit = 31 - Math.clz32(mask);
            counts[bit]!++;
            mask &= ~(1 << bit);
          }
        }
        out.domain = toRecord(counts, domains.codes, 0);
      } else {
        const [column, codes, offset] = plain[name];
        for (let i = 0; i < slots.length; i++) counts[column[slots[i]!]!]!++;
        out[name] = toRecord(counts, codes, offset);
      }
    }
    return out;
  }
}

function toRecord(counts: Int32Array, codes: readonly string[], offset: number): Record<string, number> {
  const record: Record<string, number> = {};
  codes.forEach((code, i) => {
    const n = counts[i + offset]!;
    if (n > 0) record[code] = n;
  });
  return record;
}
