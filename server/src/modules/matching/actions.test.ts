import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchActions } from '@app/shared';
import { startTestServer, type TestClient, type TestServer } from '../../../test/harness.js';
import { buildOrganization, buildUser, login } from '../../../test/factories.js';
import type { UserRecord } from '../users/model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

async function account(overrides: Partial<UserRecord>) {
  const user = await buildUser(overrides);
  const client = server.client();
  await login(client, user.email);
  return { user, client };
}

const listing = (side: 'need' | 'offer', title: string) => ({
  side,
  kind: 'service',
  subkind: 'community-service',
  title,
  description: '天平路街道的独居高龄老人每天中午的午餐送餐上门。',
  domains: ['elderly'],
  district: '310104',
});

const none: MatchActions = {
  yourTurn: false,
  canAccept: false,
  canDecline: false,
  canComplete: false,
  canReview: false,
  canAttachEvidence: false,
};

/** What the match says its caller may do, as the caller reads it. */
async function actionsOf(client: TestClient, id: string): Promise<MatchActions> {
  const res = await client.get(`/api/matches/${id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const { yourTurn, canAccept, canDecline, canComplete, canReview, canAttachEvidence } = res.body.match;
  return { yourTurn, canAccept, canDecline, canComplete, canReview, canAttachEvidence };
}

describe('what a match tells its caller they may do (from the match policy)', () => {
  it('a colleague proposed: neither the colleague nor the owner of that side may answer; the other side may', async () => {
    const resident = await account({ role: 'resident' });
    const provider = await account({ role: 'organization' });
    const org = await buildOrganization(provider.user, { name: '社区长者服务社' });
    const colleague = await account({ role: 'organization', organizationId: org._id });
    const need = await resident.client.post('/api/listings', listing('need', '独居老人周末午餐送餐'));
    const offer = await provider.client.post('/api/listings', listing('offer', '周末长者送餐服务'));

    // The colleague proposes the organization's offer (owned by `provider`) to the resident's need.
    const proposed = await colleague.client.post('/api/matches', {
      needId: need.body.listing.id,
      offerId: offer.body.listing.id,
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const id = proposed.body.match.id as string;
    expect(proposed.body.match).toMatchObject({ yourSide: 'offer', canAccept: false, yourTurn: false });

    expect(await actionsOf(colleague.client, id)).toEqual(none);
    expect(await actionsOf(provider.client, id)).toEqual(none);
    expect(await actionsOf(resident.client, id)).toEqual({
      ...none,
      yourTurn: true,
      canAccept: true,
      canDecline: true,
    });
    // The flags say what the API does: the offer's owner is refused, the need's owner is not.
    expect((await provider.client.post(`/api/matches/${id}/accept`)).status).toBe(403);
    const accepted = await resident.client.post(`/api/matches/${id}/accept`);
    expect(accepted.status).toBe(200);

    // Accepted: either side completes it and attaches evidence; nobody answers it any more.
    const underWay = { ...none, yourTurn: true, canComplete: true, canAttachEvidence: true };
    expect(accepted.body.match).toMatchObject(underWay);
    expect(await actionsOf(provider.client, id)).toEqual(underWay);
    expect(await actionsOf(colleague.client, id)).toEqual(underWay);

    // Completed: each side reviews once; the first review closes the evidence.
    const completed = await colleague.client.post(`/api/matches/${id}/complete`, {
      evidence: { summary: '周末送餐八次' },
    });
    expect(completed.status).toBe(200);
    expect(await actionsOf(resident.client, id)).toEqual({
      ...none,
      yourTurn: true,
      canReview: true,
      canAttachEvidence: true,
    });
    const reviewed = await resident.client.post(`/api/matches/${id}/review`, { rating: 5 });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.match).toMatchObject(none);
    expect(await actionsOf(provider.client, id)).toEqual({ ...none, yourTurn: true, canReview: true });
    expect((await provider.client.post(`/api/matches/${id}/review`, { rating: 4 })).status).toBe(200);
    expect(await actionsOf(colleague.client, id)).toEqual(none);
  });

  it('the side that proposed itself waits; a declined match asks nothing of anyone', async () => {
    const resident = await account({ role: 'resident' });
    const provider = await account({ role: 'organization' });
    await buildOrganization(provider.user, { name: '长者助餐社' });
    const need = await resident.client.post('/api/listings', listing('need', '独居老人午餐送餐上门'));
    const offer = await provider.client.post('/api/listings', listing('offer', '长者助餐送餐服务'));
    const proposed = await resident.client.post('/api/matches', {
      needId: need.body.listing.id,
      offerId: offer.body.listing.id,
    });
    const id = proposed.body.match.id as string;
    expect(await actionsOf(resident.client, id)).toEqual(none);
    expect(await actionsOf(provider.client, id)).toMatchObject({ canAccept: true, canDecline: true });
    expect((await provider.client.post(`/api/matches/${id}/decline`, {})).status).toBe(200);
    expect(await actionsOf(provider.client, id)).toEqual(none);
    expect(await actionsOf(resident.client, id)).toEqual(none);
  });
});
