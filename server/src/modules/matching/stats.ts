import type { Types } from 'mongoose';
import { MatchModel } from './model.js';

/*
 * The matches' read function for the statistics module: it never touches MatchModel itself.
 */

/** One match as the statistics see it: who, and when it reached each status (absent: never). */
export interface MatchTimeline {
  /** The match's own id. */
  id: string;
  needId: Types.ObjectId;
  offerId: Types.ObjectId;
  /** The need's and the offer's ids as strings (the figures key their sets and maps by them). */
  need: string;
  offer: string;
  needOrgId?: Types.ObjectId;
  offerOrgId?: Types.ObjectId;
  proposedAt: Date;
  deadline: Date;
  acceptedAt?: Date;
  declinedAt?: Date;
  completedAt?: Date;
  expiredAt?: Date;
  /** The amount the completion's evidence reports. */
  evidenceAmount?: number;
}

export interface StoredMatch {
  _id: Types.ObjectId;
  needId: Types.ObjectId;
  offerId: Types.ObjectId;
  needOrgId?: Types.ObjectId | null;
  offerOrgId?: Types.ObjectId | null;
  createdAt: Date;
  deadline: Date;
  history?: { status: string; at: Date }[];
  evidence?: { amount?: number | null } | null;
}

/** A stored match reduced to its timeline: the first time its history reached each status. */
export function timelineOf(m: StoredMatch): MatchTimeline {
  const t: MatchTimeline = {
    id: String(m._id),
    needId: m.needId,
    offerId: m.offerId,
    need: String(m.needId),
    offer: String(m.offerId),
    proposedAt: m.createdAt,
    deadline: m.deadline,
  };
  if (m.needOrgId) t.needOrgId = m.needOrgId;
  if (m.offerOrgId) t.offerOrgId = m.offerOrgId;
  for (const { status, at } of m.history ?? []) {
    const key =
      status === 'accepted'
        ? 'acceptedAt'
        : status === 'declined'
          ? 'declinedAt'
          : status === 'completed'
            ? 'completedAt'
            : status === 'expired'
              ? 'expiredAt'
              : null;
    if (key && (!t[key] || at < t[key])) t[key] = at;
  }
  if (typeof m.evidence?.amount === 'number') t.evidenceAmount = m.evidence.amount;
  return t;
}

/**
 * Every match that something happened to in `window` (proposed, answered, completed, expired, or its deadline fell
 * in it), optionally only those where either side is one of `organizationIds`, reduced to its timeline here.
 * The matches come packed into a few documents (one per status, each an array of the fields needed): on the
 * embedded engine, a document apiece through the driver costs about three times as much. Both engines evaluate
 * `$group`/`$push` of plain fields alike (a group stays far below MongoDB's 16 MB document limit up to about
 * 50,000 matches of one status in the two periods).
 */
export async function matchTimelines(
  window: { from: Date; to: Date },
  organizationIds?: Types.ObjectId[],
): Promise<MatchTimeline[]> {
  const groups = await MatchModel.aggregate<{ matches: StoredMatch[] }>([
    {
      $match: {
        createdAt: { $lt: window.to },
        $or: [{ updatedAt: { $gte: window.from } }, { deadline: { $gte: window.from } }],
        ...(organizationIds
          ? {
              $and: [
                { $or: [{ needOrgId: { $in: organizationIds } }, { offerOrgId: { $in: organizationIds } }] },
              ],
            }
          : {}),
      },
    },
    {
      $group: {
        _id: '$status',
        matches: {
          $push: {
            _id: '$_id',
            needId: '$needId',
            offerId: '$offerId',
            needOrgId: '$needOrgId',
            offerOrgId: '$offerOrgId',
            createdAt: '$createdAt',
            deadline: '$deadline',
            history: '$history',
            evidence: { amount: '$evidence.amount' },
          },
        },
      },
    },
  ]);
  return groups.flatMap((g) => g.matches.map(timelineOf));
}

/** One match's timeline, or null when there is no such match. */
export async function matchTimeline(id: Types.ObjectId): Promise<MatchTimeline | null> {
  const m = await MatchModel.findById(id).lean<StoredMatch>();
  return m ? timelineOf(m) : null;
}

/** The timeline of every match (rebuilding the statistics' counters). */
export const everyMatchTimeline = () =>
  matchTimelines({ from: new Date(0), to: new Date(8_640_000_000_000_000) });

/** How many matches there are. */
export const matchTotal = () => MatchModel.estimatedDocumentCount();
