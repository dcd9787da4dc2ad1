import type { Listing, Locale, Recommendations } from '@app/shared';
import type { AppContext } from '../../context.js';
import type { CandidateHit, SearchEngine, SearchQuery } from '../../search/port.js';
import { listingsOfHits } from '../listings/hitListings.js';
import { matchOrganizations, organizationOf, providerRecords } from './context.js';
import { candidateQuery, isOpenTo, rankCandidates, type Ranking } from './rank.js';
import { pairRelevance } from './textMatch.js';

/** How many candidates each search brings: by words, by domain, and nearby. */
const BY_WORDS = 100;
const BY_DOMAIN = 60;
const NEARBY = 40;

/**
 * The candidates for a listing from the search engine: the subject's words, its domains, and its district, each
 * listing once. The engine only finds them; their text relevance is judged on the pair (textMatch.ts), so a score
 * does not depend on what else the index holds, and the engine's scores and highlights are not asked for. One
 * call of the search port (one round trip to the primary's index with `WORKERS=n`).
 */
export function candidateHits(search: SearchEngine, subject: Listing): Promise<CandidateHit[]> {
  const cq = candidateQuery(subject);
  const base: SearchQuery['filters'] = {
    side: cq.side,
    status: ['open'],
    ...(cq.kind.length ? { kind: cq.kind } : {}),
  };
  return search.findCandidates([
    ...(cq.q ? [{ q: cq.q, filters: base, pageSize: BY_WORDS }] : []),
    { filters: { ...base, domain: cq.domain as never }, sort: 'newest', pageSize: BY_DOMAIN },
    { filters: { ...base, district: [cq.near.district] }, sort: 'newest', pageSize: NEARBY },
  ]);
}

/**
 * Recommendations for a listing: candidates from the search engine, ranked by the scoring function with every
 * score explained, and the near misses an eligibility rule ruled out.
 */
export function recommendationService(ctx: AppContext) {
  /** Ranks the given candidates for the subject with the organizations and records from the database. */
  async function rank(
    subject: Listing,
    candidates: Listing[],
    options: { limit: number; locale: Locale },
  ): Promise<Ranking> {
    // Records only of the owners of candidates open to the subject now, hence also when the ranking runs: the
    // others are left out before any record is read.
    const now = Date.now();
    const open = candidates.filter((c) => isOpenTo(subject, c, now));
    const [orgs, providers] = await Promise.all([
      matchOrganizations([subject.organizationId, ...candidates.map((c) => c.organizationId)]),
      providerRecords(open.map((c) => c.ownerId)),
    ]);
    const orgOf = organizationOf(orgs);
    return rankCandidates(
      subject,
      candidates,
      {
        subjectOrg: orgOf(subject),
        organizationOf: orgOf,
        recordOf: (l) => providers.get(l.ownerId),
        relevanceOf: pairRelevance(subject),
      },
      options,
    );
  }

  return {
    rank,
    async candidates(subject: Listing): Promise<Listing[]> {
      const hits = await candidateHits(ctx.search, subject);
      return [...(await listingsOfHits(hits)).values()].filter((l) => l.id !== subject.id);
    },
    async recommend(subject: Listing, options: { limit: number; locale: Locale }): Promise<Recommendations> {
      return rank(subject, await this.candidates(subject), options);
    },
  };
}
