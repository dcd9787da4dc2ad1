/**
 * The embedded search adapter: jieba tokens in an inverted index of typed arrays, in process. At start the server
 * reads it back from its snapshot (`restore`) or builds it from the database (`rebuild`); `snapshot` gives the
 * bytes of a snapshot (search/snapshots.ts decides when). Text scoring is in TextIndex; filters, facets and
 * sorting read the typed columns of DocumentColumns.
 */
import { firstFound, searchCandidates, type StoredCandidate } from '../candidates.js';
import { highlightText, termMatcher } from '../highlight.js';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  searchDocumentSchema,
  type DocumentBatches,
  type IndexSettings,
  type CandidateHit,
  type SearchDocument,
  type SearchEngine,
  type SearchHighlight,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type SearchStats,
  type WriteCheck,
  type WriteOptions,
} from '../port.js';
import { listingIndexSettings } from '../settings.js';
import { jieba, queryTokens } from '../../lib/text/tokenizer.js';
import { codesForWord } from './codeMatcher.js';
import { DocumentColumns } from './columns.js';
import { IndexState } from './indexState.js';
import { compareSlots, selectBestKeys, selectFirst, type SlotOrder } from './select.js';
import { titleHolds } from './titleChecks.js';
import { decodeSnapshot, encodeSnapshot, indexFingerprint } from './snapshotFile.js';

const DESCRIPTION_CROP = 120;
const MAX_QUERY_WORDS = 10;
/** Queries whose words are kept (people repeat searches; jieba's cut costs more than a lookup); emptied when full. */
const KEPT_QUERIES = 1000;
const queryWords = new Map<string, readonly string[]>();

/** A query's words, as `queryTokens` cuts them (its first MAX_QUERY_WORDS). */
function wordsOf(text: string): readonly string[] {
  let words = queryWords.get(text);
  if (!words) {
    if (queryWords.size >= KEPT_QUERIES) queryWords.clear();
    words = queryTokens(text).slice(0, MAX_QUERY_WORDS);
    queryWords.set(text, words);
  }
  return words;
}

type WriteOp = { upsert: SearchDocument } | { delete: string };

/** What a query selected: its matching slots, the first `page * pageSize` in order, their scores and words. */
interface Selected {
  state: IndexState;
  slots: number[];
  /** A slot's score; null without words. */
  score: ((slot: number) => number) | null;
  /** The words matched, for highlights. */
  terms: string[];
  page: number;
  pageSize: number;
}

export class EmbeddedSearchEngine implements SearchEngine {
  readonly engine = 'embedded' as const;
  private settings: IndexSettings = listingIndexSettings;
  private state: IndexState | undefined;
  /** Writes that arrive while a rebuild runs, replayed onto the new index before it is swapped in. */
  private rebuildLog: WriteOp[] | undefined;
  private changeCount = 0;

  constructor(private readonly indexName = 'listings') {}

  private current(): IndexState {
    this.state ??= new IndexState(this.settings);
    return this.state;
  }

  async ensureIndex(settings: IndexSettings = listingIndexSettings): Promise<void> {
    jieba(); // load the dictionary now rather than on the first request
    if (this.state && settings !== this.settings) {
      throw new Error('the embedded index was built with other settings: rebuild it to change them');
    }
    this.settings = settings;
    this.current();
  }

  /** Writes are searchable as soon as this returns; `options.wait` changes nothing here. */
  async upsert(docs: readonly SearchDocument[], _options?: WriteOptions): Promise<void> {
    const valid = docs.map((d) => searchDocumentSchema.parse(d));
    const state = this.current();
    for (const doc of valid) {
      state.upsert(doc);
      this.rebuildLog?.push({ upsert: doc });
    }
    this.changeCount += valid.length;
  }

  async delete(ids: readonly string[], _options?: WriteOptions): Promise<void> {
    const state = this.current();
    for (const id of ids) {
      state.delete(id);
      this.rebuildLog?.push({ delete: id });
    }
    this.changeCount += ids.length;
  }

  async clear(): Promise<void> {
    this.state = new IndexState(this.settings);
    this.changeCount++;
  }

  /** The `updatedAt` (ms) of the listing indexed under an id: NaN without a stored listing, undefined if absent. */
  versionOf(id: string): number | undefined {
    return this.current().versionOf(id);
  }

  /** The listing stored with the document of an id, if it is indexed with one. */
  storedListing(id: string): SearchDocument['listing'] {
    return this.current().storedListing(id);
  }

  /**
   * The organization names and badges (`organizationKey`) the indexed listings of an organization carry, with how
   * many listings carry each; undefined when none of its listings is indexed.
   */
  organizationCarried(organizationId: string): ReadonlyMap<string, number> | undefined {
    return this.current().organizations.of(organizationId);
  }

  /** Documents in the index now. */
  get documentCount(): number {
    return this.current().size;
  }

  /** Writes applied since the engine was made (a rebuild counts its documents): when to snapshot again. */
  get changes(): number {
    return this.changeCount;
  }

  /** A snapshot of the index as it is now, carrying `stamp` (what it covers), as the bytes of a file. */
  snapshot<Stamp>(stamp: Stamp): Buffer {
    return encodeSnapshot(this.current().exportParts(), indexFingerprint(this.settings), stamp);
  }

  /**
   * Replaces the index with a snapshot's and returns its stamp; throws `SnapshotRefused` (corrupt, or built with
   * other settings) and leaves the index as it was. `bodyCrc`: the checksum its reader computed (snapshotFile.ts).
   */
  restore<Stamp>(file: Buffer, bodyCrc?: number): Stamp {
    if (this.rebuildLog) throw new Error('a rebuild is running');
    const { parts, stamp } = decodeSnapshot<Stamp>(file, indexFingerprint(this.settings), bodyCrc);
    this.state = IndexState.fromParts(this.settings, parts);
    return stamp;
  }

  async rebuild(
    source: DocumentBatches,
    onProgress?: (indexed: number) => void,
  ): Promise<{ indexed: number }> {
    if (this.rebuildLog) throw new Error('a rebuild is already running');
    this.rebuildLog = [];
    try {
      const next = new IndexState(this.settings);
      let indexed = 0;
      for await (const batch of source) {
        for (const doc of batch) next.upsert(searchDocumentSchema.parse(doc));
        indexed += batch.length;
        onProgress?.(indexed);
        await new Promise((resolve) => setImmediate(resolve)); // let searches run between batches
      }
      for (const op of this.rebuildLog) {
        if ('upsert' in op) next.upsert(op.upsert);
        else next.delete(op.delete);
      }
      this.state = next;
      this.changeCount += indexed + this.rebuildLog.length;
      return { indexed };
    } finally {
      this.rebuildLog = undefined;
    }
  }

  async stats(): Promise<SearchStats> {
    return {
      engine: 'embedded',
      index: this.indexName,
      documents: this.current().size,
      indexing: !!this.rebuildLog,
    };
  }

  /** Writes here are applied before they return: nothing is ever left to confirm. */
  async checkWrites(): Promise<WriteCheck> {
    return { failed: [], unconfirmed: 0 };
  }

  async close(): Promise<void> {}

  async search(query: SearchQuery): Promise<SearchResult> {
    return this.run(query, (selected) => this.answer(selected, query));
  }

  findCandidates(queries: readonly SearchQuery[]): Promise<CandidateHit[]> {
    return searchCandidates(this, queries);
  }

  /**
   * The candidates as `findCandidates` finds them, each with its stored listing's JSON as the bytes the index
   * keeps, not decoded: the search RPC writes them out as they are.
   */
  storedCandidates(queries: readonly SearchQuery[]): Promise<StoredCandidate[]> {
    return firstFound(
      async (query) => ({
        hits: this.run(query, ({ state, slots, page, pageSize }) =>
          slots.slice((page - 1) * pageSize, page * pageSize).map((slot): StoredCandidate => {
            const id = state.columns.ids[slot]!;
            const listingJson = state.listingJson(slot);
            return listingJson ? { id, listingJson } : { id };
          }),
        ),
      }),
      queries,
    );
  }

  /** Runs a query and hands what it selected to `respond` while the scores are still held. */
  private run<T>(query: SearchQuery, respond: (selected: Selected) => T): T {
    const state = this.current();
    const { columns } = state;
    const page = Math.max(1, Math.floor(query.page ?? 1));
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize ?? DEFAULT_PAGE_SIZE)));
    const sort = query.sort ?? 'relevance';
    if (sort === 'distance' && !query.geo) throw new Error('sorting by distance needs a geo point');

    const allowed = DocumentColumns.narrows(query.filters, query.geo)
      ? columns.filterBits(query.filters, query.geo, state.slotCount)
      : null;
    // Like Meilisearch, only the first ten words of a query count.
    const words = wordsOf(state.readPinyin(query.q ?? ''));
    if (words.length === 0) {
      const slots = state.slotsIn(allowed);
      sortSlots(slots, sort, columns, query, null, page * pageSize);
      return respond({ state, slots, score: null, terms: [], page, pageSize });
    }
    const match = state.match(words, allowed);
    try {
      if (sort === 'relevance') titleBoost(state, match.slots, match.scores, words);
      sortSlots(match.slots, sort, columns, query, match.scores, page * pageSize);
      return respond({ state, slots: match.slots, score: match.score, terms: match.terms, page, pageSize });
    } finally {
      match.release();
    }
  }

  private answer({ state, slots, score, terms, page, pageSize }: Selected, query: SearchQuery): SearchResult {
    const matcher = query.highlight === false ? null : termMatcher(terms);
    const hits = slots.slice((page - 1) * pageSize, page * pageSize).map((slot): SearchHit => {
      const hit: SearchHit = { id: state.columns.ids[slot]!, score: score ? score(slot) : 0 };
      const { title, description, listing } = state.storedDocument(slot);
      if (listing) hit.listing = listing;
      if (matcher) {
        const highlight: SearchHighlight = {};
        const markedTitle = highlightText(title, matcher);
        const markedDescription = highlightText(description, matcher, DESCRIPTION_CROP);
        if (markedTitle) highlight.title = markedTitle;
        if (markedDescription) highlight.description = markedDescription;
        if (markedTitle || markedDescription) hit.highlight = highlight;
      }
      return hit;
    });
    const facets = query.facets?.length ? state.columns.countFacets(slots, query.facets) : {};
    return { hits, total: slots.length, page, pageSize, facets };
  }
}

/** How many of the best text matches are re-weighed by their title; the rest keep their text score. */
const TITLE_CHECKED = 2000;
/** A title holding every word of the query (place names aside) weighs this much more... */
const TITLE_ALL_WORDS = 0.5;
/** ...and this much more again when they stand in it as the query's phrase. */
const TITLE_PHRASE = 0.5;

/** Whether a query word names a district or street (徐汇, 浦东新区, 天平路街道) rather than what is sought. */
function isPlaceWord(word: string): boolean {
  return codesForWord(word, 1).some((hit) => hit.field === 'district' || hit.field === 'street');
}

/**
 * Raises, in place, the scores of the listings whose title holds the query's words, and more when as a phrase:
 * among 100,000 listings many mention a word, few are about it. Place names are left out of the check: they match
 * the listing's district or street, not its title. Only the best TITLE_CHECKED matches are re-weighed, so the cost
 * does not grow with the index.
 */
function titleBoost(state: IndexState, slots: number[], scores: Float64Array, words: readonly string[]): void {
  const wanted = words.filter((w) => !isPlaceWord(w));
  if (!wanted.length) return;
  let best = slots;
  if (slots.length > TITLE_CHECKED) {
    best = slots.slice();
    selectBestKeys(best, TITLE_CHECKED, scores);
  }
  // Whether a title holds a word is remembered per word (titleChecks.ts): most queries repeat words.
  const checks = wanted.map((w) => state.titleChecks.of(w, state.slotCount));
  const phrase = wanted.length > 1 ? state.titleChecks.of(wanted.join(''), state.slotCount) : null;
  const titleOf = (slot: number) => state.normalizedTitleOf(slot);
  // Every factor is read from the scores as they were before any is raised.
  const raised: number[] = [];
  const count = Math.min(best.length, TITLE_CHECKED);
  for (let i = 0; i < count; i++) {
    const slot = best[i]!;
    let holdsAll = true;
    for (let c = 0; c < checks.length && holdsAll; c++) holdsAll = titleHolds(checks[c]!, slot, titleOf);
    if (!holdsAll) continue;
    const factor = 1 + TITLE_ALL_WORDS + (phrase && titleHolds(phrase, slot, titleOf) ? TITLE_PHRASE : 0);
    raised.push(slot, scores[slot]! * factor);
  }
  for (let i = 0; i < raised.length; i += 2) scores[raised[i]!] = raised[i + 1]!;
}

/**
 * Orders matching slots in place so that the first `needed` are the best, in order (the rest stay unordered: only
 * a page of hits is returned, and facets and totals do not depend on order). Ties go to the newer listing, then
 * to the smaller id, so the order is total and pages are stable.
 */
function sortSlots(
  slots: number[],
  sort: NonNullable<SearchQuery['sort']>,
  columns: DocumentColumns,
  query: SearchQuery,
  scores: Float64Array | null,
  needed: number,
): void {
  const by: SlotOrder = { keys: null, ascending: false, createdAt: columns.createdAt, ids: columns.ids };
  if (sort === 'relevance') by.keys = scores;
  else if (sort === 'amount') by.keys = columns.amount;
  else if (sort === 'distance') {
    const distance = new Float64Array(columns.capacity);
    for (const slot of slots) distance[slot] = columns.distance(slot, query.geo!);
    by.keys = distance;
    by.ascending = true;
  }
  if (needed * 4 < slots.length) selectFirst(slots, needed, by);
  else slots.sort((a, b) => compareSlots(a, b, by));
}
