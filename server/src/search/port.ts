/**
 * The search port: what the listings module needs from a search engine, whichever adapter runs it
 * (embedded MiniSearch + jieba, or Meilisearch). The index holds a projection of each listing with no contact data.
 */
import { z } from 'zod';
import {
  districtCodeSchema,
  domainSchema,
  kindSchema,
  listingSchema,
  listingStatusSchema,
  type Health,
  type Listing,
  sideSchema,
  streetCodeSchema,
  subkindSchema,
} from '@app/shared';

/** What the index stores per listing: searchable text, filter and sort values; never contact details. */
export const searchDocumentSchema = z.strictObject({
  id: z.string().min(1).max(64),
  side: sideSchema,
  kind: kindSchema,
  subkind: subkindSchema.nullish(),
  title: z.string().max(200),
  description: z.string().max(20_000),
  domains: z.array(domainSchema).max(16),
  district: districtCodeSchema,
  street: streetCodeSchema.nullish(),
  organizationName: z.string().max(200).nullish(),
  verified: z.boolean(),
  amountMin: z.number().nonnegative().nullish(),
  amountMax: z.number().nonnegative().nullish(),
  /** Milliseconds since the epoch. */
  createdAt: z.number().int().nonnegative(),
  status: listingStatusSchema,
  /** GCJ-02, like the taxonomy's district centres. */
  _geo: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).nullish(),
  /**
   * The listing as the API shows it (no contact data either), stored and never searched: a hit hands it back, so
   * a page of results needs no second read of the database.
   */
  listing: listingSchema.optional(),
});
export type SearchDocument = z.infer<typeof searchDocumentSchema>;

/** Fields a query can be narrowed by; several values of one filter are OR-ed, different filters AND-ed. */
export interface SearchFilters {
  side?: SearchDocument['side'];
  kind?: SearchDocument['kind'][];
  subkind?: NonNullable<SearchDocument['subkind']>[];
  domain?: SearchDocument['domains'][number][];
  district?: string[];
  street?: string[];
  status?: SearchDocument['status'][];
  verified?: boolean;
  /** Keep listings whose `amountMax` lies within these bounds (inclusive; either may be left out). */
  amount?: { min?: number; max?: number };
}

/** `amount` counts listings per bucket of `amountMax` (amountBuckets of the shared contract). */
export const facetNames = [
  'side',
  'kind',
  'subkind',
  'domain',
  'district',
  'street',
  'status',
  'amount',
] as const;
export type FacetName = (typeof facetNames)[number];

export const searchSorts = ['relevance', 'newest', 'amount', 'distance'] as const;
export type SearchSort = (typeof searchSorts)[number];

export interface GeoQuery {
  lat: number;
  lng: number;
  /** Keep only listings within this distance of the point; listings without a location are left out. */
  radiusKm?: number;
}

export interface SearchQuery {
  /** Free text; empty or absent matches every listing that passes the filters. */
  q?: string;
  filters?: SearchFilters;
  /** Facets to count over every matching listing, not only the page. */
  facets?: readonly FacetName[];
  /**
   * relevance (default; newest first when there is no text), newest (createdAt descending),
   * amount (largest amount first, listings without an amount last), distance (needs `geo`; nearest first).
   */
  sort?: SearchSort;
  geo?: GeoQuery;
  page?: number;
  pageSize?: number;
  /** false: hits carry no highlight (candidates to rank, which nobody reads marked). Default true. */
  highlight?: boolean;
}

/** Title and description with matched words wrapped in <mark>; everything else HTML-escaped. */
export interface SearchHighlight {
  title?: string;
  description?: string;
}

export interface SearchHit {
  id: string;
  /** Higher is better; comparable only within one answer of one adapter. */
  score: number;
  highlight?: SearchHighlight;
  /** The document's stored listing, when it had one. */
  listing?: Listing;
}

/** A listing found as a candidate (`findCandidates`): its id and, when the index stored one, its listing. */
export type CandidateHit = Pick<SearchHit, 'id' | 'listing'>;

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  /** Counts per value, over every listing matching the query and filters; values with no match are absent. */
  facets: Partial<Record<FacetName, Record<string, number>>>;
}

export interface SearchStats {
  engine: 'embedded' | 'meilisearch';
  index: string;
  documents: number;
  /** Meilisearch: whether tasks are still being processed. */
  indexing: boolean;
}

export interface WriteOptions {
  /**
   * Wait until the write is searchable (read-your-writes). Default true; batch jobs may pass false, and then
   * `checkWrites()` reports how the write ended.
   */
  wait?: boolean;
}

/** A write made without waiting that the engine refused; its listings must be indexed again. */
export interface FailedWrite {
  ids: string[];
  reason: string;
}

/** How the writes made without waiting stand. */
export interface WriteCheck {
  /** Writes that ended in failure since the last check (each reported once). */
  failed: FailedWrite[];
  /** Writes still queued or running in the engine. */
  unconfirmed: number;
  /** When the oldest of those was sent (ms since the epoch), if any. */
  oldestUnconfirmedAt?: number;
}

/** A source of documents for a rebuild, in batches (a cursor over the database). */
export type DocumentBatches = AsyncIterable<readonly SearchDocument[]> | Iterable<readonly SearchDocument[]>;

export interface SearchEngine {
  readonly engine: SearchStats['engine'];
  /** Creates the index when missing and applies its settings; idempotent. */
  ensureIndex(settings?: IndexSettings): Promise<void>;
  /** Adds or replaces documents by id. */
  upsert(docs: readonly SearchDocument[], options?: WriteOptions): Promise<void>;
  /** Removes documents by id; unknown ids are ignored. */
  delete(ids: readonly string[], options?: WriteOptions): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /**
   * The listings several searches find, each once, in the order first found: candidates to rank (recommendations),
   * so without scores, highlights or facets, and in one round trip where the index is in another process.
   */
  findCandidates(queries: readonly SearchQuery[]): Promise<CandidateHit[]>;
  stats(): Promise<SearchStats>;
  /** Removes every document. */
  clear(): Promise<void>;
  /**
   * Builds a fresh index from the given documents and swaps it in atomically: searches keep answering from the
   * old index until the new one is complete.
   */
  rebuild(source: DocumentBatches, onProgress?: (indexed: number) => void): Promise<{ indexed: number }>;
  /** Asks the engine how the writes made with `wait: false` ended, in as few calls as it can. */
  checkWrites(): Promise<WriteCheck>;
  close(): Promise<void>;
}

export type SearchableField = 'title' | 'labels' | 'places' | 'organizationName' | 'description';

/** How the listing index is set up; both adapters read the same settings. */
export interface IndexSettings {
  /** In rank order, with the weight the embedded adapter gives a match in each field. */
  searchable: readonly { field: SearchableField; boost: number }[];
  /** Groups of words that mean the same thing to the people searching. */
  synonyms: readonly (readonly string[])[];
  /** Function words left out of matching (的, 和 ...). */
  stopWords: readonly string[];
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Follows the index writes a process sent without waiting, and says how far the index trails the database. */
export interface SearchWriteWatch {
  /** One round of asking the engine how its unwaited writes ended. */
  check(): Promise<void>;
  health(): Promise<Health['searchIndex']>;
}
