import { trusted } from 'mongoose';
import type { Logger } from 'pino';
import { ListingModel, type ListingRecord } from '../modules/listings/model.js';
import type { SearchDocument, SearchEngine } from './port.js';
import { loadSearchDocuments, toSearchDocuments } from './indexer.js';

const BATCH = 2000;

/** Every open listing as search documents, in batches, for a rebuild: one pass of one cursor. */
export async function* openListingDocuments(): AsyncGenerator<SearchDocument[]> {
  let batch: ListingRecord[] = [];
  for await (const listing of ListingModel.find({ status: 'open' })
    .lean<ListingRecord[]>()
    .cursor({ batchSize: BATCH })) {
    batch.push(listing as ListingRecord);
    if (batch.length === BATCH) {
      yield await toSearchDocuments(batch);
      batch = [];
    }
  }
  if (batch.length) yield await toSearchDocuments(batch);
}

/**
 * Repairs drift between the database and the index: when the index does not hold exactly the open listings'
 * count, it is rebuilt (into a fresh index swapped in atomically); listings changed since the last run are
 * re-indexed either way.
 */
export class SearchReconciler {
  private lastRun = new Date();

  constructor(
    private readonly engine: SearchEngine,
    private readonly logger: Logger,
  ) {}

  async rebuild(onProgress?: (indexed: number) => void): Promise<number> {
    const { indexed } = await this.engine.rebuild(openListingDocuments(), onProgress);
    return indexed;
  }

  async reconcile(): Promise<{ rebuilt: boolean; reindexed: number }> {
    const startedAt = new Date();
    const [expected, stats] = await Promise.all([
      ListingModel.countDocuments({ status: 'open' }),
      this.engine.stats(),
    ]);
    let rebuilt = false;
    if (stats.documents !== expected) {
      this.logger.warn(
        { expected, indexed: stats.documents },
        'search index drifted from the database; rebuilding',
      );
      await this.rebuild();
      rebuilt = true;
    }
    // A margin covers clocks and writes that were in flight at the last run.
    const since = new Date(this.lastRun.getTime() - 60_000);
    let reindexed = 0;
    if (!rebuilt) {
      const { docs } = await loadSearchDocuments({ updatedAt: trusted({ $gte: since }) });
      const open = docs.filter((d) => d.status === 'open');
      const closed = docs.filter((d) => d.status !== 'open').map((d) => d.id);
      // Not waited for: the process's SearchWriteMonitor asks how these writes ended and re-queues failures.
      if (open.length) await this.engine.upsert(open, { wait: false });
      if (closed.length) await this.engine.delete(closed, { wait: false });
      reindexed = docs.length;
    }
    this.lastRun = startedAt;
    return { rebuilt, reindexed };
  }
}
