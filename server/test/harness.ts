import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { loadConfig } from '../src/config/index.js';
import { startServer, type RunningServer } from '../src/server.js';
import type { ModuleRoutes } from '../src/app.js';

export interface TestServer extends RunningServer {
  /** A fresh cookie-keeping client that sends the CSRF header on every state-changing request. */
  client(options?: { address?: string }): TestClient;
  stop(): Promise<void>;
}

/**
 * Starts the real server (embedded database, real HTTP) on an ephemeral port with a throwaway data directory
 * (or on `options.dataDir`, which stop() then leaves in place).
 */
export async function startTestServer(
  env: NodeJS.ProcessEnv = {},
  options: { extraModules?: ModuleRoutes[]; dataDir?: string } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'rl-test-')));
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-123',
    // Each test client presents its own address (X-Forwarded-For), as separate browsers would.
    TRUST_PROXY: 'true',
    MONGODB_URI: process.env.MONGODB_URI,
    ...env,
  });
  const server = await startServer(config, pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), options);
  return {
    ...server,
    client: (options) => new TestClient(server, options?.address),
    async stop() {
      await server.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

let clientCount = 0;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A browser-like API client: keeps the session cookie and the CSRF token. */
export class TestClient {
  readonly agent: ReturnType<typeof request.agent>;
  private csrf?: string;

  readonly address: string;

  constructor(server: RunningServer, address?: string) {
    this.agent = request.agent(server.url);
    this.address = address ?? `192.0.2.${1 + (clientCount++ % 250)}`;
    this.agent.set('X-Forwarded-For', this.address);
  }

  async csrfToken(): Promise<string> {
    if (!this.csrf) this.csrf = (await this.agent.get('/api/auth/csrf').expect(200)).body.token as string;
    return this.csrf;
  }

  /** Forget the CSRF token (the session changes at login and logout). */
  resetCsrf(): void {
    this.csrf = undefined;
  }

  async call(method: Method, url: string, body?: unknown) {
    // The token first: a supertest agent attaches its cookies when the request object is made.
    const token = method === 'get' ? undefined : await this.csrfToken();
    const req = this.agent[method](url);
    if (token) req.set('X-CSRF-Token', token);
    const res = body === undefined ? await req : await req.send(body as object);
    if (url.startsWith('/api/auth/')) this.resetCsrf();
    return res;
  }

  /** GET a file as raw bytes (a workbook, a photo): the answer's body is a Buffer whatever its type. */
  download(url: string) {
    return this.agent
      .get(url)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
  }

  /** The Cookie header this client sends (for a socket connection as the same browser). */
  cookieHeader(): string {
    const jar = (
      this.agent as unknown as { jar: { getCookies(access: object): { toValueString(): string } } }
    ).jar;
    return jar.getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false }).toValueString();
  }

  get = (url: string) => this.call('get', url);
  post = (url: string, body?: unknown) => this.call('post', url, body ?? {});
  patch = (url: string, body?: unknown) => this.call('patch', url, body ?? {});
  delete = (url: string) => this.call('delete', url);
}
