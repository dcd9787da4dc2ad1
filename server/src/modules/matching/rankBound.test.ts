import { describe, expect, it } from 'vitest';
import { districts, domains, orgTypes, streets, subkinds, type Listing } from '@app/shared';
import { checkEligibility } from './eligibility.js';
import { rankCandidates } from './rank.js';
import { scoreCandidate } from './score.js';
import { buildListing, NOW } from './testing.js';
import type { MatchOrganization, ProviderRecord } from './types.js';

/** A small seeded generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick, chance: (p: number) => next() < p };
}

const day = (offset: number) => new Date(NOW.getTime() + offset * 86_400_000).toISOString();

/** Listings of every kind, place, window, amount and rule, many of them alike so that ties happen. */
function world(seed: number, count: number) {
  const { next, pick, chance } = generator(seed);
  const listing = (side: Listing['side'], id: string): Listing => {
    const sub = pick(subkinds.items);
    const street = chance(0.3) ? pick(streets.items) : undefined;
    const open = chance(0.1);
    const starts = chance(0.3) ? Math.floor(next() * 60) - 30 : undefined;
    const organizationId = chance(0.7) ? `org-${Math.floor(next() * 30)}` : undefined;
    const built = buildListing({
      id,
      side,
      kind: sub.kind,
      subkind: sub.code,
      domains: [pick(domains.codes), ...(chance(0.4) ? [pick(domains.codes)] : [])],
      district: street ? street.district : pick(districts.codes),
      ...(street ? { street: street.code } : {}),
      ...(chance(0.3)
        ? { amount: { min: Math.round(next() * 5) * 1000, max: 5000 + Math.round(next() * 5) * 5000 } }
        : {}),
      ...(chance(0.3) ? { capacity: 1 + Math.floor(next() * 40) } : {}),
      // A window that starts before it ends, either side of it open or not.
      ...(starts !== undefined ? { startsAt: day(starts) } : {}),
      ...(chance(0.3) ? { endsAt: day((starts ?? 0) + Math.floor(next() * 90)) } : {}),
      ...(side === 'offer' && chance(0.3)
        ? {
            eligibility: chance(0.5)
              ? { districts: [pick(districts.codes)] }
              : { registeredOnly: chance(0.5), minGrade: 1 + Math.floor(next() * 5) },
          }
        : {}),
      ...(organizationId ? { organizationId } : {}),
      ownerId: `owner-${Math.floor(next() * 60)}`,
      // Few distinct days: equal scores meet equal dates, and the id decides.
      createdAt: day(-Math.floor(next() * 5)),
    });
    // A sub-kind left open.
    if (open) delete built.subkind;
    return built;
  };
  const orgs = new Map<string, MatchOrganization>();
  for (let i = 0; i < 30; i++)
    orgs.set(`org-${i}`, {
      type: pick(orgTypes.codes),
      registered: chance(0.6),
      grade: chance(0.5) ? 1 + Math.floor(next() * 5) : null,
    });
  const records = new Map<string, ProviderRecord>();
  for (let i = 0; i < 60; i++)
    if (chance(0.7))
      records.set(`owner-${i}`, {
        ...(chance(0.8) ? { responseRate: next() } : {}),
        completed: Math.floor(next() * 10),
        ...(chance(0.6)
          ? { averageRating: 1 + next() * 4, reviews: 1 + Math.floor(next() * 8) }
          : { reviews: 0 }),
      });
  // Relevance in steps of a tenth, as the scores' rounding meets it.
  const relevance = new Map<string, number>();
  const listings = Array.from({ length: count }, (_, i) => {
    const l = listing(chance(0.5) ? 'need' : 'offer', `c${String(i).padStart(3, '0')}`);
    relevance.set(l.id, Math.round(next() * 10) / 10);
    return l;
  });
  const subject = (side: Listing['side']) => listing(side, 'subject');
  return { listings, subject, orgs, records, relevance };
}

/** The ranking as it was before the bound: every candidate scored with its words, then all of them sorted. */
function scoringEveryCandidate(
  subject: Listing,
  candidates: readonly Listing[],
  context: {
    subjectOrg: MatchOrganization | undefined;
    organizationOf: (l: Listing) => MatchOrganization | undefined;
    recordOf: (l: Listing) => ProviderRecord | undefined;
    relevanceOf: (l: Listing) => number;
  },
  limit: number,
  locale: 'zh-CN' | 'en',
) {
  const everyAvailable = rankCandidates(subject, candidates, { ...context, now: NOW }, { limit: 10_000 });
  const available = [...everyAvailable.matches, ...everyAvailable.excluded].map((m) => m.listing);
  const scored = available.map((candidate) => {
    const need = subject.side === 'need' ? subject : candidate;
    const offer = subject.side === 'need' ? candidate : subject;
    const takerOrg = subject.side === 'need' ? context.subjectOrg : context.organizationOf(candidate);
    return {
      listing: candidate,
      failures: checkEligibility(offer, takerOrg, need),
      ...scoreCandidate({
        subject,
        candidate,
        subjectOrg: context.subjectOrg,
        candidateOrg: context.organizationOf(candidate),
        textRelevance: context.relevanceOf(candidate),
        providerRecord: context.recordOf(candidate),
        locale,
        now: NOW,
      }),
    };
  });
  const order = (a: (typeof scored)[number], b: (typeof scored)[number]) =>
    b.score - a.score ||
    Date.parse(b.listing.createdAt) - Date.parse(a.listing.createdAt) ||
    (a.listing.id < b.listing.id ? -1 : 1);
  return {
    matches: scored
      .filter((s) => !s.failures.length)
      .sort(order)
      .slice(0, limit)
      .map(({ listing, score, label, reasons }) => ({ listing, score, label, reasons })),
    excluded: scored
      .filter((s) => s.failures.length)
      .sort(order)
      .slice(0, limit)
      .map(({ listing, failures }) => ({
        listing,
        reasons: failures.map((f) => ({ factor: f.factor, detail: f.detail[locale] })),
      })),
  };
}

describe('ranking by bound', () => {
  it('shows exactly what scoring every candidate with its words shows, weighing fewer of them', () => {
    let weighed = 0;
    let available = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { listings, subject, orgs, records, relevance } = world(seed, 150);
      for (const side of ['need', 'offer'] as const) {
        const s = subject(side);
        const context = {
          subjectOrg: s.organizationId ? orgs.get(s.organizationId) : undefined,
          organizationOf: (l: Listing) => (l.organizationId ? orgs.get(l.organizationId) : undefined),
          recordOf: (l: Listing) => records.get(l.ownerId),
          relevanceOf: (l: Listing) => relevance.get(l.id)!,
        };
        for (const limit of [1, 3, 10]) {
          const locale = limit === 3 ? 'en' : 'zh-CN';
          const asked: string[] = [];
          const ranking = rankCandidates(
            s,
            listings,
            {
              ...context,
              now: NOW,
              relevanceOf: (l) => (asked.push(l.id), context.relevanceOf(l)),
            },
            { limit, locale },
          );
          expect(ranking).toEqual(scoringEveryCandidate(s, listings, context, limit, locale));
          expect(new Set(asked).size).toBe(asked.length);
          weighed += asked.length;
          const all = rankCandidates(s, listings, { ...context, now: NOW }, { limit: 10_000 });
          available += all.matches.length + all.excluded.length;
        }
      }
    }
    // The bound leaves candidates out, or it would not be worth having.
    expect(weighed).toBeLessThan(available * 0.8);
  });
});
