/**
 * The Meilisearch adapter, through the official client. Documents carry the same derived label and place text as
 * the embedded adapter, and its segmented words; synonyms and stop words come from the same settings. It speaks
 * the API of the Meilisearch release in ./pinned.ts, whatever newer fields the client's types know.
 */
import {
  Meilisearch,
  type EnqueuedTask,
  type EnqueuedTaskPromise,
  type Index,
  type SearchParams,
  type Settings,
  type Task,
} from 'meilisearch';
import { amountBucketOf, type AmountBucket, type Listing } from '@app/shared';
import { searchCandidates } from '../candidates.js';
import { amountSortValue, labelTexts, placeTexts, segmentedWords } from '../documentText.js';
import { markedToHtml, MEILI_POST_TAG, MEILI_PRE_TAG } from '../highlight.js';
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  searchDocumentSchema,
  type CandidateHit,
  type DocumentBatches,
  type FacetName,
  type IndexSettings,
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
import { synonymWords } from '../../lib/text/synonyms.js';
import { domainPinyinLexicon, expandPinyin } from '../../lib/text/pinyin.js';
import { buildFilter, filterableAttributes, geoPoint } from './filters.js';
import { UnconfirmedWrites } from './unconfirmedWrites.js';

/** What Meilisearch stores: the search document plus derived text and a sort key. */
interface MeiliListing extends Omit<SearchDocument, '_geo'> {
  labels: string[];
  places: string[];
  /** The free text's words as jieba's search mode cuts them, so compounds are found by their parts. */
  segments: string;
  amountSort: number;
  /** The bucket of `amountMax` the amount facet counts; absent without an amountMax. */
  amountBucket?: AmountBucket;
  _geo?: { lat: number; lng: number };
}

type WriteLog = ({ upsert: SearchDocument[] } | { delete: string[] })[];

/** Facet names of the port → document attributes. */
const FACET_ATTRIBUTE: Record<FacetName, string> = {
  side: 'side',
  kind: 'kind',
  subkind: 'subkind',
  domain: 'domains',
  district: 'district',
  street: 'street',
  status: 'status',
  amount: 'amountBucket',
};

/** Task waits: settings and swaps are quick; a large batch of documents can take a while. */
const WAIT = { timeout: 120_000, interval: 50 };

export interface MeilisearchOptions {
  host: string;
  apiKey?: string;
}

/** Throws the task's own error when a task did not succeed. */
function succeeded(task: Task): Task {
  if (task.status !== 'succeeded') {
    throw new Error(
      `Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? ''}`,
    );
  }
  return task;
}

function toMeili(doc: SearchDocument): MeiliListing {
  const { _geo, ...rest } = searchDocumentSchema.parse(doc);
  return {
    ...rest,
    labels: labelTexts(doc),
    places: placeTexts(doc),
    segments: segmentedWords(doc),
    amountSort: amountSortValue(doc),
    ...(rest.amountMax != null ? { amountBucket: amountBucketOf(rest.amountMax) } : {}),
    ...(_geo ? { _geo: { lat: _geo.lat, lng: _geo.lng } } : {}),
  };
}

export function meiliSettings(settings: IndexSettings): Settings {
  const synonyms: Record<string, string[]> = {};
  for (const group of settings.synonyms)
    for (const word of group) synonyms[word] = group.filter((w) => w !== word);
  return {
    // Order matters: Meilisearch's attribute rule ranks a match in an earlier attribute higher.
    // The segmented words come last: a word found whole in the title still ranks as a title match.
    searchableAttributes: [...settings.searchable.map((s) => s.field), 'segments'],
    filterableAttributes: [...filterableAttributes],
    sortableAttributes: ['createdAt', 'amountSort', '_geo'],
    // `sort` first: a requested order (newest, amount, distance) is strict; without one, relevance decides.
    rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
    synonyms,
    stopWords: [...settings.stopWords],
    dictionary: [...synonymWords()],
    localizedAttributes: [{ attributePatterns: ['*'], locales: ['cmn', 'eng'] }],
    faceting: { maxValuesPerFacet: 500 },
    pagination: { maxTotalHits: 100_000 },
  };
}

export class MeilisearchEngine implements SearchEngine {
  readonly engine = 'meilisearch' as const;
  private readonly client: Meilisearch;
  private settings: IndexSettings = listingIndexSettings;
  /** Writes that arrive while a rebuild runs, replayed so the swapped-in index misses none of them. */
  private rebuildLog: WriteLog | undefined;
  /** Writes sent with `wait: false`, until `checkWrites()` sees their task end. */
  private readonly unconfirmed: UnconfirmedWrites;

  constructor(
    options: MeilisearchOptions,
    private readonly indexName = 'listings',
  ) {
    this.client = new Meilisearch({ host: options.host, apiKey: options.apiKey });
    this.unconfirmed = new UnconfirmedWrites(this.client.tasks);
  }

  private index(uid = this.indexName): Index<MeiliListing> {
    return this.client.index<MeiliListing>(uid);
  }

  private async prepare(uid: string, settings: IndexSettings): Promise<void> {
    const created = await this.client.createIndex(uid, { primaryKey: 'id' }).waitTask(WAIT);
    if (created.status !== 'succeeded' && created.error?.code !== 'index_already_exists') succeeded(created);
    succeeded(await this.index(uid).updateSettings(meiliSettings(settings)).waitTask(WAIT));
  }

  async ensureIndex(settings: IndexSettings = listingIndexSettings): Promise<void> {
    this.settings = settings;
    await this.prepare(this.indexName, settings);
  }

  async upsert(docs: readonly SearchDocument[], options: WriteOptions = {}): Promise<void> {
    if (docs.length === 0) return;
    const listings = docs.map(toMeili);
    this.rebuildLog?.push({ upsert: [...docs] });
    const enqueued = this.index().addDocuments(listings, { primaryKey: 'id' });
    await this.settle(
      enqueued,
      docs.map((d) => d.id),
      options,
    );
  }

  async delete(ids: readonly string[], options: WriteOptions = {}): Promise<void> {
    if (ids.length === 0) return;
    this.rebuildLog?.push({ delete: [...ids] });
    const enqueued = this.index().deleteDocuments([...ids]);
    await this.settle(enqueued, [...ids], options);
  }

  /** Waits for a write's task, or notes it for `checkWrites()` when the caller does not wait. */
  private async settle(enqueued: EnqueuedTaskPromise, ids: string[], options: WriteOptions): Promise<void> {
    if (options.wait ?? true) {
      succeeded(await enqueued.waitTask(WAIT));
      return;
    }
    const task: EnqueuedTask = await enqueued;
    this.unconfirmed.add(task.taskUid, ids);
  }

  async checkWrites(): Promise<WriteCheck> {
    return this.unconfirmed.check();
  }

  async clear(): Promise<void> {
    succeeded(await this.index().deleteAllDocuments().waitTask(WAIT));
  }

  /** Fills a fresh index, replays writes made meanwhile, and swaps it with the live one in one task. */
  async rebuild(
    source: DocumentBatches,
    onProgress?: (indexed: number) => void,
  ): Promise<{ indexed: number }> {
    if (this.rebuildLog) throw new Error('a rebuild is already running');
    const log: WriteLog = [];
    this.rebuildLog = log;
    const fresh = `${this.indexName}_rebuild_${Date.now()}`;
    try {
      await this.prepare(this.indexName, this.settings);
      await this.prepare(fresh, this.settings);
      let indexed = 0;
      for await (const batch of source) {
        if (batch.length) succeeded(await this.index(fresh).addDocuments(batch.map(toMeili)).waitTask(WAIT));
        indexed += batch.length;
        onProgress?.(indexed);
      }
      const replayed = await this.replay(log, 0, fresh);
      await this.swap(this.indexName, fresh);
      this.rebuildLog = undefined;
      // Writes enqueued on the live name before the swap went to the old index: apply them to the new one too.
      await this.replay(log, replayed, this.indexName);
      return { indexed };
    } finally {
      this.rebuildLog = undefined;
      await this.client
        .deleteIndex(fresh)
        .waitTask(WAIT)
        .catch(() => undefined);
    }
  }

  /**
   * Swaps two indexes in one task. The pinned Meilisearch knows only `indexes` in a swap and refuses any other
   * field with a 400 (`rename` came in 1.18), while the client's type demands `rename`: so the body is sent as
   * that version reads it, through the client's plain request.
   */
  private async swap(a: string, b: string): Promise<void> {
    const task = await this.client.httpRequest.post<EnqueuedTask>({
      path: 'swap-indexes',
      body: [{ indexes: [a, b] }],
    });
    succeeded(await this.client.tasks.waitForTask(task, WAIT));
  }

  /** Applies logged writes from position `from` onwards to an index; returns the position it reached. */
  private async replay(log: WriteLog, from: number, uid: string): Promise<number> {
    let i = from;
    for (; i < log.length; i++) {
      const op = log[i]!;
      const enqueued =
        'upsert' in op
          ? this.index(uid).addDocuments(op.upsert.map(toMeili))
          : this.index(uid).deleteDocuments(op.delete);
      succeeded(await enqueued.waitTask(WAIT));
    }
    return i;
  }

  async stats(): Promise<SearchStats> {
    const stats = await this.index().getStats();
    return {
      engine: 'meilisearch',
      index: this.indexName,
      documents: stats.numberOfDocuments,
      indexing: stats.isIndexing,
    };
  }

  async close(): Promise<void> {}

  async search(query: SearchQuery): Promise<SearchResult> {
    const page = Math.max(1, Math.floor(query.page ?? 1));
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize ?? DEFAULT_PAGE_SIZE)));
    const sort = query.sort ?? 'relevance';
    if (sort === 'distance' && !query.geo) throw new Error('sorting by distance needs a geo point');
    // Pinyin is read against the domain's words only (taxonomy labels, places, synonyms): zhucan → 助餐.
    const q = expandPinyin((query.q ?? '').trim(), domainPinyinLexicon());
    const facets = [...new Set(query.facets ?? [])];

    const params = {
      filter: buildFilter(query.filters, query.geo),
      facets: facets.map((f) => FACET_ATTRIBUTE[f]),
      sort: sortParam(sort, q, query),
      page,
      hitsPerPage: pageSize,
      attributesToRetrieve: ['id', 'title', 'description', 'listing'],
      attributesToHighlight: q && query.highlight !== false ? ['title', 'description'] : [],
      attributesToCrop: q && query.highlight !== false ? ['description'] : [],
      cropLength: 40,
      cropMarker: '…',
      highlightPreTag: MEILI_PRE_TAG,
      highlightPostTag: MEILI_POST_TAG,
      showRankingScore: true,
      matchingStrategy: 'all',
      locales: ['cmn', 'eng'],
    } satisfies SearchParams;
    let answer = await this.index().search(q, params);
    // All words first; when no listing has them all, let Meilisearch drop words from the end of the query.
    if (answer.totalHits === 0 && q) {
      answer = await this.index().search(q, { ...params, matchingStrategy: 'last' });
    }

    const hits = answer.hits.map((hit): SearchHit => {
      const out: SearchHit = { id: String(hit.id), score: hit._rankingScore ?? 0 };
      if (hit.listing) out.listing = hit.listing as Listing; // written by this adapter from a parsed document
      const highlight: SearchHighlight = {};
      const title = hit._formatted?.title;
      const description = hit._formatted?.description;
      if (typeof title === 'string' && title.includes(MEILI_PRE_TAG)) highlight.title = markedToHtml(title);
      if (typeof description === 'string' && description.includes(MEILI_PRE_TAG)) {
        highlight.description = markedToHtml(description);
      }
      if (highlight.title || highlight.description) out.highlight = highlight;
      return out;
    });

    const distribution = answer.facetDistribution ?? {};
    const facetCounts: SearchResult['facets'] = {};
    for (const f of facets) {
      const counts = distribution[FACET_ATTRIBUTE[f]] ?? {};
      facetCounts[f] = Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
    }
    return { hits, total: answer.totalHits, page, pageSize, facets: facetCounts };
  }

  findCandidates(queries: readonly SearchQuery[]): Promise<CandidateHit[]> {
    return searchCandidates(this, queries);
  }
}

function sortParam(
  sort: NonNullable<SearchQuery['sort']>,
  q: string,
  query: SearchQuery,
): string[] | undefined {
  switch (sort) {
    case 'relevance':
      return q ? undefined : ['createdAt:desc'];
    case 'newest':
      return ['createdAt:desc'];
    case 'amount':
      return ['amountSort:desc', 'createdAt:desc'];
    case 'distance':
      return [`_geoPoint(${geoPoint(query.geo!)}):asc`, 'createdAt:desc'];
  }
}
