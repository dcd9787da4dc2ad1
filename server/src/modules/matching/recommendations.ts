import type { Listing, Locale, Recommendations } from '@app/shared';
import type { AppContext } from '../../context.js';
import type { SearchHit, SearchQuery } from '../../search/port.js';
import { listingsOfHits } from '../listings/hitListings.js';
import { matchOrganizations, organizationOf, providerRecords } from './context.js';
import { candidateQuery, rankCandidates } from './rank.js';

/** How many candidates each search brings: by words, by domain, and nearby. */
const BY_WORDS = 80;
const BY_DOMAIN = 60;
const NEARBY = 40;

/**
 * Recommendations for a listing: candidates from the search engine (the subject's words, its domains, its
 * district), ranked by the scoring function with every score explained, and the near misses an eligibility
 * rule ruled out.
 */
export function recommendationService(ctx: AppContext) {
  async function candidateHits(
    subject: Listing,
  ): Promise<{ hits: SearchHit[]; relevance: Map<string, number> }> {
    const cq = candidateQuery(subject);
    const base: SearchQuery['filters'] = {
      side: cq.side,
      status: ['open'],
      ...(cq.kind.length ? { kind: cq.kind } : {}),
    };
    const [byWords, byDomain, nearby] = await Promise.all([
      cq.q ? ctx.search.search({ q: cq.q, filters: base, pageSize: BY_WORDS }) : undefined,
      ctx.search.search({
        filters: { ...base, domain: cq.domain as never },
        sort: 'newest',
        pageSize: BY_DOMAIN,
      }),
      ctx.search.search({
        filters: { ...base, district: [cq.near.district] },
        sort: 'newest',
        pageSize: NEARBY,
      }),
    ]);
    // The engine's scores are comparable within one answer: the best hit by words is relevance 1.
    const top = byWords?.hits[0]?.score ?? 0;
    const relevance = new Map((byWords?.hits ?? []).map((h) => [h.id, top > 0 ? h.score / top : 0]));
    return { hits: [...(byWords?.hits ?? []), ...byDomain.hits, ...nearby.hits], relevance };
  }

  return {
    async recommend(subject: Listing, options: { limit: number; locale: Locale }): Promise<Recommendations> {
      const { hits, relevance } = await candidateHits(subject);
      const candidates = [...(await listingsOfHits(hits)).values()].filter((l) => l.id !== subject.id);
      const [orgs, providers] = await Promise.all([
        matchOrganizations([subject.organizationId, ...candidates.map((c) => c.organizationId)]),
        providerRecords(candidates.map((c) => c.ownerId)),
      ]);
      const orgOf = organizationOf(orgs);
      return rankCandidates(
        subject,
        candidates,
        {
          subjectOrg: orgOf(subject),
          organizationOf: orgOf,
          recordOf: (l) => providers.get(l.ownerId),
          relevanceOf: (l) => relevance.get(l.id) ?? 0,
        },
        options,
      );
    },
  };
}
