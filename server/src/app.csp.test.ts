/**
 * The Content-Security-Policy's upgrade of insecure requests and HSTS follow PUBLIC_HTTPS, not TRUST_PROXY: the
 * compose stack sits behind a proxy on plain http, where an upgrade would break every asset for anyone reaching it
 * by a LAN address.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../test/harness.js';

async function headersWith(env: NodeJS.ProcessEnv) {
  const server = await startTestServer(env);
  try {
    const res = await request(server.url).get('/api/health').expect(200);
    return {
      csp: String(res.headers['content-security-policy']),
      hsts: res.headers['strict-transport-security'],
    };
  } finally {
    await server.stop();
  }
}

describe('the security headers by setting', () => {
  it('behind a proxy on plain http: no upgrade of insecure requests, no HSTS', async () => {
    const { csp, hsts } = await headersWith({ TRUST_PROXY: 'true', PUBLIC_HTTPS: 'false' });
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(hsts).toBeUndefined();
  });

  it('served over https: both', async () => {
    const { csp, hsts } = await headersWith({ TRUST_PROXY: 'true', PUBLIC_HTTPS: 'true' });
    expect(csp).toContain('upgrade-insecure-requests');
    expect(hsts).toMatch(/max-age=\d+/);
  });

  it('defaults to plain http', async () => {
    const { csp } = await headersWith({ TRUST_PROXY: 'false' });
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
});
