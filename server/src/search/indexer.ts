import { trusted } from 'mongoose';
import type { Logger } from 'pino';
import type { Types } from 'mongoose';
import { ListingModel, type ListingRecord } from '../modules/listings/model.js';
import { presentListings } from '../modules/listings/presenter.js';
import type { SearchDocument, SearchEngine } from './port.js';
import { claimOutboxEntries, completeOutboxEntries, recordListingChange } from './outbox.js';
import { toSearchDocument } from './listingDocument.js';

const BATCH = 500;
const CLAIM_MS = 30_000;

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

/**
 * Feeds the search index from the outbox. Each entry says only "this listing changed": the indexer re-reads the
 * listing's current state, so an old entry can never put back an old version. Open listings are upserted, all
 * others removed.
 */
export class SearchIndexer {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly engine: SearchEngine,
    private readonly logger: Logger,
  ) {}

  /** Process the outbox soon; calls while a run is going coalesce into one more run. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          while ((await this.processBatch()) > 0);
        } while (this.again);
      } catch (err) {
        this.logger.error({ err }, 'search indexing failed; the outbox keeps the work for the next run');
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Polls the outbox too, for entries left by another process or a crashed run. */
  start(pollMs = 1000): void {
    this.timer = setInterval(() => void this.kick(), pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Handles one batch; returns how many outbox entries it completed. */
  private async processBatch(): Promise<number> {
    const entries = await claimOutboxEntries(BATCH, CLAIM_MS);
    if (!entries.length) return 0;
    const ids = [...new Set(entries.map((e) => String(e.listingId)))];
    const { docs, listings } = await loadSearchDocuments({ _id: trusted({ $in: ids }) });
    const open = docs.filter((d) => d.status === 'open');
    const openIds = new Set(open.map((d) => d.id));
    const gone = ids.filter((id) => !openIds.has(id));
    if (open.length) await this.engine.upsert(open);
    if (gone.length) await this.engine.delete(gone);
    await completeOutboxEntries(entries.map((e) => e._id));
    await this.requeueChangedSince(listings);
    return entries.length;
  }

  /** A listing changed while we indexed it (perhaps by another process): index it once more. */
  private async requeueChangedSince(read: ListingRecord[]): Promise<void> {
    if (!read.length) return;
    const now = await ListingModel.find({ _id: trusted({ $in: read.map((l) => l._id) }) })
      .select({ updatedAt: 1 })
      .lean<{ _id: Types.ObjectId; updatedAt: Date }[]>();
    const seen = new Map(read.map((l) => [String(l._id), l.updatedAt.getTime()]));
    for (const l of now) {
      if (seen.get(String(l._id)) !== l.updatedAt.getTime()) await recordListingChange(l._id);
    }
  }
}
