import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '@app/shared';
import { EventOutboxModel } from '../../lib/outbox.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { buildBase, buildOrganization, buildUser, login, signedIn } from '../../../test/factories.js';
import { ConversationModel, MessageModel } from './model.js';
import { openMatchConversation } from './opening.js';
import { conversationService } from './service.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

let n = 0;
const clientId = () => `http-${Date.now().toString(36)}-${n++}`;
const code = (body: unknown) => errorBodySchema.parse(body).error.code;

/** A signed-in member of an organization, verified unless told otherwise. */
async function orgMember(overrides: Record<string, unknown> = {}) {
  const member = await signedIn(server, { role: 'organization' });
  const org = await buildOrganization(member.user, { verification: { status: 'verified' }, ...overrides });
  return { ...member, org };
}

describe('opening conversations', () => {
  it('opens the conversation of an organization with its base, once, for its members and the base operators', async () => {
    const base = await buildBase({ name: '徐汇区社会组织服务中心' });
    const { client, org } = await orgMember({ baseId: base._id });
    const first = await client.post('/api/conversations', { kind: 'base' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      created: true,
      conversation: { kind: 'base', baseId: String(base._id) },
    });
    expect(first.body.conversation.counterparts).toEqual([
      { kind: 'base', id: String(base._id), name: '徐汇区社会组织服务中心' },
    ]);

    const operator = await signedIn(server, { role: 'operator', baseId: base._id });
    const again = await operator.client.post('/api/conversations', {
      kind: 'base',
      organizationId: String(org._id),
    });
    expect(again.body).toMatchObject({ created: false, conversation: { id: first.body.conversation.id } });
    expect(again.body.conversation.counterparts[0]).toMatchObject({
      kind: 'organization',
      id: String(org._id),
    });

    const otherOperator = await signedIn(server, { role: 'operator', baseId: (await buildBase())._id });
    const refused = await otherOperator.client.post('/api/conversations', {
      kind: 'base',
      organizationId: String(org._id),
    });
    expect(refused.status).toBe(403);
    const homeless = await orgMember();
    expect((await homeless.client.post('/api/conversations', { kind: 'base' })).status).toBe(403);
  });

  it('opens direct conversations only between two verified organizations', async () => {
    const one = await orgMember();
    const two = await orgMember();
    const pending = await orgMember({ verification: { status: 'pending' } });
    const opened = await one.client.post('/api/conversations', {
      kind: 'direct',
      organizationId: String(two.org._id),
    });
    expect(opened.status).toBe(201);
    const reverse = await two.client.post('/api/conversations', {
      kind: 'direct',
      organizationId: String(one.org._id),
    });
    expect(reverse.body.conversation.id).toBe(opened.body.conversation.id);
    expect(reverse.body.created).toBe(false);
    for (const [client, target] of [
      [one.client, pending.org._id],
      [pending.client, one.org._id],
      [one.client, one.org._id],
    ] as const) {
      expect(
        (await client.post('/api/conversations', { kind: 'direct', organizationId: String(target) })).status,
      ).toBe(403);
    }
    const resident = await signedIn(server);
    expect(
      (
        await resident.client.post('/api/conversations', {
          kind: 'direct',
          organizationId: String(one.org._id),
        })
      ).status,
    ).toBe(403);
  });

  it('refuses malformed bodies with 400', async () => {
    const { client } = await orgMember();
    for (const body of [
      {},
      { kind: 'match' },
      { kind: 'direct' },
      { kind: 'direct', organizationId: { $ne: null } },
      { kind: 'base', extra: 1 },
    ]) {
      const res = await client.post('/api/conversations', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('opens one conversation per match, and adds members on a later call', async () => {
    const [a, b, c] = await Promise.all([buildUser(), buildUser(), buildUser()]);
    const matchId = String(new Types.ObjectId());
    const first = await openMatchConversation(server.ctx, {
      matchId,
      memberUserIds: [String(a._id), String(b._id)],
    });
    const service = conversationService(server.ctx);
    await service.send(a, String(first._id), { body: '先说一句', clientId: `first-${matchId}` });
    await expect(
      service.send(c, String(first._id), { body: '我还不是成员', clientId: `early-${matchId}` }),
    ).rejects.toMatchObject({ code: 'not_found' });
    const again = await openMatchConversation(server.ctx, {
      matchId,
      memberUserIds: [String(a._id), String(c._id)],
    });
    expect(String(again._id)).toBe(String(first._id));
    expect(again.memberUserIds.map(String).sort()).toEqual([a, b, c].map((u) => String(u._id)).sort());
    expect(await ConversationModel.countDocuments({ matchId })).toBe(1);
    // The member just added may write at once, although the conversation was read (and kept) a moment ago.
    const sent = await service.send(c, String(first._id), { body: '我加入了', clientId: `late-${matchId}` });
    expect(sent.message.seq).toBe(2);
  });
});

describe('messages over HTTP', () => {
  it('sends, deduplicates by clientId, and pages history in send order', async () => {
    const one = await orgMember();
    const two = await orgMember();
    const { body } = await one.client.post('/api/conversations', {
      kind: 'direct',
      organizationId: String(two.org._id),
    });
    const id = body.conversation.id;
    const ids: string[] = [];
    for (let i = 1; i <= 7; i++) {
      const res = await (i % 2 ? one : two).client.post(`/api/conversations/${id}/messages`, {
        body: `消息 ${i}`,
        clientId: clientId(),
      });
      expect(res.status).toBe(201);
      expect(res.body.message.seq).toBe(i);
      ids.push(res.body.message.id);
    }
    const repeat = clientId();
    const sent = await one.client.post(`/api/conversations/${id}/messages`, {
      body: '再来一次',
      clientId: repeat,
    });
    const resent = await one.client.post(`/api/conversations/${id}/messages`, {
      body: '再来一次',
      clientId: repeat,
    });
    expect(resent.body.message.id).toBe(sent.body.message.id);
    ids.push(sent.body.message.id);
    expect(await MessageModel.countDocuments({ conversationId: id })).toBe(8);

    const latest = await two.client.get(`/api/conversations/${id}/messages?limit=3`);
    expect(latest.body).toMatchObject({ hasMore: true });
    expect(latest.body.items.map((m: { id: string }) => m.id)).toEqual(ids.slice(-3));
    const older = await two.client.get(`/api/conversations/${id}/messages?before=${ids[5]}&limit=3`);
    expect(older.body.items.map((m: { id: string }) => m.id)).toEqual(ids.slice(2, 5));
    const newer = await two.client.get(`/api/conversations/${id}/messages?after=${ids[1]}&limit=50`);
    expect(newer.body).toMatchObject({ hasMore: false });
    expect(newer.body.items.map((m: { id: string }) => m.id)).toEqual(ids.slice(2));

    // A colleague who joins the organization later reads the conversation too: membership is checked live.
    const colleague = await buildUser({ role: 'organization', organizationId: two.org._id });
    const colleagueClient = server.client();
    await login(colleagueClient, colleague.email);
    expect((await colleagueClient.get(`/api/conversations/${id}/messages`)).body.items).toHaveLength(8);
  });

  it('answers bad input with 4xx and writes nothing', async () => {
    const one = await orgMember();
    const two = await orgMember();
    const { body } = await one.client.post('/api/conversations', {
      kind: 'direct',
      organizationId: String(two.org._id),
    });
    const id = body.conversation.id;
    const before = await MessageModel.countDocuments();
    for (const payload of [
      { body: 'x'.repeat(4001), clientId: clientId() },
      { body: '', clientId: clientId() },
      { body: 'hi', clientId: 'short' },
      { body: 'hi', clientId: clientId(), seq: 1 },
      { body: { $gt: '' }, clientId: clientId() },
      { body: 'hi', clientId: clientId(), 'a.b': 1 },
    ]) {
      const res = await one.client.post(`/api/conversations/${id}/messages`, payload);
      expect(res.status, JSON.stringify(payload).slice(0, 60)).toBe(400);
      expect(code(res.body)).toBe('validation_failed');
    }
    expect(await MessageModel.countDocuments()).toBe(before);
    expect(
      (await one.client.get(`/api/conversations/${id}/messages?after=${new Types.ObjectId()}`)).status,
    ).toBe(400);
    expect((await one.client.get(`/api/conversations/${id}/messages?limit=1000`)).status).toBe(400);
    expect((await one.client.get(`/api/conversations/${id}/messages?after[$gt]=a`)).status).toBe(400);
    expect((await one.client.get('/api/conversations/nope/messages')).status).toBe(400);
    expect((await server.client().get(`/api/conversations/${id}/messages`)).status).toBe(401);
  });
});

describe('storage order', () => {
  it('gives concurrent sends the seqs 1..n without gaps, also after sends through another process', async () => {
    const [a, b] = await Promise.all([buildUser(), buildUser()]);
    const conversation = await openMatchConversation(server.ctx, {
      matchId: String(new Types.ObjectId()),
      memberUserIds: [String(a._id), String(b._id)],
    });
    const service = conversationService(server.ctx);
    const id = String(conversation._id);
    const sends = Array.from({ length: 30 }, (_, i) =>
      service.send(i % 2 ? a : b, id, { body: `并发 ${i}`, clientId: `conc-${i}-${id}` }),
    );
    const results = await Promise.all(sends);
    expect(results.map((r) => r.message.seq).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    // Another process stored two more (its hint update not yet done), and the hint even lags behind: a retry.
    await MessageModel.create(
      [31, 32].map((seq) => ({
        conversationId: id,
        seq,
        senderId: b._id,
        body: '别处',
        clientId: `else-${seq}-${id}`,
      })),
    );
    await ConversationModel.updateOne({ _id: conversation._id }, { $set: { lastSeq: 3 } });
    const next = await service.send(a, id, { body: '之后', clientId: `after-${id}` });
    expect(next.message.seq).toBe(33);
    expect((await ConversationModel.findById(id).lean())?.lastSeq).toBe(33);
    const again = await service.send(a, id, { body: '之后', clientId: `after-${id}` });
    expect(again).toMatchObject({ created: false, message: { id: next.message.id } });
  });
});

describe('unread counts and read receipts', () => {
  it('counts messages from others after the read receipt, which only moves forward', async () => {
    const one = await orgMember();
    const two = await orgMember();
    const { body } = await one.client.post('/api/conversations', {
      kind: 'direct',
      organizationId: String(two.org._id),
    });
    const id = body.conversation.id;
    const sent: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await one.client.post(`/api/conversations/${id}/messages`, {
        body: `问题 ${i}`,
        clientId: clientId(),
      });
      sent.push(res.body.message.id);
    }
    await two.client.post(`/api/conversations/${id}/messages`, { body: '收到', clientId: clientId() });
    const unread = async (client: typeof one.client) =>
      (await client.get('/api/conversations')).body.items.find((c: { id: string }) => c.id === id);

    expect(await unread(two.client)).toMatchObject({ unreadCount: 3, lastMessage: { body: '收到' } });
    expect((await unread(one.client)).unreadCount).toBe(1);
    expect((await two.client.post(`/api/conversations/${id}/read`, { upTo: sent[1] })).body).toEqual({
      seq: 2,
      upTo: sent[1],
    });
    expect((await unread(two.client)).unreadCount).toBe(1);
    // Reading an earlier message does not move the receipt back.
    expect((await two.client.post(`/api/conversations/${id}/read`, { upTo: sent[0] })).body.seq).toBe(2);
    expect((await unread(two.client)).unreadCount).toBe(1);
    expect((await unread(one.client)).reads).toEqual([
      { userId: String(two.user._id), upTo: sent[1], seq: 2 },
    ]);
    const stranger = await orgMember();
    expect((await stranger.client.post(`/api/conversations/${id}/read`, { upTo: sent[0] })).status).toBe(404);
    expect(await unread(stranger.client)).toBeUndefined();
  });
});

describe('the inbox', () => {
  it('counts unread and shows the last message of every conversation in the same queries, however many', async () => {
    const viewer = await signedIn(server);
    const service = conversationService(server.ctx);
    const conversations: string[] = [];
    for (let i = 0; i < 5; i++) {
      const other = await buildUser();
      const c = await openMatchConversation(server.ctx, {
        matchId: String(new Types.ObjectId()),
        memberUserIds: [String(viewer.user._id), String(other._id)],
      });
      const id = String(c._id);
      conversations.push(id);
      // i + 1 messages from the other side, then one from the viewer in every other conversation.
      for (let m = 0; m <= i; m++)
        await service.send(other, id, { body: `来信 ${i}.${m}`, clientId: `in-${m}-${id}` });
      if (i % 2) await service.send(viewer.user, id, { body: `回复 ${i}`, clientId: `out-${id}` });
    }
    await server.ctx.events.settle();
    // The lastSeq hint lags behind in two conversations (a send cut off before it moved the hint).
    await ConversationModel.updateOne({ _id: conversations[4] }, { $set: { lastSeq: 2 } });
    await ConversationModel.updateOne({ _id: conversations[3] }, { $set: { lastSeq: 0 } });
    const [, second] = (await viewer.client.get('/api/conversations')).body.items.filter(
      (c: { id: string }) => conversations.includes(c.id),
    );
    await viewer.client.post(`/api/conversations/${second.id}/read`, { upTo: second.lastMessage.id });
    await server.ctx.events.settle();

    const byCollection = new Map<string, number>();
    const inbox = async (pageSize: number) => {
      byCollection.clear();
      // The outbox relay's poll, once a second in the background, is not the inbox's: left out of the count.
      mongoose.set('debug', (collection: string) => {
        if (collection !== EventOutboxModel.collection.name)
          byCollection.set(collection, (byCollection.get(collection) ?? 0) + 1);
      });
      try {
        const res = await viewer.client.get(`/api/conversations?pageSize=${pageSize}`);
        expect(res.status).toBe(200);
        return res.body.items as {
          id: string;
          unreadCount: number;
          lastMessage?: { body: string; seq: number };
        }[];
      } finally {
        mongoose.set('debug', false);
      }
    };
    const all = await inbox(20);
    const queries = new Map(byCollection);
    expect(all.map((c) => c.id)).toEqual([...conversations].reverse());
    const view = (i: number) => all.find((c) => c.id === conversations[i])!;
    for (let i = 0; i < 5; i++) {
      const last = i % 2 ? { body: `回复 ${i}`, seq: i + 2 } : { body: `来信 ${i}.${i}`, seq: i + 1 };
      expect(view(i).lastMessage, `conversation ${i}`).toMatchObject(last);
      expect(view(i).unreadCount, `conversation ${i}`).toBe(i === 3 ? 0 : i + 1);
    }
    expect(queries.get(MessageModel.collection.name)).toBe(2);
    // One conversation on the page or five: the same queries.
    await inbox(1);
    expect(byCollection).toEqual(queries);
  });

  it('finds the last message of a conversation whose hint is ahead of its messages', async () => {
    const viewer = await signedIn(server);
    const other = await buildUser();
    const c = await openMatchConversation(server.ctx, {
      matchId: String(new Types.ObjectId()),
      memberUserIds: [String(viewer.user._id), String(other._id)],
    });
    await conversationService(server.ctx).send(other, String(c._id), {
      body: '唯一',
      clientId: `only-${c._id}`,
    });
    await ConversationModel.updateOne({ _id: c._id }, { $set: { lastSeq: 9 } });
    const [item] = (await viewer.client.get('/api/conversations')).body.items;
    expect(item).toMatchObject({ id: String(c._id), unreadCount: 1, lastMessage: { body: '唯一', seq: 1 } });
  });
});
