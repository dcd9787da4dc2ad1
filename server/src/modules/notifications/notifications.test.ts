import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { buildBase, buildOrganization, buildUser, signedIn } from '../../../test/factories.js';
import { collect, connectSocket, until } from '../../../test/sockets.js';
import { ConversationModel } from '../conversations/model.js';
import { openMatchConversation } from '../conversations/opening.js';
import { dispatchEmails, type OutgoingEmail } from './email.js';
import { EmailOutboxModel, NotificationModel } from './model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

let n = 0;
const clientId = () => `n-${Date.now().toString(36)}-${n++}`;

describe('a message while offline', () => {
  it('notifies the offline member once per conversation until read, and queues one email', async () => {
    const a = await signedIn(server, { name: '李老师' });
    const b = await signedIn(server);
    const conversation = await openMatchConversation(server.ctx, {
      matchId: String(new Types.ObjectId()),
      memberUserIds: [String(a.user._id), String(b.user._id)],
    });
    const id = String(conversation._id);
    const socketA = await connectSocket(server, a.client);
    try {
      // Sent at once: the two notifiers race, and still make one notification.
      await a.client.csrfToken();
      const sent = await Promise.all(
        ['周六的活动还缺两名志愿者', '您方便的话回个电话'].map((body) =>
          a.client.post(`/api/conversations/${id}/messages`, { body, clientId: clientId() }),
        ),
      );
      expect(sent.map((r) => r.status)).toEqual([201, 201]);
      await server.ctx.events.settle();
      const listed = await b.client.get('/api/notifications');
      expect(listed.body).toMatchObject({ total: 1, unreadCount: 1 });
      expect(listed.body.items[0]).toMatchObject({
        type: 'message.offline',
        title: '李老师 给您发来了新消息',
        link: `/messages/${id}`,
        data: { conversationId: id, senderId: String(a.user._id) },
      });
      expect(await EmailOutboxModel.countDocuments({ userId: b.user._id, status: 'pending' })).toBe(1);
      // The sender, online, is told nothing about their own messages.
      expect(await NotificationModel.countDocuments({ userId: a.user._id })).toBe(0);

      const read = await b.client.post(`/api/notifications/${listed.body.items[0].id}/read`);
      expect(read.status).toBe(200);
      expect(read.body.notification.readAt).toBeDefined();
      await a.client.post(`/api/conversations/${id}/messages`, { body: '还在吗？', clientId: clientId() });
      await server.ctx.events.settle();
      const later = await b.client.get('/api/notifications?unread=true');
      expect(later.body).toMatchObject({ total: 1, unreadCount: 1 });
      expect(later.body.items[0].body).toBe('还在吗？');
      // While that one is unread, another message makes no second one, nor a second email.
      await a.client.post(`/api/conversations/${id}/messages`, { body: '我们周三到', clientId: clientId() });
      await server.ctx.events.settle();
      expect((await b.client.get('/api/notifications?unread=true')).body).toMatchObject({ total: 1 });
      expect(await EmailOutboxModel.countDocuments({ userId: b.user._id })).toBe(2);
      expect((await b.client.post('/api/notifications/read-all')).body).toEqual({ updated: 1 });
      expect((await b.client.get('/api/notifications')).body).toMatchObject({ total: 2, unreadCount: 0 });
    } finally {
      socketA.disconnect();
    }
  });

  it("notifies a listed organization's members and the base's operators, not the sender", async () => {
    const sender = await signedIn(server, { role: 'organization' });
    const senderOrg = await buildOrganization(sender.user, { verification: { status: 'verified' } });
    const colleague = await buildUser({ role: 'organization', organizationId: senderOrg._id });
    const base = await buildBase();
    const operator = await buildUser({ role: 'operator', baseId: base._id });
    const otherOperator = await buildUser({ role: 'operator', baseId: (await buildBase())._id });
    // A base conversation: nobody listed in person, only the organization's members and the base's operators.
    const conversation = await ConversationModel.create({
      kind: 'base',
      key: `base:${String(senderOrg._id)}:${String(base._id)}`,
      organizationIds: [senderOrg._id],
      baseId: base._id,
    });
    const sent = await sender.client.post(`/api/conversations/${String(conversation._id)}/messages`, {
      body: '请问下周的场地还有空吗？',
      clientId: clientId(),
    });
    expect(sent.status).toBe(201);
    await server.ctx.events.settle();
    const told = await NotificationModel.find({
      type: 'message.offline',
      unreadKey: `message.offline:${String(conversation._id)}`,
    }).lean();
    expect(told.map((n) => String(n.userId)).sort()).toEqual(
      [colleague, operator].map((u) => String(u._id)).sort(),
    );
    expect(told.some((n) => String(n.userId) === String(otherOperator._id))).toBe(false);
  });

  it("keeps one user's notifications from another", async () => {
    const a = await signedIn(server);
    const b = await signedIn(server);
    const note = await NotificationModel.create({ userId: a.user._id, type: 'match.overdue', title: '逾期' });
    expect((await b.client.post(`/api/notifications/${note._id}/read`)).status).toBe(404);
    expect((await b.client.get('/api/notifications')).body.total).toBe(0);
    expect((await b.client.post('/api/notifications/not-an-id/read')).status).toBe(400);
    expect((await b.client.get('/api/notifications?pageSize=500')).status).toBe(400);
    expect((await server.client().get('/api/notifications')).status).toBe(401);
  });
});

describe('match notifications', () => {
  it('pushes a notification live to an online user and sends no email', async () => {
    const owner = await signedIn(server);
    const socket = await connectSocket(server, owner.client);
    try {
      const pushed = collect(socket, 'notification');
      const matchId = String(new Types.ObjectId());
      const proposer = String(new Types.ObjectId());
      server.ctx.events.emit('match.proposed', {
        matchId,
        needOwnerId: String(owner.user._id),
        offerOwnerId: proposer,
        actorId: proposer,
      });
      await until(() => pushed.length === 1, 5_000, 'live notification');
      expect(pushed[0]).toMatchObject({
        type: 'match.proposed',
        data: { matchId },
      });
      await server.ctx.events.settle();
      expect(await EmailOutboxModel.countDocuments({ userId: owner.user._id })).toBe(0);
      expect((await owner.client.get('/api/notifications')).body.items[0].id).toBe(pushed[0]!.id);
    } finally {
      socket.disconnect();
    }
  });
});

describe('the email outbox', () => {
  const SIX = ['一', '二', '三', '四', '五', '六'];
  /** An outbox holding six pending emails to a signed-in user, and nothing else. */
  async function sixQueuedEmails() {
    const { user } = await signedIn(server);
    await EmailOutboxModel.deleteMany({});
    await EmailOutboxModel.create(
      SIX.map((text) => ({ userId: user._id, to: user.email, subject: `【资源链】${text}`, text })),
    );
  }

  it('hands pending emails to the adapter once, and retries a failed send later', async () => {
    const { user } = await signedIn(server);
    await EmailOutboxModel.deleteMany({});
    await EmailOutboxModel.create([
      { userId: user._id, to: user.email, subject: '【资源链】一', text: '一' },
      { userId: user._id, to: user.email, subject: '【资源链】二', text: '二' },
    ]);
    let failing = true;
    const sent: OutgoingEmail[] = [];
    const sender = {
      async send(email: OutgoingEmail) {
        if (failing && email.text === '二') throw new Error('smtp down');
        sent.push(email);
      },
    };
    expect(await dispatchEmails(sender)).toBe(1);
    const failed = await EmailOutboxModel.findOne({ text: '二' }).lean();
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastError: 'smtp down' });
    failing = false;
    expect(await dispatchEmails(sender)).toBe(1);
    expect(await dispatchEmails(sender)).toBe(0);
    expect(sent.map((e) => e.text)).toEqual(['一', '二']);
    expect(await EmailOutboxModel.countDocuments({ status: 'sent' })).toBe(2);
  });

  it('stops a slow run at half its claim, marks what it sent and gives back the rest uncounted', async () => {
    await sixQueuedEmails();
    const sent: string[] = [];
    const slow = {
      async send(email: OutgoingEmail) {
        await new Promise((resolve) => setTimeout(resolve, 40));
        sent.push(email.text);
      },
    };
    // A claim of 100 ms: the run may send for 50 ms, so one or two of the six.
    const first = await dispatchEmails(slow, 50, 100);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(6);
    expect(await EmailOutboxModel.countDocuments({ status: 'sent' })).toBe(first);
    const left = await EmailOutboxModel.find({ status: 'pending' }).lean();
    expect(left.length).toBe(6 - first);
    for (const email of left) {
      expect(email.attempts).toBe(0);
      expect(email.claimedUntil.getTime()).toBeLessThanOrEqual(Date.now());
    }
    // The next run sends the rest at once, not after the given-back claims' 100 ms.
    expect(await dispatchEmails({ send: async (email) => void sent.push(email.text) })).toBe(6 - first);
    expect([...sent].sort()).toEqual([...SIX].sort());
    expect(await EmailOutboxModel.countDocuments({ status: 'sent', attempts: 1 })).toBe(6);
  });

  it('sends each email once when two runs claim the same batch at the same time', async () => {
    await sixQueuedEmails();
    const sent: string[] = [];
    const sender = {
      async send(email: OutgoingEmail) {
        sent.push(email.text);
      },
    };
    const counts = await Promise.all([dispatchEmails(sender), dispatchEmails(sender)]);
    // (The server's own run, every 5 s, may take some of them: each still goes out once.)
    expect(counts[0]! + counts[1]!).toBe(sent.length);
    expect(new Set(sent).size).toBe(sent.length);
    expect(await EmailOutboxModel.countDocuments({ status: 'sent' })).toBe(6);
    expect(await EmailOutboxModel.countDocuments({ attempts: 1 })).toBe(6);
  });
});
