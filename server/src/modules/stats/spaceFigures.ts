import type { Types } from 'mongoose';
import type { StatsFigures } from '@app/shared';
import type { Period } from './period.js';

/*
 * Bookings and events come from the spaces and events modules' read functions. Until those modules are part of
 * the server, their figures are zero.
 */

/** Bookings of the bases' spaces in the period (all bases when null). */
export async function bookingFigures(_baseIds: Types.ObjectId[] | null, _p: Period): Promise<StatsFigures['bookings']> {
  return { count: 0, hours: 0, noShows: 0 };
}

/** The bases' events in the period (all bases when null). */
export async function eventFigures(_baseIds: Types.ObjectId[] | null, _p: Period): Promise<StatsFigures['events']> {
  return { count: 0, registrations: 0, attended: 0 };
}
