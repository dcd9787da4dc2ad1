import type { Types } from 'mongoose';
import { MatchModel } from './model.js';

/*
 * The matches' read function for the statistics module: it never touches MatchModel itself.
 */

/** One match as the statistics see it: who, and when it reached each status (absent: never). */
export interface MatchTimeline {
  needId: Types.ObjectId;
  offerId: Types.ObjectId;
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

/** The first time the match's history reached `status` (null when it never did). */
const firstAt = (status: string) => ({
  $min: {
    $map: {
      input: { $filter: { input: '$history', as: 'h', cond: { $eq: ['$$h.status', status] } } },
      as: 'h',
      in: '$$h.at',
    },
  },
});

/**
 * Every match that something happened to in `window` (proposed, answered, completed, expired, or its deadline fell
 * in it), optionally only those where either side is one of `organizationIds`, reduced in the database to its
 * timeline.
 */
export async function matchTimelines(
  window: { from: Date; to: Date },
  organizationIds?: Types.ObjectId[],
): Promise<MatchTimeline[]> {
  const rows = await MatchModel.aggregate<MatchTimeline & Record<string, unknown>>([
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
      $project: {
        _id: 0,
        needId: 1,
        offerId: 1,
        needOrgId: 1,
        offerOrgId: 1,
        proposedAt: '$createdAt',
        deadline: 1,
        acceptedAt: firstAt('accepted'),
        declinedAt: firstAt('declined'),
        completedAt: firstAt('completed'),
        expiredAt: firstAt('expired'),
        evidenceAmount: '$evidence.amount',
      },
    },
  ]);
  // Both engines agree on the values; they differ on whether an empty $min is null or left out.
  for (const row of rows)
    for (const key of [
      'acceptedAt',
      'declinedAt',
      'completedAt',
      'expiredAt',
      'evidenceAmount',
      'needOrgId',
      'offerOrgId',
    ])
      if (row[key] === null || row[key] === undefined) delete row[key];
  return rows;
}
