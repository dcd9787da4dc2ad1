import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { at, buildBaseScene, roomBody } from './testing.js';

/*
 * No double booking, whatever the timing: many requests race for one half hour, or for overlapping stretches,
 * and the unique slot index decides. Runs on the embedded engine, and on MongoDB whenever MONGODB_URI is set.
 */
const RACERS = 50;

for (const target of ['embedded', 'mongodb'] as const) {
  if (target === 'mongodb' && !process.env.MONGODB_URI) {
    describe.skip('booking races [mongodb]: skipped, MONGODB_URI is unset', () => {
      it('runs only against a real MongoDB', () => {});
    });
    continue;
  }
  describe(`booking races [${target}]`, () => {
    let server: TestServer;
    let scene: Awaited<ReturnType<typeof buildBaseScene>>;
    let orgs: Awaited<ReturnType<typeof scene.member>>[];
    beforeAll(async () => {
      server = await startTestServer({ MONGODB_URI: target === 'mongodb' ? process.env.MONGODB_URI : '' });
      expect(server.ctx.engines.database).toBe(target);
      scene = await buildBaseScene(server);
      orgs = [scene.resident, scene.outsider];
      for (let i = 0; i < 8; i++) orgs.push(await scene.member(`社区服务社${i}`, i % 2 === 0));
    }, 60_000);
    afterAll(async () => server?.stop());

    const newSpace = async () =>
      (await scene.operator.client.post(`/api/bases/${scene.base._id}/spaces`, roomBody())).body.space
        .id as string;

    it(`gives one half hour to exactly one of ${RACERS} concurrent requests; the others get 409`, async () => {
      const spaceId = await newSpace();
      const body = {
        startsAt: at(2, '10:00'),
        endsAt: at(2, '10:30'),
        purpose: '项目路演排练',
        attendees: 4,
      };
      const answers = await Promise.all(
        Array.from({ length: RACERS }, (_, i) =>
          orgs[i % orgs.length]!.client.post(`/api/spaces/${spaceId}/bookings`, body),
        ),
      );
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(RACERS - 1);
      const calendar = await scene.operator.client.get(
        `/api/spaces/${spaceId}/bookings?from=${encodeURIComponent(at(2, '00:00'))}&to=${encodeURIComponent(at(3, '00:00'))}`,
      );
      expect(calendar.body.items).toHaveLength(1);
    }, 120_000);

    it(`never confirms two overlapping bookings among ${RACERS} racing for overlapping stretches`, async () => {
      const spaceId = await newSpace();
      const requests = Array.from({ length: RACERS }, (_, i) => {
        const startHalfHours = 20 + (i % 9); // 10:00 … 14:00
        const length = 1 + ((i * 7) % 4); // 30 … 120 minutes
        const clock = (h: number) => `${String(Math.floor(h / 2)).padStart(2, '0')}:${h % 2 ? '30' : '00'}`;
        return {
          startsAt: at(2, clock(startHalfHours)),
          endsAt: at(2, clock(startHalfHours + length)),
          purpose: '志愿者培训',
          attendees: 5,
        };
      });
      const answers = await Promise.all(
        requests.map((body, i) =>
          orgs[i % orgs.length]!.client.post(`/api/spaces/${spaceId}/bookings`, body),
        ),
      );
      expect(
        answers.every((r) => r.status === 201 || r.status === 409),
        JSON.stringify(answers.map((r) => r.status)),
      ).toBe(true);
      const confirmed = answers
        .filter((r) => r.status === 201)
        .map((r) => ({ start: Date.parse(r.body.booking.startsAt), end: Date.parse(r.body.booking.endsAt) }))
        .sort((a, b) => a.start - b.start);
      expect(confirmed.length).toBeGreaterThan(0);
      for (let i = 1; i < confirmed.length; i++)
        expect(confirmed[i]!.start).toBeGreaterThanOrEqual(confirmed[i - 1]!.end);
      const calendar = await scene.operator.client.get(
        `/api/spaces/${spaceId}/bookings?from=${encodeURIComponent(at(2, '00:00'))}&to=${encodeURIComponent(at(3, '00:00'))}`,
      );
      expect(calendar.body.items).toHaveLength(confirmed.length);
    }, 120_000);
  });
}
