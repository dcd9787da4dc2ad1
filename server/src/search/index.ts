/** The search port and the factory that picks its adapter: Meilisearch when MEILI_HOST is set, else embedded. */
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
  config: Pick<Config, 'MEILI_HOST' | 'MEILI_MASTER_KEY'>,
  indexName = 'listings',
): SearchEngine {
  if (config.MEILI_HOST) {
    return new MeilisearchEngine({ host: config.MEILI_HOST, apiKey: config.MEILI_MASTER_KEY }, indexName);
  }
  return new EmbeddedSearchEngine(indexName);
}
