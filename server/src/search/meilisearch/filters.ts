/**
 * Meilisearch filter expressions, built from typed filters. Attribute names come from a fixed list and every value
 * is quoted and escaped, so no user input is ever spliced into a filter as syntax.
 */
import type { GeoQuery, SearchFilters } from '../port.js';

/** The document attributes a filter may name. */
export const filterableAttributes = [
  'side',
  'kind',
  'subkind',
  'domains',
  'district',
  'street',
  'status',
  'verified',
  'amountMax',
  'amountBucket',
  '_geo',
] as const;
type FilterAttribute = Exclude<(typeof filterableAttributes)[number], '_geo' | 'amountMax' | 'amountBucket'>;

/** A Meilisearch string literal: double quotes, with backslashes and quotes escaped. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function finite(n: number, what: string): number {
  if (!Number.isFinite(n)) throw new Error(`${what} must be a finite number`);
  return n;
}

/** `lat, lng` for `_geoRadius` and `_geoPoint`, refusing anything but finite numbers. */
export function geoPoint(geo: { lat: number; lng: number }): string {
  return `${finite(geo.lat, 'lat')}, ${finite(geo.lng, 'lng')}`;
}

/** `attribute = "value"` for each value: an inner array, which Meilisearch ORs. */
function anyOf(attribute: FilterAttribute, values: readonly string[]): string[] {
  return [...new Set(values)].map((v) => `${attribute} = ${quote(v)}`);
}

/**
 * The filter for Meilisearch's `filter` parameter: an array whose items are ANDed, where an inner array is ORed.
 * Undefined when nothing narrows the search.
 */
export function buildFilter(filters: SearchFilters = {}, geo?: GeoQuery): (string | string[])[] | undefined {
  const and: (string | string[])[] = [];
  const lists: [FilterAttribute, readonly string[] | undefined][] = [
    ['kind', filters.kind],
    ['subkind', filters.subkind],
    ['domains', filters.domain],
    ['district', filters.district],
    ['street', filters.street],
    ['status', filters.status],
  ];
  if (filters.side) and.push(anyOf('side', [filters.side]));
  for (const [attribute, values] of lists) if (values?.length) and.push(anyOf(attribute, values));
  if (filters.verified !== undefined) and.push(`verified = ${filters.verified ? 'true' : 'false'}`);
  if (filters.amount?.min !== undefined) and.push(`amountMax >= ${finite(filters.amount.min, 'amount.min')}`);
  if (filters.amount?.max !== undefined) and.push(`amountMax <= ${finite(filters.amount.max, 'amount.max')}`);
  if (geo?.radiusKm !== undefined) {
    const meters = Math.round(finite(geo.radiusKm, 'radiusKm') * 1000);
    and.push(`_geoRadius(${geoPoint(geo)}, ${meters})`);
  }
  return and.length ? and : undefined;
}
