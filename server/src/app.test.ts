import { Router } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBodySchema } from '@app/shared';
import { mountRoute } from './lib/http/route.js';
import { startTestServer, type TestServer } from '../test/harness.js';
import { signedIn } from '../test/factories.js';
import { recentSessions } from './modules/auth/recentSessions.js';

const probeRoutes = () => {
  const router = Router();
  router.get('/probe/explode', () => {
    throw new Error('secret connection string mongodb://user:pw@db');
  });
  mountRoute(
    router,
    {
      method: 'post',
      path: '/probe/echo',
      summary: 'echo',
      tag: 'probe',
      access: 'public',
      body: z.strictObject({ name: z.string().max(10) }),
    },
    [],
    ({ body }) => ({ name: body.name }),
  );
  mountRoute(
    router,
    { method: 'post', path: '/probe/bare', summary: 'takes nothing', tag: 'probe', access: 'public' },
    [],
    () => ({ ok: true }),
  );
  return router;
};

describe('the app', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { extraModules: [probeRoutes] });
  });
  afterAll(async () => server?.stop());

  it('answers /api/health with the engine of each concern', async () => {
    const res = await request(server.url).get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'embedded', realtime: 'memory' });
    expect(res.body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('reads no session for health, the API document and search, and the session of every other call', async () => {
    const { client } = await signedIn(server);
    const signed = /rl\.sid=s%3A([^.;]+)\./.exec(client.cookieHeader());
    const sid = decodeURIComponent(signed?.[1] ?? '');
    expect(sid).not.toBe('');
    const read = () => recentSessions.peek(sid) !== undefined;
    recentSessions.forget({ keys: [sid] });
    for (const url of ['/api/health', '/api/openapi.json', '/api/search?q=%E8%80%81%E4%BA%BA']) {
      expect((await client.get(url)).status).toBe(200);
    }
    expect(read()).toBe(false);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    expect(read()).toBe(true);
  });

  it('answers unknown API routes with the 404 error body', async () => {
    const res = await request(server.url).get('/api/no/such/route').expect(404);
    expect(errorBodySchema.parse(res.body).error.code).toBe('not_found');
  });

  it('hides the message of an unexpected error behind a 500', async () => {
    const res = await request(server.url).get('/api/probe/explode').expect(500);
    const body = errorBodySchema.parse(res.body);
    expect(body.error.code).toBe('internal');
    expect(JSON.stringify(res.body)).not.toContain('mongodb://');
    expect(JSON.stringify(res.body)).not.toContain('secret');
    expect(res.headers['x-request-id']).toBe(body.error.requestId);
  });

  it('refuses unknown fields, wrong types and operator keys with 400', async () => {
    const client = server.client();
    for (const payload of [{ name: 'ok', extra: 1 }, { name: 5 }, { name: { $gt: '' } }, { 'a.b': 1 }]) {
      const res = await client.post('/api/probe/echo', payload);
      expect(res.status).toBe(400);
      expect(errorBodySchema.parse(res.body).error.code).toBe('validation_failed');
    }
    expect((await client.post('/api/probe/echo', { name: 'ok' })).body).toEqual({ name: 'ok' });
  });

  it('answers malformed JSON and oversize bodies with the error body', async () => {
    const client = server.client();
    const csrf = await client.csrfToken();
    const bad = await client.agent
      .post('/api/probe/echo')
      .set('X-CSRF-Token', csrf)
      .set('content-type', 'application/json')
      .send('{"name":');
    expect(bad.status).toBe(400);
    expect(errorBodySchema.parse(bad.body).error.code).toBe('validation_failed');
    const big = await client.agent
      .post('/api/probe/echo')
      .set('X-CSRF-Token', csrf)
      .send({ name: 'x'.repeat(300_000) });
    expect(big.status).toBe(413);
    expect(errorBodySchema.parse(big.body).error.code).toBe('payload_too_large');
  });

  it('refuses a body or a query string on a route that declares none (every field is unknown)', async () => {
    const client = server.client();
    expect((await client.post('/api/probe/bare', {})).status).toBe(200);
    const csrf = await client.csrfToken();
    expect((await client.agent.post('/api/probe/bare').set('X-CSRF-Token', csrf)).status).toBe(200);
    for (const payload of [{ role: 'bureau' }, [], [1], { $where: '1' }]) {
      const res = await client.post('/api/probe/bare', payload);
      expect(res.status, JSON.stringify(payload)).toBe(400);
      expect(errorBodySchema.parse(res.body).error.code).toBe('validation_failed');
    }
    expect((await client.post('/api/probe/bare?admin=1', {})).status).toBe(400);
    expect((await request(server.url).get('/api/health?x[$ne]=1')).status).toBe(400);
    expect((await request(server.url).get('/api/organizations?pageSize=5&verifiedOnly=1')).status).toBe(400);
  });

  it('answers a path segment that does not percent-decode with 400, not 500', async () => {
    for (const id of ['%ED%A0%80', '%E0%A4%A', '%']) {
      const res = await request(server.url).get(`/api/listings/${id}`);
      expect(res.status, id).toBe(400);
      expect(errorBodySchema.parse(res.body).error.code).toBe('validation_failed');
    }
  });

  it('publishes an OpenAPI 3.1 document of the mounted routes', async () => {
    const res = await request(server.url).get('/api/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.paths['/api/health'].get).toBeDefined();
    expect(res.body.paths['/api/auth/register'].post.requestBody).toBeDefined();
    expect(res.body.paths['/api/organizations/{id}'].patch).toBeDefined();
  });
});
