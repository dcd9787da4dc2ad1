import { describe, expect, it } from 'vitest';
import type { Listing } from '@app/shared';
import { candidateQuery, rankCandidates } from './rank.js';
import { scoreCandidate } from './score.js';
import { buildListing, NOW } from './testing.js';
import type { MatchOrganization } from './types.js';

const need = buildListing({
  side: 'need',
  kind: 'service',
  subkind: 'community-service',
  title: '需要为独居老人送午餐',
  domains: ['elderly'],
  district: '310104',
  street: '310104003',
  ownerId: 'resident-1',
});
const offer = (overrides: Partial<Listing> = {}) =>
  buildListing({
    kind: 'service',
    subkind: 'community-service',
    domains: ['elderly'],
    district: '310104',
    ...overrides,
  });
const ids = (listings: { listing: Listing }[]) => listings.map((m) => m.listing.id);

describe('rankCandidates', () => {
  it('explains each match shown as scoring the pair alone does', () => {
    const candidates = [
      offer({ id: 'near' }),
      offer({ id: 'far', district: '310151', endsAt: '2027-06-30T00:00:00+08:00' }),
      offer({ id: 'other-domain', domains: ['education'] }),
    ];
    for (const locale of ['zh-CN', 'en'] as const) {
      const ranking = rankCandidates(
        need,
        candidates,
        { now: NOW, relevanceOf: () => 0.3 },
        { locale, limit: 2 },
      );
      expect(ranking.matches).toHaveLength(2);
      for (const m of ranking.matches) {
        const alone = scoreCandidate({
          subject: need,
          candidate: m.listing,
          textRelevance: 0.3,
          now: NOW,
          locale,
        });
        expect(m).toEqual({ listing: m.listing, ...alone });
      }
    }
  });

  it('never returns the same side, closed, expired, full or own listings, nor kinds that cannot answer', () => {
    const good = offer({ id: 'good' });
    const candidates = [
      good,
      offer({ id: 'same-side', side: 'need' }),
      offer({ id: 'closed', status: 'closed' }),
      offer({ id: 'expired', status: 'expired' }),
      offer({ id: 'matched', status: 'matched' }),
      offer({ id: 'ended', endsAt: '2027-01-31T00:00:00+08:00' }),
      offer({ id: 'full', capacity: 5, capacityUsed: 5 }),
      offer({ id: 'own', ownerId: 'resident-1' }),
      offer({ id: 'venue', kind: 'venue', subkind: 'office' }),
      need,
    ];
    const ranking = rankCandidates(need, candidates, { now: NOW });
    expect(ids(ranking.matches)).toEqual(['good']);
    expect(ranking.excluded).toEqual([]);
  });

  it("leaves out the listings of the subject's own organization", () => {
    const orgNeed = { ...need, ownerId: 'member-a', organizationId: 'org-1' };
    const colleague = offer({ id: 'colleague', ownerId: 'member-b', organizationId: 'org-1' });
    const other = offer({ id: 'other', organizationId: 'org-2' });
    expect(ids(rankCandidates(orgNeed, [colleague, other], { now: NOW }).matches)).toEqual(['other']);
  });

  it('puts an ineligible candidate only under excluded, with its rule in the chosen language', () => {
    const xuhuiOnly = offer({ id: 'xuhui-only', eligibility: { districts: ['310104'] } });
    const minhangOnly = offer({ id: 'minhang-only', eligibility: { districts: ['310112'] } });
    const forRegistered = offer({ id: 'registered-only', eligibility: { registeredOnly: true } });
    const zh = rankCandidates(need, [xuhuiOnly, minhangOnly, forRegistered], { now: NOW });
    expect(ids(zh.matches)).toEqual(['xuhui-only']);
    expect(zh.excluded).toHaveLength(2);
    expect(zh.excluded.find((e) => e.listing.id === 'minhang-only')?.reasons).toEqual([
      { factor: 'eligibility.districts', detail: '仅限闵行区' },
    ]);
    expect(zh.excluded.find((e) => e.listing.id === 'registered-only')?.reasons).toEqual([
      { factor: 'eligibility.registeredOnly', detail: '需为已登记社会组织' },
    ]);
    const en = rankCandidates(need, [minhangOnly], { now: NOW }, { locale: 'en' });
    expect(en.matches).toEqual([]);
    expect(en.excluded[0]?.reasons).toEqual([
      { factor: 'eligibility.districts', detail: 'Minhang District only' },
    ]);
  });

  it("judges eligibility by the subject's organization when the subject is a need", () => {
    const grantNeed = {
      ...need,
      kind: 'funding' as const,
      subkind: 'grant' as const,
      organizationId: 'org-1',
    };
    const grant = offer({ id: 'grade-3', kind: 'funding', subkind: 'grant', eligibility: { minGrade: 3 } });
    const graded = (grade: number | null): MatchOrganization => ({
      type: 'social-service',
      registered: true,
      grade,
    });
    expect(ids(rankCandidates(grantNeed, [grant], { now: NOW, subjectOrg: graded(4) }).matches)).toEqual([
      'grade-3',
    ]);
    const low = rankCandidates(grantNeed, [grant], { now: NOW, subjectOrg: graded(2) });
    expect(low.matches).toEqual([]);
    expect(low.excluded[0]?.reasons[0]).toEqual({
      factor: 'eligibility.minGrade',
      detail: '评估等级需达到3A及以上',
    });
  });

  it("judges eligibility by each candidate need's organization when the subject is an offer", () => {
    const grant = offer({
      id: 'grant',
      kind: 'funding',
      subkind: 'grant',
      eligibility: { orgTypes: ['social-service'] },
    });
    const needOf = (id: string, organizationId?: string) =>
      buildListing({
        id,
        side: 'need',
        kind: 'funding',
        subkind: 'grant',
        ...(organizationId ? { organizationId } : {}),
      });
    const orgs: Record<string, MatchOrganization> = {
      agency: { type: 'social-service', registered: true, grade: null },
      team: { type: 'project-team', registered: false, grade: null },
    };
    const ranking = rankCandidates(
      grant,
      [needOf('agency-need', 'agency'), needOf('team-need', 'team'), needOf('resident-need')],
      { now: NOW, organizationOf: (l) => (l.organizationId ? orgs[l.organizationId] : undefined) },
    );
    expect(ids(ranking.matches)).toEqual(['agency-need']);
    expect(ids(ranking.excluded).sort()).toEqual(['resident-need', 'team-need']);
    expect(ranking.excluded[0]?.reasons[0]?.detail).toBe('仅限社会服务机构');
  });

  it('sorts by score, breaks ties by the newer listing, and keeps to the limit', () => {
    const near = offer({ id: 'near', street: '310104003', createdAt: '2027-01-01T00:00:00Z' });
    const older = offer({ id: 'older', createdAt: '2027-02-01T00:00:00Z' });
    const newer = offer({ id: 'newer', createdAt: '2027-04-01T00:00:00Z' });
    const far = offer({ id: 'far', district: '310151', createdAt: '2027-05-01T00:00:00Z' });
    const ranking = rankCandidates(need, [far, older, near, newer], { now: NOW });
    expect(ids(ranking.matches)).toEqual(['near', 'newer', 'older', 'far']);
    const scores = ranking.matches.map((m) => m.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(ranking.matches[1]?.score).toBe(ranking.matches[2]?.score);
    expect(ids(rankCandidates(need, [far, older, near, newer], { now: NOW }, { limit: 2 }).matches)).toEqual([
      'near',
      'newer',
    ]);
  });

  it("uses the search engine's relevance and the providers' records it is given", () => {
    const a = offer({ id: 'a' });
    const b = offer({ id: 'b', createdAt: '2027-05-02T00:00:00Z' });
    const byText = rankCandidates(need, [a, b], { now: NOW, relevanceOf: (l) => (l.id === 'a' ? 1 : 0) });
    expect(ids(byText.matches)).toEqual(['a', 'b']);
    const byRecord = rankCandidates(need, [a, b], {
      now: NOW,
      recordOf: (l) =>
        l.id === 'a' ? { responseRate: 1, completed: 30, averageRating: 5, reviews: 20 } : undefined,
    });
    expect(ids(byRecord.matches)).toEqual(['a', 'b']);
  });
});

describe('candidateQuery', () => {
  it('asks for open listings of the other side and fitting kinds, near the subject, with the title words', () => {
    const query = candidateQuery(need);
    expect(query).toEqual({
      side: 'offer',
      kind: expect.arrayContaining(['service', 'talent']),
      status: 'open',
      q: '为独居老人送午餐',
      near: { district: '310104', street: '310104003' },
      domain: ['elderly'],
      excludeOwnerId: 'resident-1',
    });
    expect(query.kind).not.toContain('venue');
    const venueOffer = buildListing({
      kind: 'venue',
      subkind: 'meeting-room',
      title: '提供免费会议室（20人）',
    });
    expect(candidateQuery(venueOffer)).toMatchObject({ side: 'need', kind: ['venue'], q: '会议室 20人' });
  });
});
