import type { Types } from 'mongoose';
import type { CalendarHold } from '@app/shared';

/**
 * What else holds a space on its calendar besides bookings: the base's events. The events module depends on
 * spaces (its events take the same slots), so it registers its reader here when its routes are built rather than
 * spaces importing it; until one is registered a calendar shows no events.
 */
export type SpaceHoldReader = (spaceId: Types.ObjectId, from: Date, to: Date) => Promise<CalendarHold[]>;

let reader: SpaceHoldReader | undefined;

/** Registers (or replaces) the reader of events that hold a space. */
export function registerSpaceHolds(read: SpaceHoldReader): void {
  reader = read;
}

/** The events holding the space between two moments, for its calendar. */
export function holdsOf(spaceId: Types.ObjectId, from: Date, to: Date): Promise<CalendarHold[]> {
  return reader ? reader(spaceId, from, to) : Promise.resolve([]);
}
