import type { Types } from 'mongoose';
import { ResidencyModel } from './model.js';

/*
 * The residencies' read functions for the statistics module: it never touches ResidencyModel itself.
 */

export interface ResidentFigures {
  /** Incubating (在孵) at the end of the period. */
  incubating: number;
  /** Admitted (入驻) in the period. */
  admitted: number;
  /** Graduated (出壳) in the period. */
  graduated: number;
  /** Exited (退出) in the period. */
  exited: number;
}

const inRange = (field: string, range: { from: Date; to: Date }) => ({
  $and: [{ $gte: [field, range.from] }, { $lt: [field, range.to] }],
});

/**
 * Residency figures of a period per base, for the bases given (all when null) and, when `organizationIds` is
 * given, only those organizations' residencies. `asOf` is when "incubating" is counted (the period's end, or now).
 */
export async function residentFiguresByBase(
  baseIds: Types.ObjectId[] | null,
  organizationIds: Types.ObjectId[] | null,
  range: { from: Date; to: Date },
  asOf: Date,
): Promise<Map<string, ResidentFigures>> {
  const ended = (status: string) => ({
    $sum: { $cond: [{ $and: [{ $eq: ['$status', status] }, inRange('$endedAt', range)] }, 1, 0] },
  });
  const rows = await ResidencyModel.aggregate<ResidentFigures & { _id: Types.ObjectId }>([
    {
      $match: {
        admittedAt: { $lt: range.to > asOf ? range.to : asOf },
        ...(baseIds ? { baseId: { $in: baseIds } } : {}),
        ...(organizationIds ? { organizationId: { $in: organizationIds } } : {}),
      },
    },
    {
      $group: {
        _id: '$baseId',
        incubating: {
          $sum: {
            $cond: [
              {
                $and: [
                  { $lt: ['$admittedAt', asOf] },
                  { $or: [{ $eq: [{ $ifNull: ['$endedAt', null] }, null] }, { $gte: ['$endedAt', asOf] }] },
                ],
              },
              1,
              0,
            ],
          },
        },
        admitted: { $sum: { $cond: [inRange('$admittedAt', range), 1, 0] } },
        graduated: ended('graduated'),
        exited: ended('exited'),
      },
    },
  ]);
  return new Map(rows.map(({ _id, ...figures }) => [String(_id), figures]));
}

/** The organizations that are or were resident in each of these bases (organization id → base ids). */
export async function residentOrganizationsOf(baseIds: Types.ObjectId[]): Promise<Map<string, string[]>> {
  if (!baseIds.length) return new Map();
  const rows = await ResidencyModel.aggregate<{ _id: Types.ObjectId; bases: Types.ObjectId[] }>([
    { $match: { baseId: { $in: baseIds } } },
    { $group: { _id: '$organizationId', bases: { $addToSet: '$baseId' } } },
  ]);
  return new Map(rows.map((r) => [String(r._id), r.bases.map(String)]));
}
