import type { CandidateHit, SearchEngine, SearchQuery, SearchResult } from './port.js';

/**
 * The hits several searches find, each once, where it was first found: the searches run together, without
 * highlights or facets. `search` answers one of them with hits of any shape that carry an id.
 */
export async function firstFound<Hit extends { id: string }>(
  search: (query: SearchQuery) => Promise<{ hits: Hit[] }>,
  queries: readonly SearchQuery[],
): Promise<Hit[]> {
  const results = await Promise.all(
    queries.map(({ facets: _facets, ...query }) => search({ ...query, highlight: false })),
  );
  const seen = new Set<string>();
  const found: Hit[] = [];
  for (const { hits } of results) {
    for (const hit of hits) {
      if (seen.has(hit.id)) continue;
      seen.add(hit.id);
      found.push(hit);
    }
  }
  return found;
}

/** `findCandidates` of an adapter that answers searches itself: each listing once, where it was first found. */
export async function searchCandidates(
  engine: Pick<SearchEngine, 'search'>,
  queries: readonly SearchQuery[],
): Promise<CandidateHit[]> {
  const hits = await firstFound((query): Promise<SearchResult> => engine.search(query), queries);
  return hits.map(({ id, listing }) => (listing ? { id, listing } : { id }));
}

/**
 * A candidate as an index that keeps listings as JSON holds it: its id and its stored listing's JSON as bytes, not
 * decoded (the search RPC writes them out as they are; lib/jsonText.ts gives the same text for a decoded one).
 */
export interface StoredCandidate {
  id: string;
  listingJson?: Uint8Array;
}

/** An adapter that can hand the candidates' listings over as their stored JSON (the embedded one). */
export interface StoredCandidateSource {
  storedCandidates(queries: readonly SearchQuery[]): Promise<StoredCandidate[]>;
}

export const hasStoredCandidates = (engine: object): engine is StoredCandidateSource =>
  typeof (engine as Partial<StoredCandidateSource>).storedCandidates === 'function';
