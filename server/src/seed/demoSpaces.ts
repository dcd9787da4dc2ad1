import { trusted, type Types } from 'mongoose';
import {
  addShanghaiDays,
  shanghaiDate,
  shanghaiInstant,
  shanghaiParts,
  type CreateSpaceBody,
} from '@app/shared';
import { BaseModel } from '../modules/bases/model.js';
import { BaseEventModel, RegistrationModel } from '../modules/baseEvents/model.js';
import { BookingModel, SpaceModel, SpaceSlotModel, WeeklyUseModel } from '../modules/spaces/model.js';
import { halfHoursOf } from '../modules/spaces/slots.js';
import { UserModel } from '../modules/users/model.js';
import { demoBases, demoLogins } from './generate/demo.js';

/*
 * The demo's spaces and events, loaded after the core data set and found by the demo's base names and login
 * emails: two spaces at each base with a realistic week of bookings, two upcoming trainings (one full, with a
 * waiting list) and a past showcase with attendance at the Xuhui base.
 */

const weekdays = [1, 2, 3, 4, 5];
const spacesOf = (baseName: string): CreateSpaceBody[] => [
  {
    name: '二楼多功能会议室',
    type: 'meeting-room',
    capacity: 16,
    facilities: ['投影仪', '白板', '视频会议'],
    accessible: true,
    description: `${baseName}的会议室，适合理事会、项目讨论和小型培训。`,
    openingHours: [
      ...weekdays.map((weekday) => ({ weekday, from: '09:00', to: '21:00' })),
      { weekday: 6, from: '09:00', to: '17:00' },
    ],
    rules: {
      maxAdvanceDays: 14,
      othersAdvanceDays: 7,
      minMinutes: 60,
      maxMinutes: 240,
      weeklyQuotaMinutes: 480,
    },
  },
  {
    name: '一楼公益展示厅',
    type: 'exhibition',
    capacity: 60,
    facilities: ['展板', '音响'],
    accessible: true,
    description: '展示社会组织服务成果，可举办路演和交流活动。',
    openingHours: [...weekdays, 6, 7].map((weekday) => ({ weekday, from: '09:30', to: '17:30' })),
    rules: { maxAdvanceDays: 30, othersAdvanceDays: 10, minMinutes: 120, maxMinutes: 480 },
  },
];

/** When and for what organizations book a meeting room in a week: (days from today, start, end, purpose). */
const weekPlan: [number, string, string, string][] = [
  [1, '09:30', '11:30', '理事会季度会议'],
  [1, '14:00', '16:00', '助餐项目志愿者排班'],
  [2, '10:00', '12:00', '项目申报书讨论'],
  [3, '13:30', '15:30', '社工督导'],
  [4, '09:00', '10:30', '新成员入职介绍'],
  [5, '15:00', '17:00', '居民议事会筹备'],
];

const loginId = async (key: string) => {
  const email = demoLogins.find((l) => l.key === key)?.email;
  return email ? UserModel.findOne({ email }).select({ _id: 1, organizationId: 1 }).lean() : null;
};

async function bookDirectly(
  space: { _id: Types.ObjectId; baseId: Types.ObjectId },
  startsAt: Date,
  endsAt: Date,
  purpose: string,
  by: { _id: Types.ObjectId; organizationId?: Types.ObjectId | null },
) {
  const booking = await BookingModel.create({
    spaceId: space._id,
    baseId: space.baseId,
    startsAt,
    endsAt,
    purpose,
    attendees: 8,
    ...(by.organizationId ? { organizationId: by.organizationId } : {}),
    bookedBy: by._id,
    isoWeek: shanghaiParts(startsAt).isoWeek,
  });
  await SpaceSlotModel.insertMany(
    halfHoursOf(startsAt, endsAt).map((slotStart) => ({
      spaceId: space._id,
      slotStart,
      bookingId: booking._id,
    })),
  );
  if (by.organizationId) {
    await WeeklyUseModel.updateOne(
      { spaceId: space._id, organizationId: by.organizationId, isoWeek: booking.isoWeek },
      { $inc: { minutes: (endsAt.getTime() - startsAt.getTime()) / 60_000 } },
      { upsert: true },
    );
  }
}

export async function seedDemoSpaces(
  now: Date,
): Promise<{ spaces: number; bookings: number; events: number }> {
  const at = (days: number, clock: string) =>
    shanghaiInstant(shanghaiDate(addShanghaiDays(now, days)), clock);
  const bases = await BaseModel.find({ name: trusted({ $in: demoBases.map((b) => b.body.name) }) }).lean();
  const members = await UserModel.find({ organizationId: trusted({ $exists: true }), role: 'organization' })
    .select({ _id: 1, organizationId: 1 })
    .limit(20)
    .lean();
  let spaces = 0;
  let bookings = 0;
  for (const base of bases) {
    const created = await SpaceModel.insertMany(spacesOf(base.name).map((s) => ({ ...s, baseId: base._id })));
    spaces += created.length;
    const room = created[0]!;
    for (const [i, [days, from, to, purpose]] of weekPlan.entries()) {
      const by = members[i % Math.max(1, members.length)];
      if (!by) break;
      const startsAt = at(days, from);
      if (!room.openingHours.some((w) => w.weekday === shanghaiParts(startsAt).weekday)) continue;
      await bookDirectly(room, startsAt, at(days, to), purpose, by);
      bookings++;
    }
  }
  const xuhui = bases.find((b) => b.name === demoBases[0]!.body.name);
  if (!xuhui) return { spaces, bookings, events: 0 };
  const hall = await SpaceModel.findOne({ baseId: xuhui._id, type: 'exhibition' }).lean();
  const people = (
    await Promise.all(
      ['demo-organization', 'demo-team', 'demo-resident', 'demo-funder', 'demo-company'].map(loginId),
    )
  ).filter((p): p is NonNullable<typeof p> => Boolean(p));

  const full = await BaseEventModel.create({
    baseId: xuhui._id,
    kind: 'training',
    title: '社会组织财务规范与年检实务培训',
    description: '讲解社会组织会计制度、票据管理与年度检查要点，名额有限。',
    startsAt: at(6, '14:00'),
    endsAt: at(6, '16:30'),
    capacity: 3,
    place: '徐汇区康宁路188号 二楼',
    domains: ['community-governance'],
  });
  const open = await BaseEventModel.create({
    baseId: xuhui._id,
    kind: 'training',
    title: '公益项目设计与申报工作坊',
    description: '从需求调研到项目书撰写，手把手完成一份公益创投申报书。',
    startsAt: at(9, '09:30'),
    endsAt: at(9, '12:00'),
    capacity: 30,
    place: '一楼公益展示厅',
    domains: ['elderly', 'community-governance'],
  });
  const past = await BaseEventModel.create({
    baseId: xuhui._id,
    kind: 'showcase',
    title: '徐汇社区公益成果展示日',
    description: '在孵机构展示一年来的服务成果，居民现场交流。',
    startsAt: at(-5, '13:30'),
    endsAt: at(-5, '16:30'),
    capacity: 60,
    ...(hall ? { spaceId: hall._id } : {}),
    domains: ['elderly', 'child-welfare'],
  });
  if (hall) {
    await SpaceSlotModel.insertMany(
      halfHoursOf(past.startsAt, past.endsAt).map((slotStart) => ({
        spaceId: hall._id,
        slotStart,
        eventId: past._id,
      })),
    );
  }
  // The full training: three confirmed, two waiting; the open one: a few; the showcase: who came.
  const signUp = async (
    eventId: Types.ObjectId,
    list: typeof people,
    capacity: number,
    attended?: boolean,
  ) => {
    for (const [i, p] of list.entries()) {
      const status = i < capacity ? 'confirmed' : 'waitlisted';
      await RegistrationModel.create({
        eventId,
        userId: p._id,
        ...(p.organizationId ? { organizationId: p.organizationId } : {}),
        status,
        seq: i + 1,
        ...(attended !== undefined && status === 'confirmed' ? { attended: i % 4 !== 3 } : {}),
      });
    }
    const confirmed = Math.min(capacity, list.length);
    await BaseEventModel.updateOne(
      { _id: eventId },
      { $set: { confirmedCount: confirmed, waitlistCount: list.length - confirmed, seq: list.length } },
    );
  };
  await signUp(full._id, people, 3);
  await signUp(open._id, people.slice(0, 2), 30);
  await signUp(past._id, people, 60, true);
  return { spaces, bookings, events: 3 };
}
