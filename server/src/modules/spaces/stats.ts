import type { Types } from 'mongoose';
import { BookingModel } from './model.js';

/*
 * The spaces' read function for the statistics module: it never touches the booking model itself.
 */

/**
 * Bookings of the bases' spaces (all bases when null) that start in the range and were not cancelled: how many,
 * their hours, and how many were marked no-show.
 */
export async function bookingFigures(
  baseIds: Types.ObjectId[] | null,
  range: { from: Date; to: Date },
): Promise<{ count: number; hours: number; noShows: number }> {
  const [row] = await BookingModel.aggregate<{ count: number; ms: number; noShows: number }>([
    {
      $match: {
        startsAt: { $gte: range.from, $lt: range.to },
        status: { $in: ['confirmed', 'no_show'] },
        ...(baseIds ? { baseId: { $in: baseIds } } : {}),
      },
    },
    {
      $group: {
        _id: null,
        count: { $sum: 1 },
        ms: { $sum: { $subtract: ['$endsAt', '$startsAt'] } },
        noShows: { $sum: { $cond: [{ $eq: ['$status', 'no_show'] }, 1, 0] } },
      },
    },
  ]);
  return row
    ? { count: row.count, hours: Math.round((row.ms / 3_600_000) * 10) / 10, noShows: row.noShows }
    : { count: 0, hours: 0, noShows: 0 };
}
