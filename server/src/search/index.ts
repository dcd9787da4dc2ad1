/**
 * Search over listings (docs/architecture.md, "The search port"). The port is `SearchEngine`;
 * `createSearchEngine` picks the adapter: Meilisearch when MEILI_HOST is set, else the embedded one. How the rest
 * of the server uses it:
 * - at boot: `await engine.ensureIndex()`; the embedded index starts empty, so boot reads it back from its snapshot
 *   (snapshots.ts) or runs `rebuild()` from the database (a cursor of `SearchDocument` batches);
 * - the indexer (a subscriber of `listing.changed`, delivered by the domain-event outbox in `lib/outbox.ts`)
 *   re-reads a changed listing and calls `upsert([projection])` or `delete([id])`;
 * - `npm run reindex` calls `rebuild()` with a progress callback; the `GET /api/search` route calls `search()` and
 *   loads the listings of the hits.
 * Search documents carry no contact data: build them with `searchDocumentSchema` in mind.
 */
import type { Config } from '../config/index.js';
import { EmbeddedSearchEngine } from './embedded/engine.js';
import { MeilisearchEngine } from './meilisearch/engine.js';
import type { SearchEngine } from './port.js';

export * from './port.js';
export { listingIndexSettings } from './settings.js';
export { EmbeddedSearchEngine } from './embedded/engine.js';
export { MeilisearchEngine } from './meilisearch/engine.js';

/** Builds the search engine for this configuration; call `ensureIndex()` on it before use. */
export function createSearchEngine(
  config: Partial<Pick<Config, 'MEILI_HOST' | 'MEILI_MASTER_KEY' | 'MEILI_API_KEY'>>,
  indexName = 'listings',
): SearchEngine {
  if (config.MEILI_HOST) {
    // The server's own key when it has one; the master key only where nothing else is set (development, tests).
    const apiKey = config.MEILI_API_KEY ?? config.MEILI_MASTER_KEY;
    return new MeilisearchEngine({ host: config.MEILI_HOST, apiKey }, indexName);
  }
  return new EmbeddedSearchEngine(indexName);
}
