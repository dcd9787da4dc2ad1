/**
 * The internal search RPC between the primary process (which holds the one embedded index) and its HTTP workers:
 * one POST per `SearchEngine` call on 127.0.0.1, a JSON array of arguments in, `{ result }` or `{ error }` out,
 * authenticated by a token made anew at every start and handed to the workers in their environment.
 */

/** The header carrying the primary's token. */
export const SEARCH_TOKEN_HEADER = 'x-search-token';

/** The calls the host answers, each a path (`POST /<call>`). */
export const searchCalls = [
  'ensureIndex',
  'upsert',
  'delete',
  'search',
  'stats',
  'clear',
  'checkWrites',
  'rebuild.begin',
  'rebuild.batch',
  'rebuild.end',
  'rebuild.abort',
] as const;
export type SearchCall = (typeof searchCalls)[number];

export const isSearchCall = (name: string): name is SearchCall =>
  (searchCalls as readonly string[]).includes(name);

/** Where a worker finds the primary's search host (environment variables set by the primary). */
export interface SearchHostAddress {
  url: string;
  token: string;
}

export const SEARCH_HOST_ENV = { url: 'RL_SEARCH_HOST_URL', token: 'RL_SEARCH_HOST_TOKEN' } as const;

/** The host's address from the environment, when this process is a worker of a primary holding the index. */
export function searchHostFromEnv(env: NodeJS.ProcessEnv = process.env): SearchHostAddress | undefined {
  const url = env[SEARCH_HOST_ENV.url];
  const token = env[SEARCH_HOST_ENV.token];
  return url && token ? { url, token } : undefined;
}

/** The largest request body the host reads: a rebuild batch of 2,000 listings with long descriptions fits. */
export const MAX_CALL_BYTES = 256 * 1024 * 1024;
