import { trusted, type Types } from 'mongoose';
import type { AppContext } from '../../context.js';
import { conflict, forbidden, notFound } from '../../lib/errors.js';
import { findBase } from '../bases/service.js';
import type { BaseRecord } from '../bases/model.js';
import { ListingModel } from '../listings/model.js';
import { incubatingOrganizationIds } from '../residencies/facts.js';
import type { UserRecord } from '../users/model.js';
import { MatchModel, type MatchRecord } from './model.js';
import { matchPolicy as policy } from './policy.js';
import { findMatch, matchParties } from './service.js';
import './events.js';

type Area = Pick<BaseRecord, '_id' | 'district'>;

/**
 * The overdue proposals of a base (API "Overdue matches reach the base"): proposals past their deadline where either
 * side's organization is incubating in the base, or the need lies in the base's district.
 */
export async function overdueFilter(base: Area, now = new Date()): Promise<Record<string, unknown>> {
  const overdue = { status: 'proposed' as const, deadline: trusted({ $lt: now }) };
  const [residents, needIds] = await Promise.all([
    incubatingOrganizationIds(base._id),
    MatchModel.distinct('needId', overdue),
  ]);
  const localNeeds = needIds.length
    ? await ListingModel.find({ _id: trusted({ $in: needIds }), district: base.district })
        .select({ _id: 1 })
        .lean<{ _id: Types.ObjectId }[]>()
    : [];
  const ways: Record<string, unknown>[] = [];
  if (residents.length)
    ways.push({ needOrgId: trusted({ $in: residents }) }, { offerOrgId: trusted({ $in: residents }) });
  if (localNeeds.length) ways.push({ needId: trusted({ $in: localNeeds.map((l) => l._id) }) });
  // No way in: a filter that matches nothing.
  return ways.length ? { ...overdue, $or: ways } : { ...overdue, _id: null };
}

/** Whether the match is one of the base's overdue proposals. */
export async function inOverdueQueue(base: Area, m: MatchRecord, now = new Date()): Promise<boolean> {
  if (!policy.isOverdue(m, now)) return false;
  return (await MatchModel.exists({ _id: m._id, ...(await overdueFilter(base, now)) })) !== null;
}

/** The base the operator runs, for the scope check (the bureau needs none). */
async function scopeOf(user: UserRecord | undefined): Promise<Area | null> {
  if (user?.role !== 'operator' || !user.baseId) return null;
  return findBase(String(user.baseId)).catch(() => null);
}

/** Whether staff may follow this match: overdue, and (for an operator) in its base's queue. */
async function staffFollows(user: UserRecord | undefined, m: MatchRecord): Promise<boolean> {
  if (!policy.isOverdue(m)) return false;
  const base = await scopeOf(user);
  return policy.staffMayFollow(user, m, base ? await inOverdueQueue(base, m) : false);
}

/** A match its sides read, and staff too when it is an overdue proposal they follow; else a 404. */
export async function findMatchForReader(user: UserRecord | undefined, id: string): Promise<MatchRecord> {
  const m = await findMatch(id);
  if (policy.canRead(user, m) || (await staffFollows(user, m))) return m;
  throw notFound('Match');
}

export function overdueService(ctx: AppContext) {
  return {
    /** Tells the side that has not answered an overdue proposal; audited. */
    async remind(user: UserRecord, id: string, note: string | undefined, ip?: string): Promise<MatchRecord> {
      const m = await findMatch(id);
      if (!(await staffFollows(user, m))) {
        // A side (an operator may own a listing) hears why; anyone else learns nothing of the match.
        if (policy.canRead(user, m) && !policy.isOverdue(m)) throw conflict('match.remindOverdueOnly');
        throw notFound('Match');
      }
      const respondingSide = m.proposedSide === 'need' ? 'offer' : 'need';
      const base = await scopeOf(user);
      ctx.events.emit('match.reminded', {
        ...matchParties(m, user),
        respondingSide,
        ...(base ? { baseId: String(base._id) } : {}),
        ...(note ? { note } : {}),
        ip,
      });
      return m;
    },
  };
}

export async function baseForQueue(user: UserRecord, baseId: string): Promise<BaseRecord> {
  const base = await findBase(baseId);
  if (user.role === 'bureau' || (user.role === 'operator' && String(user.baseId) === String(base._id)))
    return base;
  throw forbidden('match.overdueSeen');
}
