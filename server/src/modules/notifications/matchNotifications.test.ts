import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestClient, type TestServer } from '../../../test/harness.js';
import { buildOrganization, buildUser, login } from '../../../test/factories.js';
import { collect, connectSocket, until } from '../../../test/sockets.js';
import type { UserRecord } from '../users/model.js';
import { EmailOutboxModel, NotificationModel } from './model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
/** The other side (the organization) and the recipient's own listing are named. */
const TITLE = '长者助餐社 为“独居老人午餐送餐上门”的匹配上传了新的证明材料';

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

/** A resident's need and a two-member organization's offer, matched and accepted through the API. */
async function acceptedMatch() {
  const resident = await account({ role: 'resident' });
  const provider = await account({ role: 'organization' });
  const org = await buildOrganization(provider.user, { name: '长者助餐社' });
  const colleague = await account({ role: 'organization', organizationId: org._id });
  const need = await resident.client.post('/api/listings', listing('need', '独居老人午餐送餐上门'));
  const offer = await provider.client.post('/api/listings', listing('offer', '长者助餐送餐服务'));
  const [needId, offerId] = [need.body.listing.id, offer.body.listing.id];
  const proposed = await resident.client.post('/api/matches', { needId, offerId });
  expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
  const id = proposed.body.match.id as string;
  expect((await provider.client.post(`/api/matches/${id}/accept`)).status).toBe(200);
  return { resident, provider, colleague, id };
}

async function upload(client: TestClient, matchId: string, filename: string) {
  const token = await client.csrfToken();
  const res = await client.agent
    .post(`/api/matches/${matchId}/evidence-files`)
    .set('X-CSRF-Token', token)
    .attach('file', PNG, { filename, contentType: 'image/png' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** The user's evidence notifications, newest first, as the API lists them. */
async function evidenceNotes(client: TestClient) {
  await server.ctx.events.settle();
  const res = await client.get('/api/notifications?pageSize=50');
  expect(res.status).toBe(200);
  return (res.body.items as { id: string; type: string }[]).filter(
    (n) => n.type === 'match.evidenceAttached',
  );
}

describe('evidence attached to a match', () => {
  it('tells the other side once for a batch of files, by email while offline, again once read', async () => {
    const { resident, provider, id } = await acceptedMatch();
    await upload(provider.client, id, '送餐现场1.png');
    await upload(provider.client, id, '送餐现场2.png');
    await upload(provider.client, id, '签收单.png');

    const notes = await evidenceNotes(resident.client);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      type: 'match.evidenceAttached',
      title: TITLE,
      link: `/matches/${id}`,
      data: {
        matchId: id,
        listingTitle: '独居老人午餐送餐上门',
        otherListingTitle: '长者助餐送餐服务',
        counterpart: '长者助餐社',
      },
    });
    const emails = await EmailOutboxModel.find({ notificationId: notes[0]!.id }).lean();
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: resident.user.email, subject: `【资源链】${TITLE}` });
    expect(emails[0]!.text).toContain(`/matches/${id}`);
    // The side that attached is told nothing.
    expect(await evidenceNotes(provider.client)).toHaveLength(0);

    expect((await resident.client.post(`/api/notifications/${notes[0]!.id}/read`)).status).toBe(200);
    await upload(provider.client, id, '回访照片.png');
    expect(await evidenceNotes(resident.client)).toHaveLength(2);
  });

  it("tells the need's owner when the offer's side (a colleague) attaches, and the other way", async () => {
    const { resident, provider, colleague, id } = await acceptedMatch();
    await upload(colleague.client, id, '送餐现场.png');
    expect(await evidenceNotes(resident.client)).toHaveLength(1);
    expect(await evidenceNotes(provider.client)).toHaveLength(0);
    expect(await evidenceNotes(colleague.client)).toHaveLength(0);

    await upload(resident.client, id, '老人签收.png');
    const told = await evidenceNotes(provider.client);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ link: `/matches/${id}`, data: { matchId: id } });
    expect(await evidenceNotes(resident.client)).toHaveLength(1);
  });

  it('pushes the notification live to an online user and sends no email', async () => {
    const { resident, provider, id } = await acceptedMatch();
    const socket = await connectSocket(server, resident.client);
    try {
      const pushed = collect(socket, 'notification');
      await upload(provider.client, id, '送餐现场.png');
      await until(() => pushed.some((n) => n.type === 'match.evidenceAttached'), 5_000, 'live notification');
      await server.ctx.events.settle();
      const note = pushed.find((n) => n.type === 'match.evidenceAttached')!;
      expect(note).toMatchObject({ title: TITLE, data: { matchId: id } });
      expect(await EmailOutboxModel.countDocuments({ notificationId: note.id })).toBe(0);
      expect(
        await NotificationModel.countDocuments({ userId: resident.user._id, type: 'match.evidenceAttached' }),
      ).toBe(1);
    } finally {
      socket.disconnect();
    }
  });
});

describe('proposals and acceptances made by a colleague of an owner', () => {
  /** The titles of the user's notifications of one type. */
  async function notes(client: TestClient, type: string) {
    await server.ctx.events.settle();
    const res = await client.get('/api/notifications?pageSize=50');
    expect(res.status).toBe(200);
    return (res.body.items as { type: string; title: string; body?: string; data: object }[]).filter(
      (n) => n.type === type,
    );
  }

  it("tell only the other side, never the acting colleague's own owner", async () => {
    const resident = await account({ role: 'resident' });
    const provider = await account({ role: 'organization' });
    const org = await buildOrganization(provider.user, { name: '社区长者服务社' });
    const colleague = await account({ role: 'organization', organizationId: org._id });
    const need = await resident.client.post('/api/listings', listing('need', '独居老人周末午餐送餐'));
    const offer = await provider.client.post('/api/listings', listing('offer', '周末长者送餐服务'));

    // The colleague proposes the organization's offer to the resident's need.
    const proposed = await colleague.client.post('/api/matches', {
      needId: need.body.listing.id,
      offerId: offer.body.listing.id,
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const toResident = await notes(resident.client, 'match.proposed');
    expect(toResident).toHaveLength(1);
    // Named: the other side's organization and the resident's own need, the offer in the body.
    expect(toResident[0]).toMatchObject({
      title: '社区长者服务社 就您的“独居老人周末午餐送餐”发起了匹配提议',
      body: '对方的资源：周末长者送餐服务',
      data: { counterpart: '社区长者服务社', listingTitle: '独居老人周末午餐送餐' },
    });
    expect(await notes(provider.client, 'match.proposed')).toHaveLength(0);

    // The resident accepts: the proposing side hears of it (its owner), the resident does not.
    expect((await resident.client.post(`/api/matches/${proposed.body.match.id}/accept`)).status).toBe(200);
    const toProvider = await notes(provider.client, 'match.accepted');
    expect(toProvider).toHaveLength(1);
    // A resident has no organization: the resident is named by their own name.
    expect(toProvider[0]).toMatchObject({
      title: `${resident.user.name} 接受了您对“独居老人周末午餐送餐”的匹配提议`,
      body: '您的资源：周末长者送餐服务',
      data: { counterpart: resident.user.name, otherListingTitle: '独居老人周末午餐送餐' },
    });
    expect(await notes(resident.client, 'match.accepted')).toHaveLength(0);
  });
});
