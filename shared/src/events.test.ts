import { describe, expect, it } from 'vitest';
import { clientEventSchemas, mergeMessages, messageSendAckSchema, MESSAGE_BODY_MAX } from './index.js';

const conversationId = '6650a1b2c3d4e5f601234567';
const send = clientEventSchemas['message:send'];

describe('socket payload schemas', () => {
  it('accepts a well-formed message:send', () => {
    const payload = { conversationId, body: '您好，周三下午的场地还可以预约吗？', clientId: 'c-1a2b3c4d' };
    expect(send.parse(payload)).toEqual(payload);
  });

  it('bounds the body to 4000 characters and refuses a blank one', () => {
    const base = { conversationId, clientId: 'c-1a2b3c4d' };
    expect(send.safeParse({ ...base, body: '字'.repeat(MESSAGE_BODY_MAX) }).success).toBe(true);
    expect(send.safeParse({ ...base, body: '字'.repeat(MESSAGE_BODY_MAX + 1) }).success).toBe(false);
    expect(send.safeParse({ ...base, body: '  \n ' }).success).toBe(false);
  });

  it('bounds the clientId and refuses odd characters in it', () => {
    const base = { conversationId, body: 'hi' };
    expect(send.safeParse({ ...base, clientId: 'x'.repeat(64) }).success).toBe(true);
    expect(send.safeParse({ ...base, clientId: 'x'.repeat(65) }).success).toBe(false);
    expect(send.safeParse({ ...base, clientId: 'short' }).success).toBe(false);
    expect(send.safeParse({ ...base, clientId: { $gt: '' } }).success).toBe(false);
    expect(send.safeParse({ ...base, clientId: 'abc def ghi' }).success).toBe(false);
  });

  it('refuses unknown fields, operators and wrong ids in every client event', () => {
    expect(
      send.safeParse({ conversationId, body: 'hi', clientId: 'c-1a2b3c4d', senderId: 'x' }).success,
    ).toBe(false);
    expect(
      clientEventSchemas['message:read'].safeParse({ conversationId, upTo: { $ne: null } }).success,
    ).toBe(false);
    expect(
      clientEventSchemas['message:read'].safeParse({ conversationId, upTo: conversationId }).success,
    ).toBe(true);
    expect(clientEventSchemas.typing.safeParse({ conversationId: 'nope' }).success).toBe(false);
    expect(clientEventSchemas.typing.safeParse({ conversationId }).success).toBe(true);
    expect(clientEventSchemas.typing.safeParse(null).success).toBe(false);
  });

  it('describes both shapes of the message:send acknowledgement', () => {
    const message = {
      id: conversationId,
      conversationId,
      seq: 1,
      senderId: conversationId,
      body: 'hi',
      clientId: 'c-1a2b3c4d',
      createdAt: '2025-05-01T08:00:00.000Z',
    };
    expect(messageSendAckSchema.safeParse({ ok: true, message }).success).toBe(true);
    expect(
      messageSendAckSchema.safeParse({ ok: false, error: { code: 'forbidden', message: 'not a member' } })
        .success,
    ).toBe(true);
    expect(messageSendAckSchema.safeParse({ ok: true }).success).toBe(false);
  });
});

describe('mergeMessages', () => {
  const m = (id: string, seq: number) => ({
    id: id.padStart(24, '0'),
    conversationId,
    seq,
    senderId: conversationId,
    body: `#${seq}`,
    clientId: `client-${seq}x`,
    createdAt: '2025-05-01T08:00:00.000Z',
  });

  it('keeps each message once, in storage order, whatever order they arrive in', () => {
    const live = [m('a', 1), m('c', 4)];
    const page = [m('b', 2), m('c', 4), m('d', 3)];
    expect(mergeMessages(live, page).map((x) => x.seq)).toEqual([1, 2, 3, 4]);
    expect(mergeMessages(mergeMessages(live, page), page)).toHaveLength(4);
  });
});
