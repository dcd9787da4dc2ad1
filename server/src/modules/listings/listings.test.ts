import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '@app/shared';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { buildOrganization, signedIn } from '../../../test/factories.js';
import { ListingModel } from './model.js';
import { listingService } from './service.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

const need = {
  side: 'need',
  kind: 'service',
  subkind: 'community-service',
  title: '独居老人上门助餐',
  description: '天平路街道有十几位独居老人行动不便，希望有组织每天中午送餐上门。',
  domains: ['elderly'],
  district: '310104',
  street: '310104003',
  capacity: 15,
  startsAt: '2026-12-01T00:00:00+08:00',
  endsAt: '2027-06-30T00:00:00+08:00',
};

const details = (body: unknown) => errorBodySchema.parse(body).error.details ?? [];

describe('posting listings', () => {
  it('lets a resident post a need and read it back', async () => {
    const { user, client } = await signedIn(server, { role: 'resident' });
    const res = await client.post('/api/listings', need);
    expect(res.status).toBe(201);
    const { startsAt: _s, endsAt: _e, ...rest } = need;
    expect(res.body.listing).toMatchObject({
      ...rest,
      status: 'open',
      ownerId: String(user._id),
      verified: false,
    });
    expect(res.body.listing.startsAt).toBe('2026-11-30T16:00:00.000Z');
    expect(res.body.listing.endsAt).toBe('2027-06-29T16:00:00.000Z');
    const read = await server.client().get(`/api/listings/${res.body.listing.id}`);
    expect(read.status).toBe(200);
    expect(read.body.listing.title).toBe(need.title);
  });

  it('lets funders post only for their organization, and the bureau not at all', async () => {
    const { client: bureau } = await signedIn(server, { role: 'bureau' });
    expect((await bureau.post('/api/listings', need)).status).toBe(403);
    const { user: funder, client } = await signedIn(server, { role: 'funder' });
    const offer = {
      ...need,
      side: 'offer',
      kind: 'funding',
      subkind: 'grant',
      title: '社区养老小额资助',
      amount: { min: 5000, max: 20000 },
    };
    expect((await client.post('/api/listings', offer)).status).toBe(403);
    const org = await buildOrganization(funder, {
      type: 'foundation',
      name: '申城公益基金会',
      verification: { status: 'verified' },
    });
    const posted = await client.post('/api/listings', {
      ...offer,
      eligibility: { registeredOnly: true, districts: ['310104'] },
    });
    expect(posted.status).toBe(201);
    expect(posted.body.listing).toMatchObject({
      organizationId: String(org._id),
      organizationName: '申城公益基金会',
      verified: true,
    });
  });

  it('rejects values outside the taxonomy, a street of another district and operator keys, writing nothing', async () => {
    const { client } = await signedIn(server, { role: 'resident' });
    const before = await ListingModel.countDocuments();
    const cases: [object, string][] = [
      [{ ...need, kind: 'spaceship' }, 'kind'],
      [{ ...need, domains: ['elderly', 'astrology'] }, 'domains.1'],
      [{ ...need, street: '310101002' }, 'street'],
      [{ ...need, subkind: 'grant' }, 'subkind'],
      [{ ...need, endsAt: '2026-01-01T00:00:00Z' }, 'endsAt'],
      [{ ...need, district: '110101' }, 'district'],
      [{ ...need, title: 'x'.repeat(10_000) }, 'title'],
      [{ ...need, eligibility: { registeredOnly: true } }, 'eligibility'],
      [{ ...need, status: 'matched' }, ''],
      [{ ...need, title: { $ne: '' } }, 'title.$ne'],
      [{ ...need, 'amount.min': 5 }, 'amount.min'],
    ];
    for (const [body, path] of cases) {
      const res = await client.post('/api/listings', body);
      expect(res.status, JSON.stringify(body).slice(0, 120)).toBe(400);
      if (path) expect(details(res.body).map((d) => d.path)).toContain(path);
    }
    expect(await ListingModel.countDocuments()).toBe(before);
  });
});

describe('editing and closing', () => {
  it('lets the owner edit and close, and nobody else', async () => {
    const { client } = await signedIn(server, { role: 'resident' });
    const id = (await client.post('/api/listings', need)).body.listing.id;
    const { client: stranger } = await signedIn(server, { role: 'resident' });
    expect((await stranger.patch(`/api/listings/${id}`, { title: '改掉标题' })).status).toBe(403);
    expect((await stranger.post(`/api/listings/${id}/close`)).status).toBe(403);
    const edited = await client.patch(`/api/listings/${id}`, { title: '独居长者午餐送餐', street: null });
    expect(edited.status).toBe(200);
    expect(edited.body.listing.title).toBe('独居长者午餐送餐');
    expect(edited.body.listing.street).toBeUndefined();
    expect((await client.patch(`/api/listings/${id}`, { side: 'offer' })).status).toBe(400);
    const closed = await client.post(`/api/listings/${id}/close`);
    expect(closed.body.listing.status).toBe('closed');
    expect((await client.patch(`/api/listings/${id}`, { title: '再改' })).status).toBe(409);
    expect((await stranger.get(`/api/listings/${id}`)).status).toBe(404);
    expect((await client.get(`/api/listings/${id}`)).status).toBe(200);
  });

  it('lists the caller’s own listings', async () => {
    const { client } = await signedIn(server, { role: 'resident' });
    await client.post('/api/listings', need);
    await client.post('/api/listings', { ...need, title: '社区活动室借用' });
    const mine = await client.get('/api/listings/mine?pageSize=10');
    expect(mine.body.total).toBe(2);
    expect(mine.body.items.map((l: { title: string }) => l.title)).toEqual(['社区活动室借用', need.title]);
  });

  it('expires open listings whose end has passed', async () => {
    const { client } = await signedIn(server, { role: 'resident' });
    const id = (
      await client.post('/api/listings', { ...need, startsAt: undefined, endsAt: '2026-12-31T00:00:00Z' })
    ).body.listing.id;
    const expired = await listingService(server.ctx).expireDue(new Date('2027-01-01T00:00:00Z'));
    expect(expired).toBeGreaterThanOrEqual(1);
    expect((await ListingModel.findById(id).lean())?.status).toBe('expired');
  });
});
