import { trusted, type Types } from 'mongoose';
import type { BaseEvent, MyRegistration, Registration } from '@app/shared';
import { BaseModel } from '../bases/model.js';
import { SpaceModel } from '../spaces/model.js';
import { organizationNames } from '../spaces/presenter.js';
import { UserModel, type UserRecord } from '../users/model.js';
import { RegistrationModel, type BaseEventRecord, type RegistrationRecord } from './model.js';
import { positionOf } from './registrations.js';

type Named = { _id: Types.ObjectId; name: string };
async function namesOf(model: typeof BaseModel | typeof SpaceModel | typeof UserModel, ids: unknown[]) {
  const wanted = [...new Set(ids.filter(Boolean).map(String))];
  if (!wanted.length) return new Map<string, string>();
  const rows = await (model as typeof BaseModel)
    .find({ _id: trusted({ $in: wanted }) })
    .select({ name: 1 })
    .lean<Named[]>();
  return new Map(rows.map((r) => [String(r._id), r.name]));
}

/** The caller's sign-up as they see it, with the waiting-list position. */
export async function presentMyRegistration(r: RegistrationRecord): Promise<MyRegistration> {
  const position = await positionOf(r);
  return {
    id: String(r._id),
    status: r.status,
    ...(position ? { position } : {}),
    ...(r.attended != null ? { attended: r.attended } : {}),
  };
}

/** Events with their counts and, for a signed-in caller, their own sign-up. */
export async function presentEvents(
  user: UserRecord | undefined,
  records: BaseEventRecord[],
): Promise<BaseEvent[]> {
  const [bases, spaces] = await Promise.all([
    namesOf(
      BaseModel,
      records.map((e) => e.baseId),
    ),
    namesOf(
      SpaceModel,
      records.map((e) => e.spaceId),
    ),
  ]);
  const mine = user
    ? await RegistrationModel.find({
        userId: user._id,
        eventId: trusted({ $in: records.map((e) => e._id) }),
        status: trusted({ $in: ['confirmed', 'waitlisted'] }),
      }).lean<RegistrationRecord[]>()
    : [];
  const mineByEvent = new Map(mine.map((r) => [String(r.eventId), r]));
  return Promise.all(
    records.map(async (e) => {
      const own = mineByEvent.get(String(e._id));
      const baseName = bases.get(String(e.baseId));
      const spaceName = e.spaceId ? spaces.get(String(e.spaceId)) : undefined;
      return {
        id: String(e._id),
        baseId: String(e.baseId),
        ...(baseName ? { baseName } : {}),
        kind: e.kind,
        title: e.title,
        description: e.description ?? '',
        startsAt: e.startsAt.toISOString(),
        endsAt: e.endsAt.toISOString(),
        capacity: e.capacity,
        ...(e.spaceId ? { spaceId: String(e.spaceId) } : {}),
        ...(spaceName ? { spaceName } : {}),
        ...(e.place ? { place: e.place } : {}),
        domains: [...(e.domains ?? [])] as BaseEvent['domains'],
        status: e.status,
        confirmedCount: e.confirmedCount,
        waitlistCount: e.waitlistCount,
        ...(own ? { myRegistration: await presentMyRegistration(own) } : {}),
        createdAt: e.createdAt.toISOString(),
      };
    }),
  );
}

/** Sign-ups as the base's staff see them: confirmed first, then the queue in order. */
export async function presentRegistrations(records: RegistrationRecord[]): Promise<Registration[]> {
  const [users, orgs] = await Promise.all([
    namesOf(
      UserModel,
      records.map((r) => r.userId),
    ),
    organizationNames(records.map((r) => r.organizationId)),
  ]);
  let position = 0;
  return records.map((r) => {
    const orgName = r.organizationId ? orgs.get(String(r.organizationId)) : undefined;
    return {
      id: String(r._id),
      userId: String(r.userId),
      userName: users.get(String(r.userId)) ?? '',
      ...(orgName ? { organizationName: orgName } : {}),
      status: r.status,
      ...(r.status === 'waitlisted' ? { position: ++position } : {}),
      ...(r.attended != null ? { attended: r.attended } : {}),
      createdAt: r.createdAt.toISOString(),
    };
  });
}
