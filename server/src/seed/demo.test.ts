import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '@app/shared';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { DEMO_PASSWORD } from './demo.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ SEED_DEMO: 'true' });
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

describe('the demo data', () => {
  it("lists its organizations, and the Xuhui operator finds the Xuhui project team waiting in the base's queue", async () => {
    const visitor = server.client();
    const verified = await visitor.get('/api/organizations?verification=verified');
    expect(verified.status).toBe(200);
    expect(verified.body.total).toBeGreaterThan(0);
    for (const org of verified.body.items as Organization[]) expect(Date.parse(org.createdAt)).not.toBeNaN();

    const operator = server.client();
    const login = await operator.post('/api/auth/login', {
      email: 'operator@demo.example.org',
      password: DEMO_PASSWORD,
    });
    expect(login.status).toBe(200);
    operator.resetCsrf();
    const pending = await operator.get('/api/organizations?verification=pending');
    expect(pending.status).toBe(200);
    const team = (pending.body.items as Organization[]).find((o) => o.name === '天平路街道银杏志愿服务队');
    expect(team).toBeDefined();
    const one = await operator.get(`/api/organizations/${team!.id}`);
    expect(one.status).toBe(200);
    expect(one.body.organization.documents).toEqual([]);
  });

  it('has a year of history in every district, so the dashboard and its map show something on first start', async () => {
    const bureau = server.client();
    const login = await bureau.post('/api/auth/login', { email: 'bureau@demo.example.org', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const stats = await bureau.get('/api/stats');
    expect(stats.status).toBe(200);
    const byDistrict = Object.values(stats.body.byDistrict as Record<string, { needs: number; matches: number }>);
    expect(byDistrict).toHaveLength(16);
    for (const d of byDistrict) expect(d.needs).toBeGreaterThan(0);
    expect(stats.body.matches.completed).toBeGreaterThan(0);
    expect(stats.body.fundsLeveraged).toBeGreaterThan(0);
    expect(stats.body.residents.incubating).toBeGreaterThan(0);
    const months = stats.body.byMonth as { needs: number }[];
    expect(months.filter((m) => m.needs > 0).length).toBeGreaterThanOrEqual(11);
  });
});
