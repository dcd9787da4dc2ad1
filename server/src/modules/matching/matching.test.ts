import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trusted } from 'mongoose';
import { startTestServer, type TestClient, type TestServer } from '../../../test/harness.js';
import { buildOrganization, buildUser, login } from '../../../test/factories.js';
import { mealsNeedBody, mealsOfferBody } from '../../../test/matchingFactories.js';
import { AuditEventModel } from '../audit/model.js';
import { ConversationModel } from '../conversations/model.js';
import { ListingModel } from '../listings/model.js';
import { OrganizationModel } from '../organizations/model.js';
import { UserModel } from '../users/model.js';
import { MatchModel } from './model.js';
import { matchDeadlines } from './overdue.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

async function account(role: 'resident' | 'organization' | 'funder', org?: Record<string, unknown>) {
  const user = await buildUser({ role, phone: '13900000000' });
  if (org) await buildOrganization(user, org);
  const client = server.client();
  await login(client, user.email);
  return { user, client };
}

const post = async (client: TestClient, body: object) => {
  const res = await client.post('/api/listings', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.listing.id as string;
};

const mealsNeed = mealsNeedBody({ street: '310104003' });
const mealsOffer = mealsOfferBody();
const grantForRegistered = {
  side: 'offer',
  kind: 'funding',
  subkind: 'grant',
  title: '社区养老项目资助',
  description: '资助养老助餐项目，仅限已登记的社会组织申请。',
  domains: ['elderly'],
  district: '310104',
  amount: { min: 5000, max: 30000 },
  eligibility: { registeredOnly: true },
};

describe('recommendations', () => {
  it('ranks offers for a need with explained scores and lists near misses with their rule', async () => {
    const resident = await account('resident');
    const provider = await account('organization', {
      name: '徐汇长者服务社',
      verification: { status: 'verified' },
      creditCode: undefined,
    });
    const funder = await account('funder', { name: '申城基金会', type: 'foundation' });
    const needId = await post(resident.client, mealsNeed);
    const offerId = await post(provider.client, mealsOffer);
    const grantId = await post(funder.client, grantForRegistered);
    await server.ctx.events.settle();

    const res = await resident.client.get(`/api/listings/${needId}/matches?limit=5`);
    expect(res.status).toBe(200);
    const { matches, excluded } = res.body;
    expect(matches[0].listing.id).toBe(offerId);
    for (const m of matches) {
      expect(m.score).toBe(m.reasons.reduce((sum: number, r: { points: number }) => sum + r.points, 0));
      for (const r of m.reasons) expect(r.points).toBeLessThanOrEqual(r.max);
    }
    expect(matches.map((m: { listing: { id: string } }) => m.listing.id)).not.toContain(grantId);
    expect(excluded).toEqual([]);

    // A resident asking for money meets the grant's rule: registered organizations only.
    const fundingNeedId = await post(resident.client, {
      ...mealsNeed,
      kind: 'funding',
      subkind: 'grant',
      title: '楼组助老午餐活动经费',
      amount: { max: 8000 },
    });
    await server.ctx.events.settle();
    const forFunding = (await resident.client.get(`/api/listings/${fundingNeedId}/matches`)).body;
    expect(forFunding.matches.map((m: { listing: { id: string } }) => m.listing.id)).not.toContain(grantId);
    const miss = forFunding.excluded.find((e: { listing: { id: string } }) => e.listing.id === grantId);
    expect(miss.reasons[0].factor).toBe('eligibility.registeredOnly');
    expect(miss.reasons[0].detail).toContain('登记');

    const english = await resident.client.get(`/api/listings/${needId}/matches?locale=en`);
    expect(english.body.matches[0].reasons.map((r: { detail: string }) => r.detail).join(' ')).toMatch(
      /[a-z]/,
    );

    const forOffer = await provider.client.get(`/api/listings/${offerId}/matches`);
    expect(forOffer.body.matches.map((m: { listing: { id: string } }) => m.listing.id)).toContain(needId);
  });
});

describe('the match lifecycle', () => {
  async function pair() {
    const resident = await account('resident');
    const provider = await account('organization', { name: '长者助餐社' });
    const needId = await post(resident.client, mealsNeed);
    const offerId = await post(provider.client, { ...mealsOffer, capacity: 3 });
    return { resident, provider, needId, offerId };
  }

  it('goes from proposed to accepted, completed and reviewed, revealing contact only after acceptance', async () => {
    const { resident, provider, needId, offerId } = await pair();
    const proposed = await resident.client.post('/api/matches', {
      needId,
      offerId,
      note: '请问下周能开始吗？',
    });
    expect(proposed.status).toBe(201);
    const id = proposed.body.match.id;
    expect(proposed.body.match).toMatchObject({ status: 'proposed', yourSide: 'need', overdue: false });
    expect(Date.parse(proposed.body.match.deadline) - Date.now()).toBeGreaterThan(2.9 * 86_400_000);

    const stranger = await account('resident');
    expect((await stranger.client.get(`/api/matches/${id}`)).status).toBe(404);
    expect((await stranger.client.get(`/api/matches/${id}/contact`)).status).toBe(404);
    expect((await stranger.client.post(`/api/matches/${id}/accept`)).status).toBe(404);
    expect((await resident.client.post(`/api/matches/${id}/accept`)).status).toBe(403);
    expect((await resident.client.get(`/api/matches/${id}/contact`)).status).toBe(403);

    const accepted = await provider.client.post(`/api/matches/${id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body.match.status).toBe('accepted');
    // A conversation opens for the two sides, and only for them.
    const conversationId = accepted.body.match.conversationId;
    expect(conversationId).toMatch(/^[0-9a-f]{24}$/);
    // Opened with the acceptance, as the match stores it: its key, both owners, the provider's organization.
    const stored = await ConversationModel.findOne({ key: `match:${id}` }).lean();
    expect(String(stored?._id)).toBe(conversationId);
    const providerOrg = (await UserModel.findById(provider.user._id).lean())?.organizationId;
    expect(stored).toMatchObject({ kind: 'match', lastSeq: 0 });
    expect(stored?.organizationIds.map(String)).toEqual([String(providerOrg)]);
    expect(String(stored?.matchId)).toBe(id);
    expect(stored?.memberUserIds.map(String).sort()).toEqual(
      [String(resident.user._id), String(provider.user._id)].sort(),
    );
    expect(stored?.createdAt).toBeInstanceOf(Date);
    expect(stored?.updatedAt).toBeInstanceOf(Date);
    const sent = await resident.client.post(`/api/conversations/${conversationId}/messages`, {
      body: '您好，下周一开始可以吗？',
      clientId: 'c-lifecycle-1',
    });
    expect(sent.status).toBe(201);
    expect(
      (await provider.client.get(`/api/conversations/${conversationId}/messages`)).body.items[0].body,
    ).toBe('您好，下周一开始可以吗？');
    expect(
      (await stranger.client.get(`/api/conversations/${conversationId}/messages`)).status,
    ).toBeGreaterThanOrEqual(403);
    const contact = await resident.client.get(`/api/matches/${id}/contact`);
    expect(contact.status).toBe(200);
    expect(contact.body).toMatchObject({ organizationName: '长者助餐社', phone: '13900000000' });
    await server.ctx.events.settle();
    expect(await AuditEventModel.countDocuments({ type: 'contact.revealed', subjectId: id })).toBe(1);
    expect((await ListingModel.findById(needId).lean())?.status).toBe('matched');
    expect((await ListingModel.findById(offerId).lean())?.status).toBe('open');

    const coverage = await resident.client.get(`/api/listings/${needId}/coverage`);
    expect(coverage.body).toMatchObject({ capacity: { asked: 1, covered: 1 }, open: false });
    expect(coverage.body.kinds[0].offers[0].id).toBe(offerId);

    expect((await resident.client.post(`/api/matches/${id}/review`, { rating: 5 })).status).toBe(409);
    const completed = await provider.client.post(`/api/matches/${id}/complete`, {
      evidence: { summary: '连续一个月每天送餐15份', amount: 0 },
    });
    expect(completed.body.match.status).toBe('completed');
    expect(
      (await resident.client.post(`/api/matches/${id}/review`, { rating: 5, comment: '很准时' })).status,
    ).toBe(200);
    expect((await resident.client.post(`/api/matches/${id}/review`, { rating: 1 })).status).toBe(409);
    const both = await provider.client.post(`/api/matches/${id}/review`, { rating: 4 });
    expect(both.body.match.reviews).toHaveLength(2);
    expect(both.body.match.history.map((h: { status: string }) => h.status)).toEqual([
      'proposed',
      'accepted',
      'completed',
    ]);
    const mine = await resident.client.get('/api/matches?status=completed');
    expect(mine.body.items.map((m: { id: string }) => m.id)).toContain(id);
  });

  it('shows an acceptance in search before answering: the covered need gone, the offer with its unit taken', async () => {
    const { resident, provider, needId, offerId } = await pair();
    const proposed = await resident.client.post('/api/matches', { needId, offerId });
    expect(proposed.status).toBe(201);
    expect((await provider.client.post(`/api/matches/${proposed.body.match.id}/accept`)).status).toBe(200);
    const found = async (title: string) => {
      const res = await server.client().get(`/api/search?q=${encodeURIComponent(title)}&pageSize=50`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.items as { id: string; capacityUsed?: number }[];
    };
    expect((await found(mealsNeed.title)).map((i) => i.id)).not.toContain(needId);
    expect((await found(mealsOffer.title)).find((i) => i.id === offerId)).toMatchObject({ capacityUsed: 1 });
  });

  it('never accepts a declined or an expired match', async () => {
    const { resident, provider, needId, offerId } = await pair();
    const first = (await resident.client.post('/api/matches', { needId, offerId })).body.match.id;
    expect((await resident.client.post('/api/matches', { needId, offerId })).status).toBe(409);
    expect(
      (await provider.client.post(`/api/matches/${first}/decline`, { reason: '本月名额已满' })).body.match
        .status,
    ).toBe('declined');
    expect((await provider.client.post(`/api/matches/${first}/accept`)).status).toBe(409);

    const second = (await provider.client.post('/api/matches', { needId, offerId })).body.match.id;
    await MatchModel.updateOne(
      { _id: second },
      { $set: { deadline: new Date(Date.now() - 8 * 86_400_000) } },
    );
    const run = await matchDeadlines(server.ctx)();
    expect(run.expired).toBeGreaterThanOrEqual(1);
    expect((await resident.client.post(`/api/matches/${second}/accept`)).status).toBe(409);
    expect((await resident.client.get(`/api/matches/${second}`)).body.match.status).toBe('expired');
  });

  it('refuses a proposal the offer’s eligibility rules rule out, naming the rule', async () => {
    const resident = await account('resident');
    const funder = await account('funder', { name: '某基金会', type: 'foundation' });
    const needId = await post(resident.client, mealsNeed);
    const grantId = await post(funder.client, grantForRegistered);
    const res = await funder.client.post('/api/matches', { needId, offerId: grantId });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.details[0]).toMatchObject({ code: 'eligibility.registeredOnly' });
    expect(res.body.error.details[0].message).toContain('登记');
    expect(res.body.error.message).not.toMatch(/格式|format/);
  });

  it('counts an evaluation grade only once a base has verified it', async () => {
    const applicant = await account('organization', { name: '自评五星服务社', type: 'project-team' });
    const funder = await account('funder', { name: '评级基金会', type: 'foundation' });
    const grantId = await post(funder.client, {
      ...grantForRegistered,
      title: '三星以上组织项目资助',
      eligibility: { minGrade: 3 },
    });
    const needId = await post(applicant.client, { ...mealsNeed, title: '助餐项目经费' });
    const org = String((await UserModel.findById(applicant.user._id).lean())!.organizationId);
    expect((await applicant.client.patch(`/api/organizations/${org}`, { grade: 5 })).status).toBe(200);
    const refused = await applicant.client.post('/api/matches', { needId, offerId: grantId });
    expect(refused.status).toBe(409);
    expect(refused.body.error.details[0].code).toBe('eligibility.minGrade');

    await OrganizationModel.updateOne({ _id: org }, { $set: { 'verification.status': 'verified' } });
    expect((await applicant.client.post('/api/matches', { needId, offerId: grantId })).status).toBe(201);
  });

  it('leaves exactly one accepted of two simultaneous accepts of the last capacity', async () => {
    const provider = await account('organization', { name: '唯一名额服务社' });
    const offerId = await post(provider.client, { ...mealsOffer, capacity: 1 });
    const ids = [];
    for (let i = 0; i < 2; i++) {
      const resident = await account('resident');
      const needId = await post(resident.client, { ...mealsNeed, title: `第${i + 1}位老人的助餐需求` });
      ids.push((await resident.client.post('/api/matches', { needId, offerId })).body.match.id);
    }
    const results = await Promise.all(ids.map((id) => provider.client.post(`/api/matches/${id}/accept`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await MatchModel.countDocuments({ offerId, status: 'accepted' })).toBe(1);
    // The refused acceptance opened no conversation: it opens with the acceptance, all or none.
    const keys = ids.map((id) => `match:${id}`);
    expect(await ConversationModel.countDocuments({ key: trusted({ $in: keys }) })).toBe(1);
    const offer = await ListingModel.findById(offerId).lean();
    expect(offer).toMatchObject({ status: 'matched', capacityUsed: 1 });
    // The take stamps the listing as mongoose's update would.
    expect(+offer!.updatedAt).toBeGreaterThan(+offer!.createdAt);
  });

  it('flags an unanswered proposal to the operator of the responding organization’s base', async () => {
    const base = await (await import('../../../test/factories.js')).buildBase();
    const operator = await buildUser({ role: 'operator', baseId: base._id });
    const resident = await account('resident');
    const provider = await account('organization', { name: '驻基地服务社', baseId: base._id });
    const needId = await post(resident.client, mealsNeed);
    const offerId = await post(provider.client, mealsOffer);
    const id = (await resident.client.post('/api/matches', { needId, offerId })).body.match.id;
    await MatchModel.updateOne({ _id: id }, { $set: { deadline: new Date(Date.now() - 60_000) } });
    const seen: string[][] = [];
    const off = server.ctx.events.on('match.overdue', (e) => void seen.push(e.operatorIds));
    await matchDeadlines(server.ctx)();
    off();
    expect(seen).toContainEqual([String(operator._id)]);
    expect((await resident.client.get(`/api/matches/${id}`)).body.match.overdue).toBe(true);
  });
});
