/**
 * The one Meilisearch pair this adapter is written for: the server release docker-compose.yml runs, and the
 * `meilisearch` client release in server/package.json. The client's compatibility note covers every 1.x server,
 * with some features possibly absent; its types follow the newest server, so the adapter sends only what
 * this server release reads. docs/deployment.md says why this pair, and a test checks all three places agree.
 */
export const PINNED_MEILISEARCH = { server: '1.11.3', client: '0.62.0' } as const;
