import { trusted } from 'mongoose';
import type { Logger } from 'pino';
import type { Types } from 'mongoose';
import { ListingModel, type ListingRecord } from '../modules/listings/model.js';
import { presentListings } from '../modules/listings/presenter.js';
import type { SearchDocument, SearchEngine } from './port.js';
import { toSearchDocument } from './listingDocument.js';

const BATCH = 500;

/** Search documents for listings, presented as the API shows them (one organization lookup per batch). */
export async function toSearchDocuments(listings: ListingRecord[]): Promise<SearchDocument[]> {
  return (await presentListings(listings)).map(toSearchDocument);
}

/** Loads the listings a filter selects, as search documents. */
export async function loadSearchDocuments(
  filter: object,
): Promise<{ docs: SearchDocument[]; listings: ListingRecord[] }> {
  const listings = await ListingModel.find(filter).sort({ _id: 1 }).lean<ListingRecord[]>();
  return { docs: await toSearchDocuments(listings), listings };
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (err: unknown) => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A failed batch is reported by whoever waits; nobody waiting is no unhandled rejection.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/**
 * Applies changed listings to the search index, in batches. It is told only "these listings changed" (by the
 * `listing.changed` subscriber, which the domain-event outbox delivers at least once): it re-reads each listing's
 * current state (or takes it from the writer that just committed it), and after applying it checks that the
 * listing has not changed since, so an old event can never put back an old version. Open listings are upserted,
 * all others removed. Listings named while a batch runs are taken together by the next one.
 */
export class SearchIndexer {
  private queued = new Set<string>();
  /** Queued listings handed over by their writer as it committed them (not read again before indexing). */
  private given = new Map<string, ListingRecord>();
  /** Settles when the batch that will take the queued listings is applied. */
  private next: Deferred | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly engine: SearchEngine,
    private readonly logger: Logger,
  ) {}

  /**
   * Resolves once the index shows these listings as they are now; rejects if applying them failed. `committed`:
   * one of them as its writer committed it a moment ago, indexed without reading it (and checked afterwards, as a
   * read one is, that it has not changed since).
   */
  apply(listingIds: readonly string[], committed?: ListingRecord): Promise<void> {
    if (!listingIds.length) return Promise.resolve();
    for (const id of listingIds) {
      this.queued.add(id);
      this.given.delete(id);
    }
    if (committed && this.queued.has(String(committed._id))) this.given.set(String(committed._id), committed);
    this.next ??= deferred();
    const applied = this.next.promise;
    // Started a moment later: the listings named by the same delivery (an acceptance changes two) go in one batch.
    this.running ??= Promise.resolve()
      .then(() => this.drain())
      .finally(() => (this.running = undefined));
    return applied;
  }

  /** Resolves once nothing is being applied. */
  async stop(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    while (this.queued.size) {
      const ids = [...this.queued];
      const given = this.given;
      const waiting = this.next!;
      this.queued = new Set();
      this.given = new Map();
      this.next = undefined;
      try {
        for (let i = 0; i < ids.length; i += BATCH) await this.applyBatch(ids.slice(i, i + BATCH), given);
        waiting.resolve();
      } catch (err) {
        this.logger.error({ err }, 'search indexing failed; the outbox delivers the change again');
        waiting.reject(err);
      }
    }
  }

  private async applyBatch(ids: string[], given: Map<string, ListingRecord>): Promise<void> {
    const unread = ids.filter((id) => !given.has(id));
    const read = unread.length
      ? await ListingModel.find({ _id: trusted({ $in: unread }) }).lean<ListingRecord[]>()
      : [];
    const listings = [...ids.flatMap((id) => given.get(id) ?? []), ...read];
    const docs = await toSearchDocuments(listings);
    const open = docs.filter((d) => d.status === 'open');
    const openIds = new Set(open.map((d) => d.id));
    const gone = ids.filter((id) => !openIds.has(id));
    if (open.length) await this.engine.upsert(open);
    if (gone.length) await this.engine.delete(gone);
    await this.requeueChangedSince(listings);
  }

  /** A listing changed while we indexed it (perhaps by another process): index it once more. */
  private async requeueChangedSince(read: ListingRecord[]): Promise<void> {
    if (!read.length) return;
    const now = await ListingModel.find({ _id: trusted({ $in: read.map((l) => l._id) }) })
      .select({ updatedAt: 1 })
      .lean<{ _id: Types.ObjectId; updatedAt: Date }[]>();
    const seen = new Map(read.map((l) => [String(l._id), l.updatedAt.getTime()]));
    for (const l of now) {
      if (seen.get(String(l._id)) !== l.updatedAt.getTime()) {
        this.queued.add(String(l._id));
        this.next ??= deferred();
      }
    }
  }
}
