import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Types } from 'mongoose';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { buildUser, login, TEST_PASSWORD } from '../../../test/factories.js';
import { EmailOutboxModel } from '../notifications/model.js';
import { issueResetToken, RESET_LINK_TTL_MS } from './passwordReset.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const NEW_PASSWORD = 'a fresh start 2027';

async function mailedToken(userId: Types.ObjectId): Promise<string> {
  const email = await EmailOutboxModel.findOne({ userId }).sort({ _id: -1 }).lean();
  expect(email?.text).toContain('/reset-password?token=');
  return /token=([\w-]+)/.exec(email!.text)![1]!;
}

describe('password reset', () => {
  it('mails a link, and the link sets a new password and ends every session of the account', async () => {
    const user = await buildUser();
    const laptop = server.client();
    const phone = server.client();
    await login(laptop, user.email);
    await login(phone, user.email);

    const asked = await server.client().post('/api/auth/password-reset', { email: user.email });
    expect(asked.status).toBe(202);
    const email = await EmailOutboxModel.findOne({ userId: user._id }).lean();
    expect(email).toMatchObject({ to: user.email, subject: '【资源链】重设密码', status: 'pending' });
    const token = await mailedToken(user._id);

    const reset = await server.client().post('/api/auth/password-reset/confirm', {
      token,
      newPassword: NEW_PASSWORD,
    });
    expect(reset.status).toBe(200);
    expect((await laptop.get('/api/auth/me')).body.user).toBeNull();
    expect((await phone.get('/api/auth/me')).body.user).toBeNull();
    const old = await server.client().post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(old.status).toBe(401);
    await login(server.client(), user.email, NEW_PASSWORD);
  });

  it('works once: a used link, and any other link of the account, is refused', async () => {
    const user = await buildUser();
    const first = await issueResetToken(user._id);
    const second = await issueResetToken(user._id);
    const client = server.client();
    expect(
      (await client.post('/api/auth/password-reset/confirm', { token: first, newPassword: NEW_PASSWORD }))
        .status,
    ).toBe(200);
    for (const token of [first, second]) {
      const again = await client.post('/api/auth/password-reset/confirm', {
        token,
        newPassword: 'yet another password',
      });
      expect(again.status).toBe(400);
      expect(again.body.error).toMatchObject({
        code: 'validation_failed',
        message: '重置链接无效、已使用或已过期，请重新申请',
      });
    }
    await login(server.client(), user.email, NEW_PASSWORD);
  });

  it('expires', async () => {
    const user = await buildUser();
    const token = await issueResetToken(user._id, new Date(Date.now() - RESET_LINK_TTL_MS - 1000));
    const late = await server
      .client()
      .post('/api/auth/password-reset/confirm', { token, newPassword: NEW_PASSWORD });
    expect(late.status).toBe(400);
    await login(server.client(), user.email, TEST_PASSWORD);
  });

  it('answers the same for an unknown email, and mails nothing', async () => {
    const before = await EmailOutboxModel.countDocuments();
    const res = await server.client().post('/api/auth/password-reset', { email: 'nobody@example.org' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ ok: true });
    expect(await EmailOutboxModel.countDocuments()).toBe(before);
  });

  it('writes the email in English for an English reader', async () => {
    const user = await buildUser();
    const client = server.client();
    const csrf = await client.csrfToken();
    const res = await client.agent
      .post('/api/auth/password-reset')
      .set('Accept-Language', 'en')
      .set('X-CSRF-Token', csrf)
      .send({ email: user.email });
    expect(res.status).toBe(202);
    const email = await EmailOutboxModel.findOne({ userId: user._id }).lean();
    expect(email?.subject).toBe('[ResourceLink] Reset your password');
  });
});

describe('one’s own name', () => {
  it('changes, and is refused when empty', async () => {
    const user = await buildUser();
    const client = server.client();
    await login(client, user.email);
    const renamed = await client.patch('/api/auth/me', { name: '周阿姨' });
    expect(renamed.status).toBe(200);
    expect((await client.get('/api/auth/me')).body.user.name).toBe('周阿姨');
    expect((await client.patch('/api/auth/me', { name: '' })).status).toBe(400);
    expect((await client.patch('/api/auth/me', {})).status).toBe(400);
  });
});
