import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';

let server: TestServer;
let dist: string;
const chunk = `export const words = ${JSON.stringify('资源链'.repeat(2000))};\n`;

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'rl-dist-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><title>资源链</title><div id="app"></div>');
  await writeFile(path.join(dist, 'assets', 'HomePage-Bx3k9aQ1.js'), chunk);
  server = await startTestServer({ CLIENT_DIST: dist });
});
afterAll(async () => {
  await server?.stop();
  await rm(dist, { recursive: true, force: true });
});

describe('the built client', () => {
  it('serves a hashed asset compressed and cached as immutable', async () => {
    // Raw bytes as they travel (an HTTP client library would decompress them for us).
    const res = await new Promise<{ status?: number; headers: IncomingHttpHeaders; body: Buffer }>(
      (resolve, reject) => {
        get(`${server.url}/assets/HomePage-Bx3k9aQ1.js`, { headers: { 'Accept-Encoding': 'gzip' } }, (r) => {
          const parts: Buffer[] = [];
          r.on('data', (b: Buffer) => parts.push(b));
          r.on('end', () =>
            resolve({ status: r.statusCode, headers: r.headers, body: Buffer.concat(parts) }),
          );
        }).on('error', reject);
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(chunk) / 4);
    expect(gunzipSync(res.body).toString()).toBe(chunk);
  });

  it('answers a missing asset with 404, never with the app page', async () => {
    const res = await server.client().agent.get('/assets/HomePage-old0hash.js');
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('<div id="app">');
  });

  it('answers any other path with the app page, never cached', async () => {
    const res = await server.client().agent.get('/listings/mine');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="app">');
    expect(res.headers['cache-control']).toBe('no-cache');
  });
});
