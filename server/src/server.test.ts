import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

/** One GET on `agent`: the Keep-Alive header of the answer and whether the request went on a kept socket. */
function get(path: string, agent: Agent) {
  return new Promise<{ status: number; keepAlive: string; reused: boolean }>((resolve, reject) => {
    const req = request(`${server.url}${path}`, { agent }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          keepAlive: String(res.headers['keep-alive'] ?? ''),
          reused: req.reusedSocket,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('kept-alive connections', () => {
  it('stay open through a pause longer than node’s default 5 s, so the next call needs no new connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get('/api/health', agent);
      expect(first).toMatchObject({ status: 200, keepAlive: 'timeout=65', reused: false });
      // A person reading a page: longer than node's default keep-alive (5 s), after which the server closed the
      // connection and the agent (which lets a socket go a second before the announced timeout) opened another.
      await new Promise((resolve) => setTimeout(resolve, 5_500));
      expect(await get('/api/health', agent)).toMatchObject({ status: 200, reused: true });
    } finally {
      agent.destroy();
    }
  }, 30_000);
});
