import type { Types } from 'mongoose';
import { BaseEventModel, RegistrationModel } from './model.js';

/*
 * The base events' read function for the statistics module: it never touches the event models itself.
 */

/**
 * Trainings, showcases and exchanges of the bases (all when null) that start in the range and were not cancelled:
 * how many, their confirmed registrations, and how many of those attended.
 */
export async function eventFigures(
  baseIds: Types.ObjectId[] | null,
  range: { from: Date; to: Date },
): Promise<{ count: number; registrations: number; attended: number }> {
  const events = await BaseEventModel.aggregate<{ _id: Types.ObjectId }>([
    {
      $match: {
        startsAt: { $gte: range.from, $lt: range.to },
        status: 'scheduled',
        ...(baseIds ? { baseId: { $in: baseIds } } : {}),
      },
    },
    { $project: { _id: 1 } },
  ]);
  if (!events.length) return { count: 0, registrations: 0, attended: 0 };
  const [row] = await RegistrationModel.aggregate<{ registrations: number; attended: number }>([
    { $match: { eventId: { $in: events.map((e) => e._id) }, status: 'confirmed' } },
    {
      $group: {
        _id: null,
        registrations: { $sum: 1 },
        attended: { $sum: { $cond: [{ $eq: ['$attended', true] }, 1, 0] } },
      },
    },
  ]);
  return { count: events.length, registrations: row?.registrations ?? 0, attended: row?.attended ?? 0 };
}
