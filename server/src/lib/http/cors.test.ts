import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import request from 'supertest';
import { errorBodySchema } from '@app/shared';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { signedIn } from '../../../test/factories.js';
import { apiCors } from './cors.js';

const PARTNER = 'https://partner.example.org';
const FOREIGN = 'https://evil.example.com';
const search = { name: '长者助餐', q: '助餐', side: 'offer' };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ CORS_ORIGINS: `${PARTNER}, https://other-partner.example.org` });
});
afterAll(async () => {
  await server?.stop();
});

/** The CORS headers of an answer (Vary aside, which is not one). */
const corsHeaders = (headers: Record<string, string>) =>
  Object.keys(headers).filter((name) => name.startsWith('access-control-'));

const preflight = (origin: string, path = '/api/saved-searches') =>
  request(server.url)
    .options(path)
    .set('Origin', origin)
    .set('Access-Control-Request-Method', 'POST')
    .set('Access-Control-Request-Headers', 'content-type,x-csrf-token');

describe('CORS on the HTTP API', () => {
  it('gives a listed origin the headers with credentials, and lets its page change state', async () => {
    const { client } = await signedIn(server, { role: 'resident' });
    client.agent.set('Origin', PARTNER);
    const token = await client.agent.get('/api/auth/csrf');
    expect(token.status).toBe(200);
    expect(token.headers['access-control-allow-origin']).toBe(PARTNER);
    expect(token.headers['access-control-allow-credentials']).toBe('true');
    expect(token.headers['access-control-expose-headers']).toContain('X-Request-Id');
    expect(token.headers['vary']).toMatch(/Origin/);

    const created = await client.post('/api/saved-searches', search);
    expect(created.status).toBe(201);
    expect(created.headers['access-control-allow-origin']).toBe(PARTNER);
  });

  it("answers a listed origin's preflight before any session or CSRF check", async () => {
    const res = await preflight(PARTNER);
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(PARTNER);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toContain('X-CSRF-Token');
    expect(res.headers['access-control-max-age']).toBe('600');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('gives any other origin no CORS headers, so a browser refuses it', async () => {
    const pre = await preflight(FOREIGN);
    expect(corsHeaders(pre.headers)).toEqual([]);
    // An origin that merely starts like a listed one is another origin.
    expect(corsHeaders((await preflight(`${PARTNER}.evil.example.com`)).headers)).toEqual([]);

    const { client } = await signedIn(server, { role: 'resident' });
    client.agent.set('Origin', FOREIGN);
    const token = await client.agent.get('/api/auth/csrf');
    expect(token.status).toBe(200);
    expect(corsHeaders(token.headers)).toEqual([]);
    // Its page cannot read the token, so what it can send carries none: CSRF refuses the state change.
    const forged = await client.agent.post('/api/saved-searches').send(search);
    expect(forged.status).toBe(403);
    expect(errorBodySchema.parse(forged.body).error.code).toBe('forbidden');
    expect(corsHeaders(forged.headers)).toEqual([]);
    expect((await client.get('/api/saved-searches')).body.items).toEqual([]);
  });

  it('leaves same-origin and non-browser requests as they were', async () => {
    const { client } = await signedIn(server, { role: 'resident' });
    const noOrigin = await client.post('/api/saved-searches', search);
    expect(noOrigin.status).toBe(201);
    expect(corsHeaders(noOrigin.headers)).toEqual([]);
    client.agent.set('Origin', server.url);
    const sameOrigin = await client.post('/api/saved-searches', { ...search, name: '同源' });
    expect(sameOrigin.status).toBe(201);
    expect(corsHeaders(sameOrigin.headers)).toEqual([]);
  });
});

describe('CORS without an allowlist', () => {
  it('sends no CORS headers to any origin', async () => {
    // One server per process (mongoose is global): the middleware alone, over real HTTP.
    const app = express().use(apiCors([]), (_req, res) => {
      res.json({ ok: true });
    });
    const pre = await request(app)
      .options('/api/saved-searches')
      .set('Origin', PARTNER)
      .set('Access-Control-Request-Method', 'POST');
    expect(corsHeaders(pre.headers)).toEqual([]);
    const get = await request(app).get('/api/health').set('Origin', PARTNER);
    expect(get.status).toBe(200);
    expect(corsHeaders(get.headers)).toEqual([]);
    expect(get.headers['vary']).toBeUndefined();
  });
});
