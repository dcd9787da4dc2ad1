import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAVED_SEARCHES_MAX, type CreateListingBody } from '@app/shared';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { buildOrganization, signedIn } from '../../../test/factories.js';
import { listingService } from '../listings/service.js';
import { UserModel, type UserRecord } from '../users/model.js';
import { NotificationModel } from '../notifications/model.js';
import { SavedSearchModel } from './model.js';
import { matchesSavedSearch } from './matcher.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const listing: CreateListingBody = {
  side: 'offer',
  kind: 'venue',
  title: '徐汇区社区活动室免费开放',
  description: '周末可供社会组织举办长者助餐和健康讲座活动',
  domains: ['elderly'],
  district: '310104',
};

describe('matching a listing against a saved search', () => {
  it('ANDs the filters, ORs the values of one filter, and needs every word', () => {
    const base = { kind: [], domain: [], district: [] };
    expect(matchesSavedSearch({ ...base, q: '助餐 讲座' }, listing)).toBe(true);
    expect(matchesSavedSearch({ ...base, q: '助餐 法律' }, listing)).toBe(false);
    expect(matchesSavedSearch({ ...base, side: 'need' }, listing)).toBe(false);
    expect(
      matchesSavedSearch({ ...base, kind: ['funding', 'venue'], domain: ['disability', 'elderly'] }, listing),
    ).toBe(true);
    expect(matchesSavedSearch({ ...base, kind: ['venue'], district: ['310101'] }, listing)).toBe(false);
  });
});

describe('saved searches', () => {
  it('are created, listed and deleted by their owner only', async () => {
    const { client } = await signedIn(server);
    const created = await client.post('/api/saved-searches', { q: '助餐', domain: ['elderly'] });
    expect(created.status).toBe(201);
    expect(created.body.savedSearch).toMatchObject({ name: '助餐 elderly', q: '助餐', domain: ['elderly'] });
    expect((await client.get('/api/saved-searches')).body.items).toHaveLength(1);
    const { client: other } = await signedIn(server);
    expect((await other.delete(`/api/saved-searches/${created.body.savedSearch.id}`)).status).toBe(404);
    expect((await other.get('/api/saved-searches')).body.items).toHaveLength(0);
    expect((await client.delete(`/api/saved-searches/${created.body.savedSearch.id}`)).status).toBe(204);
    expect((await client.get('/api/saved-searches')).body.items).toHaveLength(0);
  });

  it('refuses empty, unknown and oversized criteria, and more than the maximum', async () => {
    const { user, client } = await signedIn(server);
    for (const body of [
      {},
      { q: '' },
      { q: 'x'.repeat(101) },
      { domain: ['no-such-domain'] },
      { domain: 'elderly' },
      { q: '助餐', owner: 'me' },
      { q: { $gt: '' } },
    ]) {
      expect((await client.post('/api/saved-searches', body)).status, JSON.stringify(body)).toBe(400);
    }
    await SavedSearchModel.insertMany(
      Array.from({ length: SAVED_SEARCHES_MAX }, (_, i) => ({
        userId: user._id,
        name: `s${i}`,
        q: `词${i}`,
      })),
    );
    expect((await client.post('/api/saved-searches', { q: '再多一个' })).status).toBe(409);
  });

  it('notifies the owners of matching searches when a new listing is posted, never its author', async () => {
    const interested = await signedIn(server);
    const elsewhere = await signedIn(server);
    const author = await signedIn(server, { role: 'organization' });
    await buildOrganization(author.user);
    expect((await interested.client.post('/api/saved-searches', { q: '助餐', kind: ['venue'] })).status).toBe(
      201,
    );
    expect(
      (await elsewhere.client.post('/api/saved-searches', { q: '助餐', district: ['310101'] })).status,
    ).toBe(201);
    expect((await author.client.post('/api/saved-searches', { q: '助餐' })).status).toBe(201);

    const poster = (await UserModel.findById(author.user._id).lean()) as UserRecord;
    const created = await listingService(server.ctx).create(poster, listing);
    await server.ctx.events.settle();
    const told = await interested.client.get('/api/notifications');
    expect(told.body.items).toHaveLength(1);
    expect(told.body.items[0]).toMatchObject({
      type: 'savedSearch.matched',
      body: listing.title,
      link: `/listings/${created._id}`,
    });
    expect(await NotificationModel.countDocuments({ userId: elsewhere.user._id })).toBe(0);
    expect(await NotificationModel.countDocuments({ userId: author.user._id })).toBe(0);
  });
});
