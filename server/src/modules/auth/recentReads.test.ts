import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { buildUser, login, signedIn, TEST_PASSWORD } from '../../../test/factories.js';
import { UserModel } from '../users/model.js';

// A signed-in request reads its session and its user from those read moments ago (recentSessions.ts,
// users/recentUsers.ts); every write that changes them must be seen by the very next request.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const users = () => mongoose.connection.collection('users');
const sessions = () => mongoose.connection.collection('sessions');
const nameOnMe = async (client: ReturnType<TestServer['client']>) =>
  ((await client.get('/api/auth/me')).body.user as { name: string } | null)?.name;

describe('the session and user a request reads', () => {
  it('come from the database once, not at every request', async () => {
    const { user, client } = await signedIn(server, { name: '第一' });
    expect(await nameOnMe(client)).toBe('第一');
    // Written behind the application's back (no model, no store): the requests keep what they read.
    await users().updateOne({ _id: user._id }, { $set: { name: '第二' } });
    await sessions().deleteMany({ 'session.userId': String(user._id) });
    expect(await nameOnMe(client)).toBe('第一');
  });

  it('are read anew after a write through the model, a transaction once it commits', async () => {
    const { user, client } = await signedIn(server, { name: '原名' });
    expect(await nameOnMe(client)).toBe('原名');
    await UserModel.updateOne({ _id: user._id }, { $set: { name: '新名' } });
    expect(await nameOnMe(client)).toBe('新名');

    await mongoose.connection.transaction(async (session) => {
      await UserModel.updateOne({ _id: user._id }, { $set: { name: '事务中' } }, { session });
      // Read (and kept) while the transaction is open: the committed name.
      expect(await nameOnMe(client)).toBe('新名');
    });
    expect(await nameOnMe(client)).toBe('事务中');
  });

  it('end at sign-out and at a password change elsewhere, though read moments before', async () => {
    const user = await buildUser();
    const laptop = server.client();
    const phone = server.client();
    const tablet = server.client();
    for (const client of [laptop, phone, tablet]) await login(client, user.email);
    for (const client of [laptop, phone, tablet]) expect(await nameOnMe(client)).toBe(user.name);

    expect((await tablet.post('/api/auth/logout')).status).toBe(204);
    expect(await nameOnMe(tablet)).toBeUndefined();

    const changed = await laptop.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'another long password',
    });
    expect(changed.status).toBe(200);
    expect(await nameOnMe(phone)).toBeUndefined();
    expect(await nameOnMe(laptop)).toBe(user.name);
  });

  it('keep the CSRF token made after the session was read', async () => {
    const { client } = await signedIn(server);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    client.resetCsrf();
    const res = await client.patch('/api/auth/me', { name: '改名以后' });
    expect(res.status).toBe(200);
    expect(await nameOnMe(client)).toBe('改名以后');
  });
});
