import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { signedIn } from '../../../test/factories.js';
import { NotificationModel } from '../notifications/model.js';
import { at, buildBaseScene, roomBody } from '../spaces/testing.js';
import { BaseEventModel, RegistrationModel } from './model.js';
import { Types } from 'mongoose';
import { upcomingEventCounts } from './read.js';

let server: TestServer;
let scene: Awaited<ReturnType<typeof buildBaseScene>>;
beforeAll(async () => {
  server = await startTestServer();
  scene = await buildBaseScene(server);
});
afterAll(async () => server?.stop());

const training = (over: Record<string, unknown> = {}) => ({
  kind: 'training',
  title: '社会组织财务规范培训',
  description: '讲解社会组织财务管理与年检要点。',
  startsAt: at(5, '14:00'),
  endsAt: at(5, '16:00'),
  capacity: 2,
  place: '基地三楼',
  domains: ['community-governance'],
  ...over,
});
async function holdEvent(over: Record<string, unknown> = {}) {
  const res = await scene.operator.client.post(`/api/bases/${scene.base._id}/events`, training(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.event.id as string;
}

describe('events', () => {
  it('lets only the base operators hold events, and lists upcoming ones first', async () => {
    expect((await scene.resident.client.post(`/api/bases/${scene.base._id}/events`, training())).status).toBe(
      403,
    );
    const other = await signedIn(server, { role: 'operator' });
    expect((await other.client.post(`/api/bases/${scene.base._id}/events`, training())).status).toBe(403);
    const late = await holdEvent({
      startsAt: at(9, '09:00'),
      endsAt: at(9, '11:00'),
      title: '公益项目设计工作坊',
    });
    const soon = await holdEvent({
      startsAt: at(1, '09:00'),
      endsAt: at(1, '11:00'),
      title: '志愿者管理交流会',
      kind: 'exchange',
    });
    await BaseEventModel.create({
      baseId: scene.base._id,
      kind: 'showcase',
      title: '公益成果展',
      startsAt: new Date(Date.now() - 3 * 86_400_000),
      endsAt: new Date(Date.now() - 3 * 86_400_000 + 7_200_000),
      capacity: 50,
    });
    const list = await scene.resident.client.get(`/api/events?baseId=${scene.base._id}&pageSize=50`);
    expect(list.status).toBe(200);
    const ids = list.body.items.map((e: { id: string }) => e.id);
    expect(ids.indexOf(soon)).toBeLessThan(ids.indexOf(late));
    expect(list.body.items.at(-1).title).toBe('公益成果展');
    const kinds = await scene.resident.client.get(`/api/events?baseId=${scene.base._id}&kind=exchange`);
    expect(kinds.body.items.map((e: { id: string }) => e.id)).toEqual([soon]);
    // The two ahead count, the past showcase does not; a base without events is absent.
    const counts = await upcomingEventCounts([scene.base._id, new Types.ObjectId()]);
    expect([...counts]).toEqual([[String(scene.base._id), 2]]);
  });

  it('waitlists sign-ups beyond capacity with positions, and moves the first up on cancel with a notification', async () => {
    const id = await holdEvent();
    const people = [scene.resident, scene.outsider];
    for (let i = 0; i < 3; i++) people.push((await signedIn(server, { role: 'resident' })) as never);
    const answers = [];
    for (const p of people) answers.push(await p.client.post(`/api/events/${id}/registrations`));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(answers.map((r) => r.body.registration.status)).toEqual([
      'confirmed',
      'confirmed',
      'waitlisted',
      'waitlisted',
      'waitlisted',
    ]);
    expect(answers.slice(2).map((r) => r.body.registration.position)).toEqual([1, 2, 3]);
    expect((await people[0]!.client.post(`/api/events/${id}/registrations`)).status).toBe(409);

    const withdrawn = await people[1]!.client.post(`/api/events/${id}/registrations/cancel`);
    expect(withdrawn.status).toBe(200);
    await server.ctx.events.settle();
    const promoted = await people[2]!.client.get(`/api/events/${id}`);
    expect(promoted.body.event).toMatchObject({
      confirmedCount: 2,
      waitlistCount: 2,
      myRegistration: { status: 'confirmed' },
    });
    const last = await people[4]!.client.get(`/api/events/${id}`);
    expect(last.body.event.myRegistration).toMatchObject({ status: 'waitlisted', position: 2 });
    const told = await NotificationModel.find({ userId: people[2]!.user._id, type: 'event.promoted' }).lean();
    expect(told).toHaveLength(1);

    const staff = await scene.operator.client.get(`/api/events/${id}/registrations`);
    expect(staff.body.items.map((r: { status: string }) => r.status)).toEqual([
      'confirmed',
      'confirmed',
      'waitlisted',
      'waitlisted',
    ]);
    expect((await scene.resident.client.get(`/api/events/${id}/registrations`)).status).toBe(403);
  });

  it('never confirms more than the capacity when sign-ups and cancels race', async () => {
    const id = await holdEvent({ capacity: 3 });
    const people = await Promise.all(
      Array.from({ length: 12 }, () => signedIn(server, { role: 'resident' })),
    );
    await Promise.all(people.map((p) => p.client.post(`/api/events/${id}/registrations`)));
    let event = (await scene.operator.client.get(`/api/events/${id}`)).body.event;
    expect(event).toMatchObject({ confirmedCount: 3, waitlistCount: 9 });
    await Promise.all(people.slice(0, 4).map((p) => p.client.post(`/api/events/${id}/registrations/cancel`)));
    event = (await scene.operator.client.get(`/api/events/${id}`)).body.event;
    const listed = (await scene.operator.client.get(`/api/events/${id}/registrations`)).body.items;
    const confirmed = listed.filter((r: { status: string }) => r.status === 'confirmed');
    expect(confirmed).toHaveLength(3);
    expect(event).toMatchObject({ confirmedCount: 3, waitlistCount: 5 });
  }, 60_000);

  it('tells everyone signed up when the event is cancelled, and takes attendance only after the start', async () => {
    const id = await holdEvent();
    await scene.resident.client.post(`/api/events/${id}/registrations`);
    expect(
      (
        await scene.operator.client.post(`/api/events/${id}/attendance`, {
          userIds: [String(scene.resident.user._id)],
          present: true,
        })
      ).status,
    ).toBe(409);
    const cancelled = await scene.operator.client.post(`/api/events/${id}/cancel`);
    expect(cancelled.body.event.status).toBe('cancelled');
    await server.ctx.events.settle();
    expect(
      await NotificationModel.countDocuments({ userId: scene.resident.user._id, type: 'event.cancelled' }),
    ).toBe(1);
    expect((await scene.outsider.client.post(`/api/events/${id}/registrations`)).status).toBe(409);

    const past = await BaseEventModel.create({
      baseId: scene.base._id,
      kind: 'showcase',
      title: '社区公益展示日',
      startsAt: new Date(Date.now() - 3_600_000),
      endsAt: new Date(Date.now() + 3_600_000),
      capacity: 10,
      confirmedCount: 0,
    });
    // Signed up before it started (written as the service writes it).
    await RegistrationModel.create({
      eventId: past._id,
      userId: scene.resident.user._id,
      status: 'confirmed',
      seq: 1,
    });
    const taken = await scene.operator.client.post(`/api/events/${past._id}/attendance`, {
      userIds: [String(scene.resident.user._id), String(scene.outsider.user._id)],
      present: true,
    });
    expect(taken.body).toEqual({ updated: 1, notRegistered: [String(scene.outsider.user._id)] });
    const mine = await scene.resident.client.get(`/api/events/${past._id}`);
    expect(mine.body.event.myRegistration).toMatchObject({ status: 'confirmed', attended: true });
  });
});

describe('an event in a space and bookings refuse each other', () => {
  it('refuses an event over a booking, and a booking over an event, with 409', async () => {
    const space = (await scene.operator.client.post(`/api/bases/${scene.base._id}/spaces`, roomBody())).body
      .space.id;
    const booked = await scene.resident.client.post(`/api/spaces/${space}/bookings`, {
      startsAt: at(2, '10:00'),
      endsAt: at(2, '11:00'),
      purpose: '理事会',
      attendees: 5,
    });
    expect(booked.status).toBe(201);
    const clash = await scene.operator.client.post(
      `/api/bases/${scene.base._id}/events`,
      training({ spaceId: space, startsAt: at(2, '10:30'), endsAt: at(2, '12:00') }),
    );
    expect(clash.status).toBe(409);
    const eventId = await holdEvent({ spaceId: space, startsAt: at(2, '13:00'), endsAt: at(2, '15:00') });
    const refused = await scene.outsider.client.post(`/api/spaces/${space}/bookings`, {
      startsAt: at(2, '14:00'),
      endsAt: at(2, '15:00'),
      purpose: '读书会',
      attendees: 5,
    });
    expect(refused.status).toBe(409);
    const calendar = await scene.outsider.client.get(
      `/api/spaces/${space}/bookings?from=${encodeURIComponent(at(2, '00:00'))}&to=${encodeURIComponent(at(3, '00:00'))}`,
    );
    expect(calendar.body.events.map((e: { eventId: string }) => e.eventId)).toEqual([eventId]);
    // Cancelling the event frees the space.
    await scene.operator.client.post(`/api/events/${eventId}/cancel`);
    const freed = await scene.outsider.client.post(`/api/spaces/${space}/bookings`, {
      startsAt: at(2, '14:00'),
      endsAt: at(2, '15:00'),
      purpose: '读书会',
      attendees: 5,
    });
    expect(freed.status).toBe(201);
  });
});
