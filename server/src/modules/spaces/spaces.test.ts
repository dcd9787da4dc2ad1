import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '@app/shared';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { signedIn } from '../../../test/factories.js';
import { at, buildBaseScene, inWeek, roomBody } from './testing.js';

let server: TestServer;
let scene: Awaited<ReturnType<typeof buildBaseScene>>;
beforeAll(async () => {
  server = await startTestServer();
  scene = await buildBaseScene(server);
});
afterAll(async () => server?.stop());

const codes = (body: unknown) => (errorBodySchema.parse(body).error.details ?? []).map((d) => d.code);
async function newSpace(over: Parameters<typeof roomBody>[0] = {}) {
  const res = await scene.operator.client.post(`/api/bases/${scene.base._id}/spaces`, roomBody(over));
  expect(res.status).toBe(201);
  return res.body.space.id as string;
}
const booking = (startsAt: string, endsAt: string, over: Record<string, unknown> = {}) => ({
  startsAt,
  endsAt,
  purpose: '理事会议',
  attendees: 6,
  ...over,
});

describe('spaces', () => {
  it('lets the base operators add and edit spaces, and anyone signed in list them', async () => {
    const spaceCount = async () =>
      (await scene.outsider.client.get(`/api/bases/${scene.base._id}`)).body.base.spaceCount as number;
    const before = await spaceCount();
    const id = await newSpace();
    expect(await spaceCount()).toBe(before + 1);
    const listed = await scene.outsider.client.get(`/api/bases/${scene.base._id}/spaces`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((s: { id: string }) => s.id)).toContain(id);
    expect((await scene.outsider.client.post(`/api/bases/${scene.base._id}/spaces`, roomBody())).status).toBe(
      403,
    );
    const other = await signedIn(server, { role: 'operator' });
    expect((await other.client.patch(`/api/spaces/${id}`, { capacity: 3 })).status).toBe(403);
    const edited = await scene.operator.client.patch(`/api/spaces/${id}`, { capacity: 20, active: false });
    expect(edited.body.space).toMatchObject({ capacity: 20, active: false });
    expect(await spaceCount()).toBe(before);
    const hidden = await scene.outsider.client.get(`/api/bases/${scene.base._id}/spaces`);
    expect(hidden.body.items.map((s: { id: string }) => s.id)).not.toContain(id);
    const refused = await scene.resident.client.post(
      `/api/spaces/${id}/bookings`,
      booking(at(1, '10:00'), at(1, '11:00')),
    );
    expect(refused.status).toBe(409);
  });
});

describe('booking rules', () => {
  let spaceId: string;
  beforeAll(async () => {
    spaceId = await newSpace({
      capacity: 10,
      openingHours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, from: '09:00', to: '18:00' })),
      rules: { maxAdvanceDays: 14, othersAdvanceDays: 3, minMinutes: 60, maxMinutes: 180 },
    });
  });
  const refusedWith = async (body: object, code: string, who = scene.resident) => {
    const res = await who.client.post(`/api/spaces/${spaceId}/bookings`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(codes(res.body)).toEqual([code]);
    expect(res.body.error.details[0].path).toEqual([code === 'capacity' ? 'attendees' : 'startsAt']);
  };

  it('names each broken rule by its code', async () => {
    await refusedWith(booking(at(2, '10:15'), at(2, '11:15')), 'half_hour');
    await refusedWith(booking(at(-1, '10:00'), at(-1, '11:00')), 'past');
    await refusedWith(booking(at(2, '08:00'), at(2, '09:00')), 'opening_hours');
    await refusedWith(booking(at(2, '17:00'), at(2, '18:30')), 'opening_hours');
    await refusedWith(booking(at(20, '10:00'), at(20, '11:00')), 'advance_window');
    await refusedWith(booking(at(2, '10:00'), at(2, '10:30')), 'duration');
    await refusedWith(booking(at(2, '10:00'), at(2, '14:00')), 'duration');
    await refusedWith(booking(at(2, '10:00'), at(2, '11:00'), { attendees: 11 }), 'capacity');
  });

  it('lets residents book further ahead than other organizations (resident priority)', async () => {
    await refusedWith(booking(at(6, '10:00'), at(6, '11:00')), 'advance_window', scene.outsider);
    const ok = await scene.resident.client.post(
      `/api/spaces/${spaceId}/bookings`,
      booking(at(6, '10:00'), at(6, '11:00')),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.booking).toMatchObject({
      status: 'confirmed',
      organizationId: String(scene.resident.org._id),
    });
    const near = await scene.outsider.client.post(
      `/api/spaces/${spaceId}/bookings`,
      booking(at(2, '15:00'), at(2, '16:00')),
    );
    expect(near.status).toBe(201);
  });

  it('refuses an overlap with 409, frees the time on cancel, and books it again', async () => {
    const first = await scene.resident.client.post(
      `/api/spaces/${spaceId}/bookings`,
      booking(at(3, '10:00'), at(3, '12:00')),
    );
    expect(first.status).toBe(201);
    const clash = await scene.outsider.client.post(
      `/api/spaces/${spaceId}/bookings`,
      booking(at(3, '11:00'), at(3, '12:00')),
    );
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('conflict');
    expect((await scene.outsider.client.post(`/api/bookings/${first.body.booking.id}/cancel`)).status).toBe(
      403,
    );
    const cancelled = await scene.resident.client.post(`/api/bookings/${first.body.booking.id}/cancel`);
    expect(cancelled.body.booking.status).toBe('cancelled');
    expect((await scene.resident.client.post(`/api/bookings/${first.body.booking.id}/cancel`)).status).toBe(
      409,
    );
    const again = await scene.outsider.client.post(
      `/api/spaces/${spaceId}/bookings`,
      booking(at(3, '11:00'), at(3, '12:00')),
    );
    expect(again.status).toBe(201);
  });

  it('shows who booked only to staff and the booker', async () => {
    const from = at(0, '00:00');
    const to = at(7, '00:00');
    const url = `/api/spaces/${spaceId}/bookings?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const asOutsider = (await scene.outsider.client.get(url)).body.items;
    const asOperator = (await scene.operator.client.get(url)).body.items;
    const stranger = await signedIn(server, { role: 'resident' });
    const asStranger = (await stranger.client.get(url)).body.items;
    expect(asOperator.length).toBeGreaterThanOrEqual(2);
    expect(asOperator.every((b: { organizationName?: string }) => b.organizationName)).toBe(true);
    expect(asStranger.some((b: { organizationName?: string }) => b.organizationName)).toBe(false);
    const named = asOutsider.filter((b: { organizationName?: string }) => b.organizationName);
    expect(named.length).toBeGreaterThan(0);
    expect(
      named.every(
        (b: { organizationName: string; mine: boolean }) =>
          b.mine && b.organizationName === scene.outsider.org.name,
      ),
    ).toBe(true);
    const mine = await scene.outsider.client.get('/api/bookings/mine');
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBeGreaterThanOrEqual(2);
  });

  it('records a no-show only by the base operators, after the start', async () => {
    const made = await scene.resident.client.post(
      `/api/spaces/${spaceId}/bookings`,
      booking(at(4, '13:00'), at(4, '14:00')),
    );
    expect((await scene.operator.client.post(`/api/bookings/${made.body.booking.id}/no-show`)).status).toBe(
      409,
    );
    expect((await scene.resident.client.post(`/api/bookings/${made.body.booking.id}/no-show`)).status).toBe(
      403,
    );
  });
});

describe('the weekly quota', () => {
  it('counts per organization per ISO week in this space', async () => {
    const spaceId = await newSpace({ rules: { maxAdvanceDays: 21, weeklyQuotaMinutes: 120 } });
    const book = (startsAt: string, endsAt: string) =>
      scene.resident.client.post(`/api/spaces/${spaceId}/bookings`, booking(startsAt, endsAt));
    expect((await book(inWeek(1, 1, '10:00'), inWeek(1, 1, '11:30'))).status).toBe(201);
    const over = await book(inWeek(1, 7, '10:00'), inWeek(1, 7, '11:00'));
    expect(over.status).toBe(400);
    expect(codes(over.body)).toEqual(['quota']);
    expect((await book(inWeek(1, 7, '10:00'), inWeek(1, 7, '10:30'))).status).toBe(201);
    // Monday of the week after is another ISO week; another organization has its own quota.
    expect((await book(inWeek(2, 1, '10:00'), inWeek(2, 1, '12:00'))).status).toBe(201);
    const outsider = await scene.outsider.client.post(
      `/api/spaces/${spaceId}/bookings`,
      booking(inWeek(1, 1, '14:00'), inWeek(1, 1, '16:00')),
    );
    expect(outsider.status).toBe(201);
  });
});
