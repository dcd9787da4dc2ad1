import { Router } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorBodySchema } from '@app/shared';
import { createApp } from './app.js';
import { mountRoute } from './lib/http/route.js';
import { buildTestContext } from '../test/context.js';

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
  return router;
};

describe('createApp', () => {
  const app = createApp(
    buildTestContext({ engines: { database: 'embedded', search: 'embedded', realtime: 'memory' } }),
    [probeRoutes],
  );

  it('answers /api/health with the engine of each concern', async () => {
    const res = await request(app).get('/api/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: 'embedded',
      search: 'embedded',
      realtime: 'memory',
      version: 'test',
    });
  });

  it('answers unknown API routes with the 404 error body', async () => {
    const res = await request(app).get('/api/no/such/route').expect(404);
    expect(errorBodySchema.parse(res.body).error.code).toBe('not_found');
  });

  it('hides the message of an unexpected error behind a 500', async () => {
    const res = await request(app).get('/api/probe/explode').expect(500);
    const body = errorBodySchema.parse(res.body);
    expect(body.error.code).toBe('internal');
    expect(JSON.stringify(res.body)).not.toContain('mongodb://');
    expect(JSON.stringify(res.body)).not.toContain('secret');
    expect(res.headers['x-request-id']).toBe(body.error.requestId);
  });

  it('refuses unknown fields, wrong types and operator keys with 400', async () => {
    for (const payload of [{ name: 'ok', extra: 1 }, { name: 5 }, { name: { $gt: '' } }, { 'a.b': 1 }]) {
      const res = await request(app).post('/api/probe/echo').send(payload).expect(400);
      expect(errorBodySchema.parse(res.body).error.code).toBe('validation_failed');
    }
    await request(app).post('/api/probe/echo').send({ name: 'ok' }).expect(200, { name: 'ok' });
  });

  it('answers malformed JSON and oversize bodies with the error body', async () => {
    const bad = await request(app)
      .post('/api/probe/echo')
      .set('content-type', 'application/json')
      .send('{"name":');
    expect(bad.status).toBe(400);
    expect(errorBodySchema.parse(bad.body).error.code).toBe('validation_failed');
    const big = await request(app)
      .post('/api/probe/echo')
      .send({ name: 'x'.repeat(300_000) });
    expect(big.status).toBe(413);
    expect(errorBodySchema.parse(big.body).error.code).toBe('payload_too_large');
  });

  it('publishes an OpenAPI 3.1 document of the mounted routes', async () => {
    const res = await request(app).get('/api/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.paths['/api/health'].get).toBeDefined();
    expect(res.body.paths['/api/probe/echo'].post.requestBody).toBeDefined();
  });
});
