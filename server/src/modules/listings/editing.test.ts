import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type TestClient } from '../../../test/harness.js';
import { buildOrganization, buildUser, login, signedIn } from '../../../test/factories.js';
import { ListingModel } from './model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

const offer = {
  side: 'offer',
  kind: 'service',
  title: '社区长者助餐配送',
  description: '每天中午为独居老人送餐上门，覆盖天平路街道。',
  domains: ['elderly'],
  district: '310104',
  capacity: 3,
};
const need = {
  side: 'need',
  kind: 'service',
  title: '独居老人上门助餐',
  description: '楼上的独居老人需要每天中午送一顿热饭。',
  domains: ['elderly'],
  district: '310104',
};

async function provider() {
  const user = await buildUser({ role: 'organization' });
  await buildOrganization(user, { verification: { status: 'verified' } });
  const client = server.client();
  await login(client, user.email);
  return { user, client };
}
const searchIds = async (client: TestClient, q: string) =>
  ((await client.get(`/api/search?q=${encodeURIComponent(q)}`)).body.items as { id: string }[]).map(
    (l) => l.id,
  );

describe('editing a listing', () => {
  it('re-indexes it: search finds the new words at once and not the old ones', async () => {
    const { client } = await provider();
    const id = (await client.post('/api/listings', offer)).body.listing.id as string;
    expect(await searchIds(client, '助餐配送')).toContain(id);

    const edited = await client.patch(`/api/listings/${id}`, {
      title: '社区老年人理发服务',
      description: '每月一次上门为行动不便的老人理发。',
    });
    expect(edited.status).toBe(200);
    expect(await searchIds(client, '理发')).toContain(id);
    expect(await searchIds(client, '助餐配送')).not.toContain(id);
  });

  it('keeps accepted matches whole: capacity never below what they took, and full means matched', async () => {
    const { client: org } = await provider();
    const offerId = (await org.post('/api/listings', offer)).body.listing.id as string;
    for (let i = 0; i < 2; i++) {
      const { client: resident } = await signedIn(server, { role: 'resident' });
      const needId = (await resident.post('/api/listings', need)).body.listing.id as string;
      const proposed = await resident.post('/api/matches', { needId, offerId });
      expect(proposed.status).toBe(201);
      expect((await org.post(`/api/matches/${proposed.body.match.id}/accept`)).status).toBe(200);
    }

    const below = await org.patch(`/api/listings/${offerId}`, { capacity: 1 });
    expect(below.status).toBe(409);
    expect(below.body.error.message).toBe('已有对接占用了 2 个名额，数量不能少于此数');
    expect((await org.patch(`/api/listings/${offerId}`, { capacity: null })).status).toBe(409);

    const full = await org.patch(`/api/listings/${offerId}`, { capacity: 2 });
    expect(full.status).toBe(200);
    expect(full.body.listing).toMatchObject({ status: 'matched', capacity: 2, capacityUsed: 2 });
    expect(await searchIds(org, '助餐配送')).not.toContain(offerId);
    const matches = await org.get('/api/matches?status=accepted');
    expect(
      matches.body.items.filter(
        (m: { offerId?: string; offer?: { id: string } }) => (m.offerId ?? m.offer?.id) === offerId,
      ),
    ).toHaveLength(2);
  });

  it('stores every editable field as its schema types it, and clears those sent as null', async () => {
    const { client } = await provider();
    const id = (await client.post('/api/listings', offer)).body.listing.id as string;
    const stored = async () =>
      (await ListingModel.collection.findOne({ _id: new Types.ObjectId(id) })) as Record<string, unknown>;
    const edit = {
      subkind: 'community-service',
      title: '社区长者理发服务',
      description: '每月一次上门为行动不便的老人理发。',
      domains: ['elderly', 'disability'],
      district: '310104',
      street: '310104003',
      location: { lat: 31.19, lng: 121.44 },
      amount: { min: 100, max: 500 },
      capacity: 4,
      startsAt: '2026-12-01T00:00:00+08:00',
      endsAt: '2027-06-30T00:00:00+08:00',
      eligibility: { orgTypes: ['social-service'], registeredOnly: true, minGrade: 3, districts: ['310104'] },
    };
    const sent = Date.now();
    const edited = await client.patch(`/api/listings/${id}`, edit);
    expect(edited.status).toBe(200);
    expect(edited.body).toEqual((await client.get(`/api/listings/${id}`)).body);
    const after = await stored();
    const { startsAt, endsAt, ...plain } = edit;
    expect(after).toMatchObject(plain);
    expect(after.startsAt).toEqual(new Date(startsAt));
    expect(after.endsAt).toEqual(new Date(endsAt));
    expect((after.updatedAt as Date).getTime()).toBeGreaterThanOrEqual(sent);
    expect(after.createdAt).toBeInstanceOf(Date);

    const cleared = [
      'subkind',
      'street',
      'location',
      'amount',
      'capacity',
      'startsAt',
      'endsAt',
      'eligibility',
    ];
    const back = await client.patch(`/api/listings/${id}`, Object.fromEntries(cleared.map((f) => [f, null])));
    expect(back.status).toBe(200);
    const last = await stored();
    expect(cleared.filter((field) => field in last)).toEqual([]);
    expect(last).toMatchObject({ title: edit.title, domains: edit.domains, status: 'open', capacityUsed: 0 });
    expect((last.updatedAt as Date).getTime()).toBeGreaterThanOrEqual((after.updatedAt as Date).getTime());
  });
});
