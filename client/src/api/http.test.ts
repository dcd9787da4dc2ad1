// @vitest-environment node
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, createHttpClient } from './http.js';

/**
 * A small API on a real socket: it issues CSRF tokens, checks them on writes like the server will, and answers
 * with the contract's error body. Clearing `validTokens` expires every token issued so far.
 */
class FakeApi {
  server: Server = createServer((req, res) => this.handle(req, res));
  issued: string[] = [];
  validTokens = new Set<string>();
  /** False: the server refuses every token, as a misconfigured proxy stripping the header would make it. */
  acceptTokens = true;
  writes: { path: string; token: string | undefined; body: string }[] = [];

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reset(): void {
    this.issued = [];
    this.validTokens.clear();
    this.acceptTokens = true;
    this.writes = [];
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/auth/csrf') {
      const token = `token-${this.issued.length + 1}`;
      this.issued.push(token);
      this.validTokens.add(token);
      return this.json(res, 200, { token });
    }
    if (url.pathname === '/api/echo') return this.json(res, 200, { query: url.search });
    if (url.pathname === '/api/broken') {
      res.writeHead(502, 'Bad Gateway', { 'content-type': 'text/html' }).end('<h1>502</h1>');
      return;
    }
    if (url.pathname === '/api/invalid') {
      return this.json(res, 400, {
        error: {
          code: 'validation_failed',
          message: 'body is invalid',
          details: [{ path: 'title', message: 'too short' }],
          requestId: 'req-12345678',
        },
      });
    }
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const token = req.headers['x-csrf-token'] as string | undefined;
      this.writes.push({ path: url.pathname, token, body });
      if (!token || !this.validTokens.has(token) || !this.acceptTokens) {
        return this.json(res, 403, {
          error: { code: 'forbidden', message: 'CSRF token missing or invalid' },
        });
      }
      if (url.pathname === '/api/not-yours') {
        return this.json(res, 403, { error: { code: 'forbidden', message: 'only the owner may do this' } });
      }
      if (req.method === 'DELETE') return void res.writeHead(204).end();
      return this.json(res, 201, { received: JSON.parse(body || 'null') });
    });
  }
}

const fake = new FakeApi();

beforeAll(() => new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise<void>((resolve) => fake.server.close(() => resolve())));
beforeEach(() => fake.reset());

describe('createHttpClient', () => {
  it('sends repeated keys for array filters and leaves out empty ones', async () => {
    const client = createHttpClient({ baseUrl: fake.baseUrl });
    const answer = await client.get('/api/echo', {
      query: { q: '助老 服务', domain: ['elderly', 'disability'], page: 2, street: undefined, kind: null },
      schema: z.object({ query: z.string() }),
    });
    expect(new URLSearchParams(answer.query).getAll('domain')).toEqual(['elderly', 'disability']);
    expect(new URLSearchParams(answer.query).get('q')).toBe('助老 服务');
    expect(answer.query).not.toContain('street');
    expect(answer.query).not.toContain('kind');
  });

  it('fetches the CSRF token once and sends it on every write', async () => {
    const client = createHttpClient({ baseUrl: fake.baseUrl });
    await expect(client.post('/api/things', { title: '场地' })).resolves.toEqual({
      received: { title: '场地' },
    });
    await client.patch('/api/things/1', { title: '活动场地' });
    await expect(client.delete('/api/things/1')).resolves.toBeUndefined();
    expect(fake.issued).toEqual(['token-1']);
    expect(fake.writes.map((w) => w.token)).toEqual(['token-1', 'token-1', 'token-1']);
  });

  it('does not fetch a CSRF token for reads', async () => {
    await createHttpClient({ baseUrl: fake.baseUrl }).get('/api/echo');
    expect(fake.issued).toEqual([]);
  });

  it('refreshes a stale CSRF token once and retries the write', async () => {
    const client = createHttpClient({ baseUrl: fake.baseUrl });
    await client.post('/api/things', {});
    fake.validTokens.clear(); // as after a new session
    await expect(client.post('/api/things', { n: 2 })).resolves.toEqual({ received: { n: 2 } });
    expect(fake.issued).toEqual(['token-1', 'token-2']);
    expect(fake.writes.map((w) => w.token)).toEqual(['token-1', 'token-1', 'token-2']);
  });

  it('gives up after one retry when the token keeps being refused', async () => {
    const client = createHttpClient({ baseUrl: fake.baseUrl });
    fake.acceptTokens = false;
    const error = await client.post('/api/things', {}).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).isCsrfRejection).toBe(true);
    expect(fake.writes).toHaveLength(2);
    expect(fake.issued).toEqual(['token-1', 'token-2']);
  });

  it('does not retry a 403 that is about permissions, not CSRF', async () => {
    const client = createHttpClient({ baseUrl: fake.baseUrl });
    const error = (await client.post('/api/not-yours', {}).catch((err: unknown) => err)) as ApiError;
    expect(error).toMatchObject({ status: 403, code: 'forbidden', message: 'only the owner may do this' });
    expect(error.isCsrfRejection).toBe(false);
    expect(fake.writes).toHaveLength(1);
  });

  it('parses the API error body into an ApiError', async () => {
    const error = await createHttpClient({ baseUrl: fake.baseUrl })
      .get('/api/invalid')
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'body is invalid',
      details: [{ path: 'title', message: 'too short' }],
      requestId: 'req-12345678',
    });
  });

  it('names a failure without an error body by its status', async () => {
    const error = await createHttpClient({ baseUrl: fake.baseUrl })
      .get('/api/broken')
      .catch((err: unknown) => err);
    expect(error).toMatchObject({ status: 502, code: 'unavailable', message: 'Bad Gateway' });
  });

  it('rejects an answer that does not match the expected schema', async () => {
    const error = await createHttpClient({ baseUrl: fake.baseUrl })
      .get('/api/echo', { schema: z.object({ items: z.array(z.string()) }) })
      .catch((err: unknown) => err);
    expect(error).toMatchObject({ status: 200, code: 'bad_response' });
  });

  it('reports an unreachable server as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await createHttpClient({ baseUrl: `http://127.0.0.1:${port}` })
      .get('/api/health')
      .catch((err: unknown) => err);
    expect(error).toMatchObject({ status: 0, code: 'network' });
  });
});
