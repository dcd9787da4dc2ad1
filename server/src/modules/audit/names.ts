import { trusted, type Types } from 'mongoose';
import type { AuditEvent } from '@app/shared';
import { objectIdsOf } from '../../lib/ids.js';
import { applicationParties } from '../admissions/read.js';
import { eventTitles } from '../baseEvents/read.js';
import { baseNames } from '../bases/read.js';
import { matchNames } from '../matching/read.js';
import { organizationNames } from '../organizations/read.js';
import { residencyParties } from '../residencies/facts.js';
import { bookingSpaceNames } from '../spaces/read.js';
import { UserModel } from '../users/model.js';
import type { AuditEventRecord } from './model.js';

type Actor = NonNullable<AuditEvent['actor']>;

/** What the audit log shows instead of ids: who acted, and the subject's name, keyed `type:id`. */
export interface AuditNames {
  actors: Map<string, Actor>;
  subjects: Map<string, string>;
}

const key = (type: string, id: string) => `${type}:${id}`;

async function actorsOf(ids: string[]): Promise<Map<string, Actor>> {
  const wanted = objectIdsOf(ids);
  if (!wanted.length) return new Map();
  const users = await UserModel.find({ _id: trusted({ $in: wanted }) })
    .select({ name: 1, role: 1 })
    .lean<{ _id: Types.ObjectId; name: string; role: string }[]>();
  return new Map(users.map((u) => [String(u._id), { id: String(u._id), name: u.name, role: u.role }]));
}

/** "organization · base" for applications and residencies, each named by the modules that own them. */
async function partiesNamed(
  parties: Map<string, { organizationId: string; baseId: string }>,
): Promise<Map<string, string>> {
  const all = [...parties.values()];
  const [orgs, bases] = await Promise.all([
    organizationNames(all.map((p) => p.organizationId)),
    baseNames(all.map((p) => p.baseId)),
  ]);
  return new Map(
    [...parties].map(([id, p]) => [
      id,
      [orgs.get(p.organizationId), bases.get(p.baseId)].filter(Boolean).join(' · '),
    ]),
  );
}

/** The names of the subjects of one type, by id, from the module that owns them. */
const subjectNamers: Record<string, (ids: string[]) => Promise<Map<string, string>>> = {
  organization: organizationNames,
  base: baseNames,
  event: eventTitles,
  booking: bookingSpaceNames,
  user: async (ids) => new Map([...(await actorsOf(ids))].map(([id, a]) => [id, a.name])),
  match: async (ids) =>
    new Map(
      [...(await matchNames(ids))].map(([id, m]) => [id, `${m.need.listingTitle} ↔ ${m.offer.listingTitle}`]),
    ),
  application: async (ids) => partiesNamed(await applicationParties(ids)),
  residency: async (ids) => partiesNamed(await residencyParties(ids)),
};

/** Resolves the actors and subjects of a page of audit events, a few queries per subject type. */
export async function auditNames(events: readonly AuditEventRecord[]): Promise<AuditNames> {
  const byType = new Map<string, string[]>();
  for (const e of events) {
    if (!e.subjectType || !e.subjectId || !subjectNamers[e.subjectType]) continue;
    byType.set(e.subjectType, [...(byType.get(e.subjectType) ?? []), e.subjectId]);
  }
  const [actors, named] = await Promise.all([
    actorsOf(events.flatMap((e) => (e.actorId ? [String(e.actorId)] : []))),
    Promise.all([...byType].map(async ([type, ids]) => ({ type, names: await subjectNamers[type]!(ids) }))),
  ]);
  const subjects = new Map<string, string>();
  for (const { type, names } of named)
    for (const [id, name] of names) if (name) subjects.set(key(type, id), name);
  return { actors, subjects };
}

/** The subject's name for one event, if it could be resolved. */
export const subjectNameOf = (names: AuditNames, e: Pick<AuditEventRecord, 'subjectType' | 'subjectId'>) =>
  e.subjectType && e.subjectId ? names.subjects.get(key(e.subjectType, e.subjectId)) : undefined;
