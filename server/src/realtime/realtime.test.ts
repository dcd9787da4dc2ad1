import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_BODY_MAX, mergeMessages, type Message, type MessageSendAck } from '@app/shared';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { buildOrganization, signedIn, TEST_PASSWORD } from '../../test/factories.js';
import {
  collect,
  connected,
  connectSocket,
  openSocket,
  until,
  type ClientSocket,
} from '../../test/sockets.js';
import { openMatchConversation } from '../modules/conversations/opening.js';
import { MessageModel } from '../modules/conversations/model.js';

let server: TestServer;
const sockets: ClientSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await server?.stop();
});

let clientIds = 0;
const clientId = () => `c-${Date.now().toString(36)}-${clientIds++}`;

/** Two signed-in users in one match conversation, each with a connected socket. */
async function pair() {
  const a = await signedIn(server, { role: 'organization', name: '阳光服务中心' });
  const b = await signedIn(server, { role: 'funder', name: '爱心基金会' });
  const conversation = await openMatchConversation(server.ctx, {
    matchId: String(new Types.ObjectId()),
    memberUserIds: [String(a.user._id), String(b.user._id)],
  });
  await server.ctx.events.settle();
  const [sa, sb] = await Promise.all([connectSocket(server, a.client), connectSocket(server, b.client)]);
  sockets.push(sa, sb);
  return { a: { ...a, socket: sa }, b: { ...b, socket: sb }, conversationId: String(conversation._id) };
}

const send = (socket: ClientSocket, conversationId: string, body: string, id = clientId()) =>
  socket
    .timeout(5_000)
    .emitWithAck('message:send', { conversationId, body, clientId: id }) as Promise<MessageSendAck>;

describe('the socket handshake', () => {
  it('refuses a socket without a session, and one from a foreign origin', async () => {
    const anonymous = openSocket(server, undefined);
    await expect(connected(anonymous)).rejects.toMatchObject({ data: { code: 'unauthenticated' } });
    anonymous.close();
    const { client } = await signedIn(server);
    const foreign = openSocket(server, client, { headers: { Origin: 'https://evil.example' } });
    await expect(connected(foreign)).rejects.toThrow();
    foreign.close();
    const same = await connected(openSocket(server, client, { headers: { Origin: server.url } }));
    expect(same.connected).toBe(true);
    same.close();
  });

  it('disconnects the sockets of a user who logs out', async () => {
    const { client } = await signedIn(server);
    const socket = await connectSocket(server, client);
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    await expect(gone).resolves.toBe('io server disconnect');
    await expect(connected(openSocket(server, client))).rejects.toMatchObject({
      data: { code: 'unauthenticated' },
    });
  });

  it('disconnects the sockets of a user who changes password, and of one who joins an organization', async () => {
    const { client } = await signedIn(server);
    const socket = await connectSocket(server, client);
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    const changed = await client.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(changed.status).toBe(200);
    await expect(gone).resolves.toBe('io server disconnect');
    // The session renewed by the change still connects.
    const again = await connectSocket(server, client);
    expect(again.connected).toBe(true);
    again.close();

    const founder = await signedIn(server, { role: 'organization' });
    const org = await buildOrganization(founder.user);
    const code = (await founder.client.post(`/api/organizations/${org._id}/invitations`)).body.code;
    const joiner = await signedIn(server, { role: 'organization' });
    const joinerSocket = await connectSocket(server, joiner.client);
    const left = new Promise((resolve) => joinerSocket.once('disconnect', resolve));
    expect((await joiner.client.post('/api/organizations/join', { code })).status).toBe(200);
    await expect(left).resolves.toBe('io server disconnect');
  });
});

describe('messages over the socket', () => {
  it('delivers a message to the other member, stored before it is announced', async () => {
    const { a, b, conversationId } = await pair();
    const received = collect(b.socket, 'message:new');
    const ack = await send(a.socket, conversationId, '您好，场地周三下午可以用吗？');
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.message).toMatchObject({ conversationId, senderId: String(a.user._id), seq: 1 });
    await until(() => received.length === 1, 5_000, 'message:new');
    expect(received[0]!.message).toEqual(ack.message);
    expect(await MessageModel.countDocuments({ _id: ack.message.id })).toBe(1);
  });

  it('stores a message once for a repeated clientId, and both acknowledgements carry it', async () => {
    const { a, conversationId } = await pair();
    const id = clientId();
    const [first, second] = await Promise.all([
      send(a.socket, conversationId, '重复发送', id),
      send(a.socket, conversationId, '重复发送', id),
    ]);
    const third = await send(a.socket, conversationId, '重复发送', id);
    expect(first.ok && second.ok && third.ok).toBe(true);
    if (!first.ok || !second.ok || !third.ok) return;
    expect(second.message.id).toBe(first.message.id);
    expect(third.message.id).toBe(first.message.id);
    expect(await MessageModel.countDocuments({ conversationId, clientId: id })).toBe(1);
  });

  it('gives a client that was away every message after its last one, in order, without duplicates', async () => {
    const { a, b, conversationId } = await pair();
    let live = collect(b.socket, 'message:new');
    for (const body of ['第一条', '第二条'])
      expect((await send(a.socket, conversationId, body)).ok).toBe(true);
    await until(() => live.length === 2, 5_000, 'first two messages');
    let seen: Message[] = live.map((e) => e.message);

    b.socket.disconnect();
    const sentWhileAway: string[] = [];
    for (let i = 0; i < 10; i++) {
      const ack = await send(a.socket, conversationId, `离线期间的消息 ${i}`);
      if (ack.ok) sentWhileAway.push(ack.message.id);
    }
    expect(sentWhileAway).toHaveLength(10);

    const again = openSocket(server, b.client, { connect: false });
    sockets.push(again);
    live = collect(again, 'message:new');
    await connected(again.connect());
    // The client catches up from its last message id, page by page.
    const caughtUp: Message[] = [];
    let after = seen.at(-1)!.id;
    for (;;) {
      const page = await b.client.get(`/api/conversations/${conversationId}/messages?after=${after}&limit=4`);
      expect(page.status).toBe(200);
      caughtUp.push(...page.body.items);
      if (!page.body.hasMore) break;
      after = page.body.items.at(-1).id;
    }
    expect(caughtUp.map((m) => m.id)).toEqual(sentWhileAway);
    const after1 = await send(a.socket, conversationId, '回来之后的消息');
    await until(() => live.length === 1, 5_000, 'live message after reconnecting');
    seen = mergeMessages(
      mergeMessages(seen, caughtUp),
      live.map((e) => e.message),
    );
    const stored = await MessageModel.find({ conversationId }).sort({ seq: 1 }).lean();
    expect(seen.map((m) => m.id)).toEqual(stored.map((m) => String(m._id)));
    expect(after1.ok && live[0]!.message.id === after1.message.id).toBe(true);
    expect(new Set([...caughtUp, ...live.map((e) => e.message)].map((m) => m.id)).size).toBe(11);
  });

  it('refuses oversized and malformed payloads in the acknowledgement, storing nothing', async () => {
    const { a, conversationId } = await pair();
    const before = await MessageModel.countDocuments();
    const bad: unknown[] = [
      { conversationId, body: '字'.repeat(MESSAGE_BODY_MAX + 1), clientId: clientId() },
      { conversationId, body: '   ', clientId: clientId() },
      { conversationId, body: 'hi' },
      { conversationId, body: 'hi', clientId: clientId(), senderId: String(a.user._id) },
      { conversationId: { $ne: null }, body: 'hi', clientId: clientId() },
      { conversationId, body: { $gt: '' }, clientId: clientId() },
      { conversationId, body: ['hi'], clientId: clientId() },
      { conversationId: 'not-an-id', body: 'hi', clientId: clientId() },
      'just a string',
      null,
    ];
    for (const payload of bad) {
      const ack = (await a.socket
        .timeout(5_000)
        .emitWithAck('message:send', payload as never)) as MessageSendAck;
      expect(ack, JSON.stringify(payload)?.slice(0, 80)).toMatchObject({
        ok: false,
        error: { code: 'validation_failed' },
      });
    }
    expect(await MessageModel.countDocuments()).toBe(before);
    // A frame far beyond any valid message (64 KB) is not read at all: the connection is closed.
    const closed = new Promise((resolve) => a.socket.once('disconnect', resolve));
    a.socket.emit(
      'message:send',
      { conversationId, body: '字'.repeat(30_000), clientId: clientId() },
      () => {},
    );
    await expect(closed).resolves.toBe('transport close');
    expect(await MessageModel.countDocuments()).toBe(before);
  });

  it('answers rate_limited once a socket exceeds its event budget', async () => {
    const { a, conversationId } = await pair();
    const acks = await Promise.all(
      Array.from({ length: 60 }, () => a.socket.timeout(5_000).emitWithAck('typing', { conversationId })),
    );
    const limited = acks.filter((x) => !x.ok && x.error.code === 'rate_limited').length;
    expect(limited).toBeGreaterThanOrEqual(15);
    expect(acks.filter((x) => x.ok).length).toBeGreaterThanOrEqual(40);
  });
});

describe('membership, checked on every event', () => {
  it('lets a stranger neither join, send to, read nor receive a conversation, by real or guessed ids', async () => {
    const { a, conversationId } = await pair();
    const stranger = await signedIn(server, { role: 'organization' });
    const socket = await connectSocket(server, stranger.client);
    sockets.push(socket);
    const received = collect(socket, 'message:new');
    const before = await MessageModel.countDocuments();
    for (const id of [conversationId, String(new Types.ObjectId())]) {
      expect(
        await socket.timeout(5_000).emitWithAck('conversation:join', { conversationId: id }),
      ).toMatchObject({
        ok: false,
        error: { code: 'not_found' },
      });
      expect(await send(socket, id, '我想看看')).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await socket.timeout(5_000).emitWithAck('typing', { conversationId: id })).toMatchObject({
        ok: false,
      });
      expect((await stranger.client.get(`/api/conversations/${id}/messages`)).status).toBe(404);
      expect(
        (
          await stranger.client.post(`/api/conversations/${id}/messages`, {
            body: 'hi',
            clientId: clientId(),
          })
        ).status,
      ).toBe(404);
    }
    const ack = await send(a.socket, conversationId, '只给成员看');
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(
      await socket.timeout(5_000).emitWithAck('message:read', { conversationId, upTo: ack.message.id }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(0);
    expect(await MessageModel.countDocuments()).toBe(before + 1);
  });

  it('joins the room of a conversation opened after the socket connected', async () => {
    const a = await signedIn(server);
    const b = await signedIn(server);
    const [sa, sb] = await Promise.all([connectSocket(server, a.client), connectSocket(server, b.client)]);
    sockets.push(sa, sb);
    const opened = collect(sb, 'conversation:opened');
    const received = collect(sb, 'message:new');
    const conversation = await openMatchConversation(server.ctx, {
      matchId: String(new Types.ObjectId()),
      memberUserIds: [String(a.user._id), String(b.user._id)],
    });
    await until(() => opened.length === 1, 5_000, 'conversation:opened');
    expect((await send(sa, String(conversation._id), '新的会话')).ok).toBe(true);
    await until(() => received.length === 1, 5_000, 'message in the new conversation');
  });
});

describe('read receipts, typing and presence', () => {
  it('tells the other side about reading, typing, and coming and going', async () => {
    const { a, b, conversationId } = await pair();
    const reads = collect(a.socket, 'message:read');
    const typing = collect(a.socket, 'typing');
    const presence = collect(a.socket, 'presence');
    const ack = await send(a.socket, conversationId, '请确认收到');
    if (!ack.ok) throw new Error('send failed');
    expect(await b.socket.timeout(5_000).emitWithAck('typing', { conversationId })).toEqual({ ok: true });
    expect(
      await b.socket.timeout(5_000).emitWithAck('message:read', { conversationId, upTo: ack.message.id }),
    ).toEqual({ ok: true });
    await until(() => reads.length === 1 && typing.length === 1, 5_000, 'read receipt and typing');
    expect(reads[0]).toEqual({ conversationId, userId: String(b.user._id), upTo: ack.message.id });
    expect(typing[0]).toEqual({ conversationId, userId: String(b.user._id) });

    const listed = await a.client.get('/api/conversations');
    const mine = listed.body.items.find((c: { id: string }) => c.id === conversationId);
    expect(mine.online).toEqual([String(b.user._id)]);
    expect(mine.reads).toEqual([{ userId: String(b.user._id), upTo: ack.message.id, seq: 1 }]);

    b.socket.disconnect();
    await until(() => presence.some((p) => !p.online), 5_000, 'offline presence');
    expect(presence.at(-1)).toEqual({ conversationId, userId: String(b.user._id), online: false });
    const back = await connectSocket(server, b.client);
    sockets.push(back);
    await until(() => presence.at(-1)?.online === true, 5_000, 'online presence');
  });
});
