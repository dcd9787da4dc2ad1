/**
 * The rate limits the fuzzer steps around (it gives every call its own address): registration, 20 per address in
 * ten minutes, counting refused attempts too; search, 600 per address a minute. (Failed logins: auth.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '@app/shared';
import { startTestServer, type TestServer } from '../harness.js';
import { send } from './http.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

describe('rate limits per address', () => {
  it('answers the 21st registration attempt from one address in ten minutes with 429, refused ones counted', async () => {
    const client = server.client();
    const address = '203.0.113.21';
    for (let i = 0; i < 20; i++) {
      // Invalid on purpose: no account is made, and still the attempt counts.
      const res = await send(client, 'post', '/auth/register', { body: { email: `x${i}` }, address });
      expect(res.status).toBe(400);
    }
    const limited = await send(client, 'post', '/auth/register', {
      body: { email: 'late@example.org', password: 'correct horse battery', name: '迟到', role: 'resident' },
      address,
    });
    expect(limited.status).toBe(429);
    expect(errorBodySchema.parse(limited.body).error.code).toBe('rate_limited');
    expect(limited.headers['ratelimit-policy']).toBeDefined();
    const elsewhere = await send(client, 'post', '/auth/register', {
      body: { email: 'x' },
      address: '203.0.113.22',
    });
    expect(elsewhere.status).toBe(400);
  });

  it('answers the 601st search from one address in a minute with 429', async () => {
    const client = server.client();
    const address = '203.0.113.60';
    const statuses = new Map<number, number>();
    for (let i = 0; i < 601; i++) {
      const res = await send(client, 'get', '/search', { query: { q: '老人' }, address });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: 600, 429: 1 });
    expect(
      (await send(client, 'get', '/search', { query: { q: '老人' }, address: '203.0.113.61' })).status,
    ).toBe(200);
  }, 60_000);
});
