import { trusted } from 'mongoose';
import type { AppContext } from '../../context.js';
import { writeWithEvents } from '../../lib/outbox.js';
import { OrganizationModel } from '../organizations/model.js';
import { UserModel } from '../users/model.js';
import { EXPIRE_AFTER_OVERDUE_DAYS, MatchModel, type MatchRecord } from './model.js';
import './events.js';

const DAY = 86_400_000;

/** The operators of the base where the responding side's organization is resident. */
async function operatorsFor(m: MatchRecord): Promise<string[]> {
  const orgId = m.proposedSide === 'need' ? m.offerOrgId : m.needOrgId;
  if (!orgId) return [];
  const org = await OrganizationModel.findById(orgId).select({ baseId: 1 }).lean();
  if (!org?.baseId) return [];
  const operators = await UserModel.find({ role: 'operator', baseId: org.baseId }).select({ _id: 1 }).lean();
  return operators.map((o) => String(o._id));
}

/**
 * The matching clock: proposals past their deadline are flagged once to the base operator; those still
 * unanswered a few days later expire. Runs as a leased job, so one process does it.
 */
export function matchDeadlines(ctx: AppContext) {
  return async function run(now = new Date()): Promise<{ flagged: number; expired: number }> {
    const late = await MatchModel.find({
      status: 'proposed',
      deadline: trusted({ $lt: now }),
      overdueAt: trusted({ $exists: false }),
    })
      .limit(500)
      .lean<MatchRecord[]>();
    for (const m of late) {
      const operatorIds = await operatorsFor(m);
      await writeWithEvents(ctx.events, async (session, record) => {
        const marked = await MatchModel.updateOne(
          { _id: m._id, overdueAt: trusted({ $exists: false }) },
          { $set: { overdueAt: now } },
          { session },
        );
        if (!marked.modifiedCount) return;
        await record('match.overdue', {
          matchId: String(m._id),
          needOwnerId: String(m.needOwnerId),
          offerOwnerId: String(m.offerOwnerId),
          operatorIds,
        });
      });
    }
    const expireBefore = new Date(now.getTime() - EXPIRE_AFTER_OVERDUE_DAYS * DAY);
    const stale = await MatchModel.find({ status: 'proposed', deadline: trusted({ $lt: expireBefore }) })
      .limit(500)
      .lean<MatchRecord[]>();
    for (const m of stale) {
      await writeWithEvents(ctx.events, async (session, record) => {
        const expired = await MatchModel.findOneAndUpdate(
          { _id: m._id, status: 'proposed' },
          { $set: { status: 'expired' }, $push: { history: { status: 'expired', at: now } } },
          { returnDocument: 'after', session },
        ).lean<MatchRecord>();
        if (expired)
          await record('match.expired', {
            matchId: String(m._id),
            needOwnerId: String(m.needOwnerId),
            offerOwnerId: String(m.offerOwnerId),
          });
      });
    }
    return { flagged: late.length, expired: stale.length };
  };
}
