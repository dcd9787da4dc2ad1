/**
 * Subjects of the spaces area (spaces, bookings, events) for the authorization matrix: each cell gets its own
 * space or event, in the base of whoever holds it (world.ts: the stranger organization is resident in the other
 * base, the stranger operator runs it).
 */
import { BookingModel, SpaceModel } from '../../../src/modules/spaces/model.js';
import { spaceService } from '../../../src/modules/spaces/service.js';
import { BaseEventModel } from '../../../src/modules/baseEvents/model.js';
import { at, roomBody } from '../../../src/modules/spaces/testing.js';
import type { Actor, World } from '../world.js';
import { subjectKinds, type Subject } from './subject.js';

type SpaceKind = 'space' | 'booking' | 'started-booking' | 'event' | 'started-event';

const baseOf = (world: World, holder: Actor) =>
  holder.user.baseId ?? holder.org?.baseId ?? world.bases.own._id;

async function spaceSubject(world: World, kind: SpaceKind, holder: Actor): Promise<Subject> {
  const baseId = baseOf(world, holder);
  if (kind === 'event' || kind === 'started-event') {
    const started = kind === 'started-event';
    const event = await BaseEventModel.create({
      baseId,
      kind: 'training',
      title: '社会组织财务规范培训',
      description: '年检与财务管理要点',
      startsAt: started ? new Date(Date.now() - 3_600_000) : new Date(at(4, '14:00')),
      endsAt: started ? new Date(Date.now() + 3_600_000) : new Date(at(4, '16:00')),
      capacity: 30,
    });
    return { id: String(event._id), holders: [holder] };
  }
  const space = await SpaceModel.create({ ...roomBody({ rules: { maxAdvanceDays: 14 } }), baseId });
  if (kind === 'space') return { id: String(space._id), holders: [holder] };
  if (kind === 'started-booking') {
    const booking = await BookingModel.create({
      spaceId: space._id,
      baseId,
      startsAt: new Date(Date.now() - 3_600_000),
      endsAt: new Date(Date.now() + 1_800_000),
      purpose: '理事会',
      attendees: 5,
      ...(holder.user.organizationId ? { organizationId: holder.user.organizationId } : {}),
      bookedBy: holder.user._id,
      isoWeek: '2026-W01',
    });
    return { id: String(booking._id), holders: [holder] };
  }
  const booking = await spaceService(world.server.ctx).book(holder.user, String(space._id), {
    startsAt: at(1, '10:00'),
    endsAt: at(1, '11:00'),
    purpose: '理事会',
    attendees: 5,
  });
  return { id: String(booking._id), holders: [holder] };
}

/** A space or an event of the operator's own base; the stranger's is of the other base. */
const ofTheBase = { owner: ['operator'], colleague: [], stranger: 'operator' } as const;
/** A booking the holder made; the operator's colleague one is of an organization resident in its base. */
const booked = {
  owner: ['organization', 'funder', 'operator'],
  colleague: ['organization', 'funder', 'operator'],
  stranger: 'organization',
} as const;
const built = (kind: SpaceKind) => (world: World, holder: Actor) => spaceSubject(world, kind, holder);

export const spaceSubjects = subjectKinds({
  space: { ...ofTheBase, build: built('space') },
  booking: { ...booked, build: built('booking') },
  'started-booking': { ...booked, build: built('started-booking') },
  event: { ...ofTheBase, build: built('event') },
  'started-event': { ...ofTheBase, build: built('started-event') },
});
