import type { CandidateHit, SearchEngine, SearchQuery } from './port.js';

/**
 * `findCandidates` of an adapter that answers searches itself: the searches run together, without highlights or
 * facets, and each listing is kept once, where it was first found.
 */
export async function searchCandidates(
  engine: Pick<SearchEngine, 'search'>,
  queries: readonly SearchQuery[],
): Promise<CandidateHit[]> {
  const results = await Promise.all(
    queries.map(({ facets: _facets, ...query }) => engine.search({ ...query, highlight: false })),
  );
  const seen = new Set<string>();
  const candidates: CandidateHit[] = [];
  for (const { hits } of results) {
    for (const { id, listing } of hits) {
      if (seen.has(id)) continue;
      seen.add(id);
      candidates.push(listing ? { id, listing } : { id });
    }
  }
  return candidates;
}
