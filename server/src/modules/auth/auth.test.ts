import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '@app/shared';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { buildUser, login, signedIn, TEST_PASSWORD } from '../../../test/factories.js';
import { UserModel } from '../users/model.js';
import { AuditEventModel } from '../audit/model.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const errorCode = (body: unknown) => errorBodySchema.parse(body).error.code;

describe('registration', () => {
  it('creates an account, signs in, and shows the user with /me', async () => {
    const client = server.client();
    const res = await client.post('/api/auth/register', {
      email: 'New.Resident@Example.org',
      password: 'long enough pw',
      name: '王阿姨',
      role: 'resident',
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      email: 'new.resident@example.org',
      name: '王阿姨',
      role: 'resident',
    });
    expect(res.headers['set-cookie']?.[0]).toMatch(/rl\.sid=.*HttpOnly.*SameSite=Lax/i);
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(res.body.user.id);
    const stored = await UserModel.findById(res.body.user.id).lean();
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('refuses staff roles, short passwords, unknown fields and operators in the body', async () => {
    const client = server.client();
    const before = await UserModel.countDocuments();
    for (const body of [
      { email: 'a@example.org', password: 'long enough pw', name: 'x', role: 'operator' },
      { email: 'a@example.org', password: 'short', name: 'x', role: 'resident' },
      { email: 'a@example.org', password: 'long enough pw', name: 'x', role: 'resident', isAdmin: true },
      { email: { $ne: null }, password: 'long enough pw', name: 'x', role: 'resident' },
      { email: 'not-an-email', password: 'long enough pw', name: 'x', role: 'resident' },
    ]) {
      const res = await client.post('/api/auth/register', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    expect(await UserModel.countDocuments()).toBe(before);
  });

  it('answers a duplicate email with 409 naming the field', async () => {
    const user = await buildUser();
    const res = await server.client().post('/api/auth/register', {
      email: user.email,
      password: 'long enough pw',
      name: 'x',
      role: 'resident',
    });
    expect(res.status).toBe(409);
    expect(errorBodySchema.parse(res.body).error.details?.[0]?.path).toBe('email');
  });
});

describe('login', () => {
  it('makes wrong password, unknown email and locked account indistinguishable', async () => {
    const user = await buildUser();
    const locked = await buildUser({ lockedUntil: new Date(Date.now() + 60_000) });
    const answers = [];
    for (const [email, password] of [
      [user.email, 'wrong password!'],
      ['nobody-here@example.org', TEST_PASSWORD],
      [locked.email, TEST_PASSWORD],
    ] as const) {
      const res = await server.client().post('/api/auth/login', { email, password });
      answers.push({
        status: res.status,
        body: { ...res.body, error: { ...res.body.error, requestId: undefined } },
      });
    }
    expect(answers[0]!.status).toBe(401);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('rotates the session id at login', async () => {
    const user = await buildUser();
    const client = server.client();
    await client.csrfToken();
    const before = (await client.agent.get('/api/auth/csrf')).headers['set-cookie'];
    const res = await login(client, user.email);
    const after = res.headers['set-cookie']?.[0] ?? '';
    expect(after).toMatch(/rl\.sid=/);
    expect(after).not.toBe(before?.[0]);
  });

  it('locks an account after repeated failures, and records them in the audit log', async () => {
    const user = await buildUser();
    for (let i = 0; i < 5; i++)
      await server.client().post('/api/auth/login', { email: user.email, password: 'wrong password!' });
    const stored = await UserModel.findById(user._id).lean();
    expect(stored?.failedLogins).toBe(5);
    expect(stored?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    const res = await server.client().post('/api/auth/login', { email: user.email, password: TEST_PASSWORD });
    expect(res.status).toBe(401);
    await server.ctx.events.settle();
    expect(
      await AuditEventModel.countDocuments({ type: 'auth.loginFailed', subjectId: String(user._id) }),
    ).toBe(6);
  });
});

describe('sessions and CSRF', () => {
  it('refuses a state-changing request without the CSRF token', async () => {
    const { client } = await signedIn(server);
    const res = await client.agent.post('/api/auth/logout');
    expect(res.status).toBe(403);
    expect(errorCode(res.body)).toBe('forbidden');
    const wrong = await client.agent.post('/api/auth/logout').set('X-CSRF-Token', 'not-the-token');
    expect(wrong.status).toBe(403);
    expect((await client.get('/api/auth/me')).body.user).not.toBeNull();
  });

  it('reads a signed-in user’s requests without writing the session each time', async () => {
    const { user, client } = await signedIn(server);
    const sessions = mongoose.connection.collection('sessions');
    const stored = () => sessions.findOne({ 'session.userId': String(user._id) });
    await client.csrfToken();
    const before = await stored();
    for (let i = 0; i < 3; i++) expect((await client.get('/api/auth/me')).status).toBe(200);
    const after = await stored();
    expect(after?.expires).toEqual(before?.expires);
    expect(after?.lastModified).toEqual(before?.lastModified);
  });

  it('ends the session at logout', async () => {
    const { client } = await signedIn(server);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: null });
  });

  it('ends every session of a user on password change, keeping the one that changed it', async () => {
    const user = await buildUser();
    const laptop = server.client();
    const phone = server.client();
    await login(laptop, user.email);
    await login(phone, user.email);
    const res = await laptop.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new password',
    });
    expect(res.status).toBe(200);
    expect((await laptop.get('/api/auth/me')).body.user.id).toBe(String(user._id));
    expect((await phone.get('/api/auth/me')).body.user).toBeNull();
    await login(server.client(), user.email, 'a brand new password');
  });
});

describe('staff accounts', () => {
  it('lets only a bureau account create operators, bound to an existing base', async () => {
    const { client: resident } = await signedIn(server, { role: 'resident' });
    const body = {
      email: 'op1@example.org',
      password: 'long enough pw',
      name: '运营',
      role: 'operator',
      baseId: '0123456789abcdef01234567',
    };
    expect((await resident.post('/api/admin/users', body)).status).toBe(403);
    const { client: bureau } = await signedIn(server, { role: 'bureau' });
    const noBase = await bureau.post('/api/admin/users', body);
    expect(noBase.status).toBe(400);
    const base = await bureau.post('/api/bases', {
      name: '徐汇区社会组织培育基地',
      level: 'district',
      district: '310104',
      address: '徐汇区天钥桥路100号',
    });
    expect(base.status).toBe(201);
    const created = await bureau.post('/api/admin/users', { ...body, baseId: base.body.base.id });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ role: 'operator', baseId: base.body.base.id });
    expect(await UserModel.countDocuments({ email: 'op1@example.org' })).toBe(1);
  });
});

describe('rate limits', () => {
  it('answers the 11th bad login from one address within a minute with 429', async () => {
    const address = '198.51.100.7';
    const statuses = [];
    for (let i = 0; i < 11; i++) {
      const res = await server
        .client({ address })
        .post('/api/auth/login', { email: `x${i}@example.org`, password: 'wrong password' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect(
      errorCode(
        (await server.client({ address }).post('/api/auth/login', { email: 'y@example.org', password: 'x' }))
          .body,
      ),
    ).toBe('rate_limited');
    // Another address is not affected.
    expect(
      (await server.client().post('/api/auth/login', { email: 'x@example.org', password: 'wrong password' }))
        .status,
    ).toBe(401);
  });
});
