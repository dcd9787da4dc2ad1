import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from 'mongoose';
import type { Listing } from '@app/shared';
import { startTestServer, type TestServer, type TestClient } from '../../test/harness.js';
import { login } from '../../test/factories.js';
import { BaseModel } from '../modules/bases/model.js';
import { ListingModel } from '../modules/listings/model.js';
import { OrganizationModel } from '../modules/organizations/model.js';
import { UserModel } from '../modules/users/model.js';
import { DEMO_PASSWORD, demoLogins } from './demo.js';

// The core journeys walked on the demo data itself, as a newcomer after `npm start` would: what the loader stores
// must behave as what the API stores.
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ SEED_DEMO: 'true' });
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

async function demoClient(key: string): Promise<TestClient> {
  const demo = demoLogins.find((l) => l.key === key)!;
  const client = server.client();
  await login(client, demo.email, DEMO_PASSWORD);
  return client;
}

async function ownListing(client: TestClient, title: string): Promise<Listing> {
  const mine = await client.get('/api/listings/mine?pageSize=50');
  expect(mine.status).toBe(200);
  const listing = (mine.body.items as Listing[]).find((l) => l.title === title);
  expect(listing, title).toBeDefined();
  return listing!;
}

describe('the demo data as stored', () => {
  it.each([
    ['bases', BaseModel],
    ['users', UserModel],
    ['organizations', OrganizationModel],
    ['listings', ListingModel],
  ] as unknown as [string, Model<Record<string, unknown>>][])(
    'holds %s with every default and passing validation, as the API stores them',
    async (_, model) => {
      const defaulted: string[] = [];
      model.schema.eachPath((path, type) => {
        if ((type as { defaultValue?: unknown }).defaultValue !== undefined) defaulted.push(path);
      });
      const docs = await model.find().lean<Record<string, unknown>[]>();
      expect(docs.length).toBeGreaterThan(0);
      for (const doc of docs) {
        for (const path of defaulted) {
          const value = path
            .split('.')
            .reduce<unknown>((v, key) => (v as Record<string, unknown>)?.[key], doc);
          expect(value, `${path} of ${String(doc._id)}`).not.toBeUndefined();
        }
        expect(model.hydrate(doc).validateSync()).toBeUndefined();
        expect(doc.createdAt).toBeInstanceOf(Date);
      }
    },
  );
});

describe('the core journeys on the demo data', () => {
  it("the resident proposes the organization's seeded meals offer; it is accepted, completed and reviewed", async () => {
    const resident = await demoClient('demo-resident');
    const organization = await demoClient('demo-organization');
    const need = await ownListing(resident, '独居老人上门助餐');
    const offer = await ownListing(organization, '天平路街道长者上门助餐服务');

    const suggested = await resident.get(`/api/listings/${need.id}/matches`);
    expect(suggested.status).toBe(200);
    expect(suggested.body.matches.map((m: { listing: { id: string } }) => m.listing.id)).toContain(offer.id);

    const proposed = await resident.post('/api/matches', {
      needId: need.id,
      offerId: offer.id,
      note: '每天中午一份，可以吗？',
    });
    expect(proposed.status).toBe(201);
    const id = proposed.body.match.id as string;
    // Only the side that must answer is told to answer by the deadline.
    expect(proposed.body.match).toMatchObject({ note: '每天中午一份，可以吗？', canAccept: false });
    expect((await organization.get(`/api/matches/${id}`)).body.match.canAccept).toBe(true);

    const accepted = await organization.post(`/api/matches/${id}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.match.status).toBe('accepted');

    const completed = await organization.post(`/api/matches/${id}/complete`, {
      evidence: { summary: '送餐一个月，每天一份' },
    });
    expect(completed.status).toBe(200);
    expect((await resident.post(`/api/matches/${id}/review`, { rating: 5, comment: '很准时' })).status).toBe(
      200,
    );
    const reviewed = await organization.post(`/api/matches/${id}/review`, { rating: 5 });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.match.reviews).toHaveLength(2);
  });

  it("the organization proposes its funding need to the foundation's seeded grant; the funder accepts", async () => {
    const organization = await demoClient('demo-organization');
    const funder = await demoClient('demo-funder');
    const need = await ownListing(organization, '「颐禾食堂」长者助餐与陪伴项目寻求资助');
    const offer = await ownListing(funder, '沐澜基金会2027年度社区养老与助残项目资助');

    const proposed = await organization.post('/api/matches', { needId: need.id, offerId: offer.id });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const accepted = await funder.post(`/api/matches/${proposed.body.match.id}/accept`);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.match.status).toBe('accepted');
  });
});
