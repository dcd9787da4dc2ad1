import { describe, expect, it } from 'vitest';
import type { Listing } from '@app/shared';
import { scoreCandidate, type ScoreInput } from './score.js';
import { buildListing, NOW } from './testing.js';
import type { ScoreFactor } from './types.js';
import { assertWeights, FACTOR_ORDER, WEIGHTS } from './weights.js';

const reason = (result: ReturnType<typeof scoreCandidate>, factor: ScoreFactor) => {
  const r = result.reasons.find((x) => x.factor === factor);
  if (!r) throw new Error(`no ${factor} reason`);
  return r;
};

const score = (need: Listing, offer: Listing, extra: Partial<ScoreInput> = {}) =>
  scoreCandidate({ subject: need, candidate: offer, textRelevance: 0.5, now: NOW, ...extra });

const need = (overrides: Partial<Listing> = {}) => buildListing({ side: 'need', ...overrides });

describe('the weights', () => {
  it('are whole numbers summing to 100, one per factor', () => {
    expect(() => assertWeights(WEIGHTS)).not.toThrow();
    expect(Object.keys(WEIGHTS).sort()).toEqual([...FACTOR_ORDER].sort());
    expect(() => assertWeights({ ...WEIGHTS, kind: WEIGHTS.kind + 1 })).toThrow(/sum to 100/);
  });
});

describe('scoreCandidate', () => {
  it('gives the full 100 to a perfect pair and lists the factors in their order', () => {
    const n = need({ kind: 'venue', subkind: 'meeting-room', street: '310104003', capacity: 20 });
    const offer = buildListing({ kind: 'venue', subkind: 'meeting-room', street: '310104003', capacity: 20 });
    const result = score(n, offer, {
      textRelevance: 1,
      providerRecord: { responseRate: 1, completed: 10_000, averageRating: 5, reviews: 10_000 },
    });
    expect(result.score).toBe(100);
    expect(result.reasons.map((r) => r.factor)).toEqual(FACTOR_ORDER);
  });

  it('scores the same pair the same whichever side is the subject', () => {
    const n = need({ domains: ['elderly'], capacity: 3 });
    const offer = buildListing({ domains: ['elderly', 'health'], district: '310105', capacity: 10 });
    expect(score(offer, n).score).toBe(score(n, offer).score);
  });

  it('ranks the same street above the same district above a neighbouring one above the far suburbs', () => {
    const n = need({ kind: 'talent', subkind: 'volunteer', district: '310104', street: '310104003' });
    const at = (district: string, street?: string) =>
      score(
        n,
        buildListing({ kind: 'talent', subkind: 'volunteer', district, ...(street ? { street } : {}) }),
      );
    const sameStreet = at('310104', '310104003');
    const sameDistrict = at('310104', '310104011');
    const neighbour = at('310105', '310105008');
    const far = at('310151');
    const points = [sameStreet, sameDistrict, neighbour, far].map((r) => reason(r, 'place').points);
    expect(points[0]).toBeGreaterThan(points[1]!);
    expect(points[1]).toBeGreaterThan(points[2]!);
    expect(points[2]).toBeGreaterThan(points[3]!);
    expect(sameStreet.score).toBeGreaterThan(sameDistrict.score);
    expect(reason(sameStreet, 'place').detail).toBe('同在徐汇区天平路街道');
    expect(reason(sameDistrict, 'place').detail).toBe('同在徐汇区');
    expect(reason(neighbour, 'place').detail).toMatch(/^徐汇区与长宁区相邻（相距约\d+公里）$/);
  });

  it('lets money travel: a far grant loses little for place, a far venue loses much', () => {
    const fundingNeed = need({ kind: 'funding', subkind: 'grant', district: '310104' });
    const venueNeed = need({ kind: 'venue', subkind: 'event-space', district: '310104' });
    const farGrant = score(
      fundingNeed,
      buildListing({ kind: 'funding', subkind: 'grant', district: '310151' }),
    );
    const farVenue = score(
      venueNeed,
      buildListing({ kind: 'venue', subkind: 'event-space', district: '310151' }),
    );
    expect(reason(farGrant, 'place').points).toBeGreaterThanOrEqual(WEIGHTS.place - 2);
    expect(reason(farVenue, 'place').points).toBeLessThanOrEqual(2);
  });

  it('weighs a shared priority domain more than a shared ordinary one, and names it', () => {
    const n = need({ domains: ['elderly', 'culture-sports'] });
    const priority = score(n, buildListing({ domains: ['elderly'] }));
    const ordinary = score(n, buildListing({ domains: ['culture-sports'] }));
    expect(reason(priority, 'domains').points).toBeGreaterThan(reason(ordinary, 'domains').points);
    expect(reason(priority, 'domains').detail).toBe('共同服务领域：养老服务（重点领域）');
    expect(reason(ordinary, 'domains').detail).toBe('共同服务领域：文化体育');
    const none = score(n, buildListing({ domains: ['environment'] }));
    expect(reason(none, 'domains')).toMatchObject({ points: 0, detail: '没有共同的服务领域' });
  });

  it('fits the same sub-kind best, a related kind partly, and says so', () => {
    const n = need({ kind: 'talent', subkind: 'volunteer' });
    const same = score(n, buildListing({ kind: 'talent', subkind: 'volunteer' }));
    const proBono = score(n, buildListing({ kind: 'talent', subkind: 'pro-bono' }));
    const service = score(n, buildListing({ kind: 'service', subkind: 'community-service' }));
    const venue = score(n, buildListing({ kind: 'venue', subkind: 'office' }));
    expect(reason(same, 'kind')).toMatchObject({ points: WEIGHTS.kind, detail: '类型相符：人才·志愿者' });
    expect(reason(proBono, 'kind').points).toBeLessThan(WEIGHTS.kind);
    expect(reason(proBono, 'kind').points).toBeGreaterThan(0);
    expect(reason(service, 'kind').points).toBeGreaterThan(0);
    expect(reason(venue, 'kind').points).toBe(0);
    // A professional answers a call for volunteers better than volunteers answer a call for professionals.
    const reverse = score(
      need({ kind: 'talent', subkind: 'pro-bono' }),
      buildListing({ kind: 'talent', subkind: 'volunteer' }),
    );
    expect(reason(proBono, 'kind').points).toBeGreaterThan(reason(reverse, 'kind').points);
  });

  it('lets a broad sub-kind (community service, pro-bono) fit no better than an open one, so words decide', () => {
    const meals = need({ kind: 'service', subkind: 'community-service' });
    const daycare = score(meals, buildListing({ kind: 'service', subkind: 'community-service' }));
    const open = score(meals, buildListing({ kind: 'service', subkind: undefined }));
    expect(reason(daycare, 'kind').points).toBe(reason(open, 'kind').points);
    expect(reason(daycare, 'kind').points).toBeLessThan(WEIGHTS.kind);
    const legal = need({ kind: 'service', subkind: 'legal' });
    expect(reason(score(legal, buildListing({ kind: 'service', subkind: 'legal' })), 'kind').points).toBe(
      WEIGHTS.kind,
    );
  });

  it('compares no domains for help to the organization itself, and lets no shared domain alone earn 很合适', () => {
    const posters = need({ kind: 'service', subkind: 'publicity', domains: ['community-governance'] });
    const publicity = (domains: Listing['domains']) =>
      buildListing({ kind: 'service', subkind: 'publicity', domains });
    const proven = { responseRate: 1, completed: 50, averageRating: 5, reviews: 50 };
    const other = score(posters, publicity(['culture-sports']), { textRelevance: 0, providerRecord: proven });
    const same = score(posters, publicity(['community-governance']), {
      textRelevance: 0,
      providerRecord: proven,
    });
    expect(reason(other, 'domains')).toMatchObject({
      points: WEIGHTS.domains,
      detail: '对机构自身的支持，不比较服务领域',
    });
    expect(same.score).toBe(other.score);
    expect(same.score).toBeGreaterThanOrEqual(65);
    expect(same.label).toBe('mid');
    // Help to people keeps its domains: a shared one counts, and earns the label.
    const meals = need({ kind: 'service', subkind: 'community-service', domains: ['elderly'] });
    const care = (domains: Listing['domains']) =>
      buildListing({ kind: 'service', subkind: 'community-service', domains });
    const elderly = score(meals, care(['elderly']), { textRelevance: 0.3, providerRecord: proven });
    expect(reason(elderly, 'domains').points).toBeGreaterThan(
      reason(score(meals, care(['environment'])), 'domains').points,
    );
    expect(elderly.label).toBe('high');
  });

  it('halves place, time, amount and record of an offer with no shared domain and few shared words', () => {
    const wetlands = need({
      kind: 'funding',
      subkind: 'grant',
      domains: ['environment'],
      amount: { max: 50_000 },
    });
    const grant = (domains: Listing['domains']) =>
      buildListing({ kind: 'funding', subkind: 'grant', domains, amount: { min: 10_000, max: 100_000 } });
    const onTopic = score(wetlands, grant(['environment']), { textRelevance: 0 });
    const offTopic = score(wetlands, grant(['elderly']), { textRelevance: 0 });
    for (const factor of ['place', 'time', 'amount'] as const) {
      expect(reason(offTopic, factor).points, factor).toBe(Math.round(reason(onTopic, factor).points / 2));
      expect(reason(offTopic, factor).detail, factor).toContain('减半计');
    }
    // Shared words are evidence enough, and so is the sub-kind of help to an organization.
    const said = score(wetlands, grant(['elderly']), { textRelevance: 0.1 });
    expect(reason(said, 'amount').points).toBe(WEIGHTS.amount);
    const office = need({ kind: 'venue', subkind: 'office', domains: ['elderly'], capacity: 10 });
    const room = buildListing({
      kind: 'venue',
      subkind: 'office',
      domains: ['culture-sports'],
      capacity: 10,
    });
    expect(reason(score(office, room, { textRelevance: 0 }), 'amount').points).toBe(WEIGHTS.amount);
  });

  describe('time', () => {
    const n = need({ startsAt: '2027-07-01T00:00:00+08:00', endsAt: '2027-08-31T23:59:59+08:00' });
    const time = (offer: Partial<Listing>) => reason(score(n, buildListing(offer)), 'time');

    it('lets an open-ended window overlap everything that is not over', () => {
      expect(time({})).toMatchObject({ points: WEIGHTS.time, detail: '时间可对接：2027-07-01至2027-08-31' });
      expect(reason(score(need(), buildListing()), 'time')).toMatchObject({
        points: WEIGHTS.time,
        detail: '双方均长期有效',
      });
      expect(time({ startsAt: '2027-06-01T00:00:00+08:00' }).points).toBe(WEIGHTS.time);
    });

    it('gives a past window nothing and a disjoint one nothing', () => {
      expect(time({ endsAt: '2027-02-20T23:59:59+08:00' })).toMatchObject({
        points: 0,
        detail: '对方时间已于2027-02-20结束',
      });
      expect(time({ startsAt: '2027-09-10T00:00:00+08:00' }).points).toBe(0);
    });

    it('gives a partial overlap part of the points', () => {
      const partial = time({ startsAt: '2027-08-01T00:00:00+08:00', endsAt: '2027-08-10T00:00:00+08:00' });
      expect(partial.points).toBeGreaterThan(0);
      expect(partial.points).toBeLessThan(WEIGHTS.time);
    });
  });

  describe('amount and capacity', () => {
    const grantNeed = need({ kind: 'funding', subkind: 'grant', amount: { max: 20_000 } });
    const grant = (amount: Listing['amount']) =>
      buildListing({ kind: 'funding', subkind: 'grant', ...(amount ? { amount } : {}) });

    it('gives full points when the range covers the sum asked, and names both', () => {
      const covered = score(grantNeed, grant({ min: 10_000, max: 50_000 }));
      expect(reason(covered, 'amount')).toMatchObject({
        points: WEIGHTS.amount,
        detail: '资助额度（1万–5万元）覆盖所需的2万元',
      });
      const en = score(grantNeed, grant({ min: 10_000, max: 50_000 }), { locale: 'en' });
      expect(reason(en, 'amount').detail).toBe('The amount (CNY 10,000–50,000) covers the CNY 20,000 asked');
    });

    it('gives less when the range falls short or starts above, and a neutral share when unknown', () => {
      const full = reason(score(grantNeed, grant({ min: 10_000, max: 50_000 })), 'amount').points;
      const short = reason(score(grantNeed, grant({ max: 5_000 })), 'amount');
      const above = reason(score(grantNeed, grant({ min: 100_000 })), 'amount');
      const unknown = reason(score(grantNeed, grant(undefined)), 'amount');
      expect(short.points).toBeLessThan(full);
      expect(short.detail).toBe('资助额度（最高5000元）低于所需的2万元');
      expect(above.points).toBeLessThan(full);
      expect(unknown.detail).toBe('对方未写明资助额度');
    });

    it('compares the capacity left with the number asked', () => {
      const room = need({ kind: 'venue', subkind: 'meeting-room', capacity: 20 });
      const venue = (capacity: number, capacityUsed = 0) =>
        reason(
          score(room, buildListing({ kind: 'venue', subkind: 'meeting-room', capacity, capacityUsed })),
          'amount',
        );
      expect(venue(25)).toMatchObject({ points: WEIGHTS.amount, detail: '可提供25人，满足所需的20人' });
      expect(venue(25, 15).points).toBeLessThan(WEIGHTS.amount);
    });
  });

  describe('provider record', () => {
    const pair = [need(), buildListing()] as const;
    const record = (providerRecord?: ScoreInput['providerRecord']) =>
      reason(score(...pair, providerRecord ? { providerRecord } : {}), 'record');

    it('gives a new provider a neutral prior, between a poor and a proven record', () => {
      const fresh = record();
      const poor = record({ responseRate: 0.2, completed: 2, averageRating: 1.5, reviews: 10 });
      const proven = record({ responseRate: 1, completed: 40, averageRating: 4.9, reviews: 30 });
      expect(fresh.points).toBeGreaterThan(poor.points);
      expect(fresh.points).toBeLessThan(proven.points);
      expect(fresh.points).toBeGreaterThanOrEqual(WEIGHTS.record / 2);
      expect(fresh.detail).toBe('新加入的提供方，暂无记录，按中性分计');
      expect(record({ completed: 0, reviews: 0 }).points).toBe(fresh.points);
    });

    it('names the record in the chosen language', () => {
      const r = { responseRate: 0.9, completed: 12, averageRating: 4.6, reviews: 8 };
      expect(record(r).detail).toBe('响应率90%，已完成对接12次，平均评分4.6（8条评价）');
      const en = reason(score(...pair, { providerRecord: r, locale: 'en' }), 'record');
      expect(en.detail).toBe('Responds to 90%, 12 matches completed, rated 4.6 in 8 reviews');
    });
  });
});

describe('scoring without words (explain: false)', () => {
  const pairs: [Listing, Listing][] = [
    [
      need({ kind: 'venue', subkind: 'meeting-room', capacity: 20 }),
      buildListing({ kind: 'venue', subkind: 'event-space', capacity: 200, district: '310115' }),
    ],
    [
      need({ kind: 'funding', subkind: 'grant', amount: { max: 50_000 } }),
      buildListing({ kind: 'funding', subkind: 'grant', amount: { min: 10_000, max: 20_000 } }),
    ],
    [need({ endsAt: '2027-01-01T00:00:00+08:00' }), buildListing({ startsAt: '2027-09-01T00:00:00+08:00' })],
    [
      need({ domains: ['elderly'], title: '需要为独居老人送午餐' }),
      buildListing({ domains: ['education'], title: '提供法律咨询', district: '310151' }),
    ],
  ];
  it('gives the score and label of the explained scoring, and no reasons', () => {
    for (const [n, o] of pairs) {
      for (const locale of ['zh-CN', 'en'] as const) {
        for (const textRelevance of [0, 0.05, 0.6]) {
          const input = { subject: n, candidate: o, textRelevance, now: NOW, locale };
          const explained = scoreCandidate(input);
          const quiet = scoreCandidate({ ...input, explain: false });
          expect(quiet).toEqual({ score: explained.score, label: explained.label, reasons: [] });
          expect(explained.reasons.every((r) => r.detail.length > 0)).toBe(true);
        }
      }
    }
  });
});
