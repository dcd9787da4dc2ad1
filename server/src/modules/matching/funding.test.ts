import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestClient, type TestServer } from '../../../test/harness.js';
import { postListing, signedInMember } from '../../../test/factories.js';
import { fundingNeedBody, grantBody, volunteersBody } from '../../../test/matchingFactories.js';
import { ListingModel } from '../listings/model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

const account = (role: 'resident' | 'organization' | 'funder', org?: Record<string, unknown>) =>
  signedInMember(server, role, org);

const post = postListing;

const needFor = (max: number, title?: string) => fundingNeedBody(max, title ? { title } : {});
const grant = (max: number, capacity?: number) => grantBody(max, capacity ? { capacity } : {});

/** The need's owner proposes, the funder accepts (with an amount or the default). */
async function propose(needOwner: TestClient, needId: string, offerId: string) {
  const res = await needOwner.post('/api/matches', { needId, offerId });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.match.id as string;
}
const coverage = async (client: TestClient, id: string) =>
  (await client.get(`/api/listings/${id}/coverage`)).body;

describe('funding that adds up', () => {
  it('makes two awards of one grant, each at most its amount.max, and closes it after the last', async () => {
    const funder = await account('funder', { name: '两次资助基金会', type: 'foundation' });
    const offerId = await post(funder.client, grant(30_000, 2));
    const a = await account('resident');
    const b = await account('resident');
    const needA = await post(a.client, needFor(20_000));
    const needB = await post(b.client, needFor(50_000));
    const first = await funder.client.post(`/api/matches/${await propose(a.client, needA, offerId)}/accept`);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.match.amount).toBe(20_000);
    expect((await ListingModel.findById(offerId).lean())?.status).toBe('open');
    expect(await coverage(funder.client, offerId)).toMatchObject({
      amount: { asked: 60_000, covered: 20_000 },
      capacity: { asked: 2, covered: 1 },
      open: true,
    });

    const second = await funder.client.post(`/api/matches/${await propose(b.client, needB, offerId)}/accept`);
    expect(second.body.match.amount).toBe(30_000);
    expect((await ListingModel.findById(offerId).lean())?.status).toBe('matched');
    expect(await coverage(b.client, needB)).toMatchObject({
      amount: { asked: 50_000, covered: 30_000 },
      open: true,
    });
    expect(await coverage(a.client, needA)).toMatchObject({
      amount: { asked: 20_000, covered: 20_000 },
      open: false,
    });
  });

  it('keeps a need open until two funders cover it, exact at every step, and refuses over-commitment', async () => {
    const resident = await account('resident');
    const needId = await post(resident.client, needFor(60_000, '助餐点改造经费'));
    const f1 = await account('funder', { name: '第一基金会', type: 'foundation' });
    const f2 = await account('funder', { name: '第二基金会', type: 'foundation' });
    const o1 = await post(f1.client, grant(50_000));
    const o2 = await post(f2.client, grant(40_000));
    expect(await coverage(resident.client, needId)).toMatchObject({
      amount: { asked: 60_000, covered: 0 },
      open: true,
    });
    const m1 = await propose(resident.client, needId, o1);
    const m2 = await propose(resident.client, needId, o2);

    const tooMuch = await f1.client.post(`/api/matches/${m1}/accept`, { amount: 55_000 });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.details[0].code).toBe('amount.aboveAward');
    expect((await f1.client.post(`/api/matches/${m1}/accept`)).body.match.amount).toBe(50_000);
    expect(await coverage(resident.client, needId)).toMatchObject({
      amount: { asked: 60_000, covered: 50_000 },
      open: true,
    });

    const over = await f2.client.post(`/api/matches/${m2}/accept`, { amount: 10_001 });
    expect(over.status).toBe(409);
    expect(over.body.error.details[0].code).toBe('amount.overCommitted');
    const rest = await f2.client.post(`/api/matches/${m2}/accept`);
    expect(rest.body.match.amount).toBe(10_000);
    expect(await coverage(resident.client, needId)).toMatchObject({
      amount: { asked: 60_000, covered: 60_000 },
      capacity: { asked: 1, covered: 1 },
      open: false,
    });
    const done = await f2.client.post(`/api/matches/${m2}/complete`, { evidence: { summary: '经费已拨付' } });
    expect(done.body.match.evidence.amount).toBe(10_000);
  });

  it('refuses the second of two simultaneous accepts that together would over-commit a need', async () => {
    const resident = await account('resident');
    const needId = await post(resident.client, needFor(60_000, '同时到账的两笔资助'));
    const funders = [
      await account('funder', { name: '并发甲基金会', type: 'foundation' }),
      await account('funder', { name: '并发乙基金会', type: 'foundation' }),
    ];
    const offers = [
      await post(funders[0]!.client, grant(50_000)),
      await post(funders[1]!.client, grant(50_000)),
    ];
    const ids = [
      await propose(resident.client, needId, offers[0]!),
      await propose(resident.client, needId, offers[1]!),
    ];
    const results = await Promise.all(
      ids.map((id, i) => funders[i]!.client.post(`/api/matches/${id}/accept`, { amount: 50_000 })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await coverage(resident.client, needId)).toMatchObject({
      amount: { covered: 50_000 },
      open: true,
    });
    expect((await ListingModel.findById(needId).lean())?.amountCommitted).toBe(50_000);
  });

  it('covers a call for ten volunteers with six and then four of five', async () => {
    const org = await account('organization', { name: '助老志愿队' });
    const needId = await post(
      org.client,
      volunteersBody('need', 10, {
        title: '重阳节活动招募志愿者',
        description: '重阳节敬老活动需要志愿者协助签到、引导和陪伴老人。',
      }),
    );
    const teams = [
      await account('organization', { name: '青年志愿者协会' }),
      await account('organization', { name: '白领志愿团' }),
    ];
    const volunteers = (n: number, title: string) =>
      volunteersBody('offer', n, { title, description: '可参加社区敬老活动的志愿者。' });
    const six = await post(teams[0]!.client, volunteers(6, '六名敬老活动志愿者'));
    const five = await post(teams[1]!.client, volunteers(5, '五名敬老活动志愿者'));
    const first = await teams[0]!.client.post(
      `/api/matches/${await propose(org.client, needId, six)}/accept`,
    );
    expect(first.body.match.units).toBe(6);
    expect(await coverage(org.client, needId)).toMatchObject({
      capacity: { asked: 10, covered: 6 },
      open: true,
    });
    const withAmount = await propose(org.client, needId, five);
    expect((await teams[1]!.client.post(`/api/matches/${withAmount}/accept`, { amount: 5 })).status).toBe(
      400,
    );
    const second = await teams[1]!.client.post(`/api/matches/${withAmount}/accept`);
    expect(second.body.match.units).toBe(4);
    expect(await coverage(org.client, needId)).toMatchObject({
      capacity: { asked: 10, covered: 10 },
      open: false,
    });
    expect(await coverage(org.client, five)).toMatchObject({
      capacity: { asked: 5, covered: 4 },
      open: true,
    });
  });
});
