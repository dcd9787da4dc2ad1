import { TZDate, tz } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, format, getISODay, startOfISOWeek } from 'date-fns';

/**
 * Wall-clock time in Shanghai, where every base opens and closes. Opening hours, "on the half hour", advance
 * windows and ISO weeks are all read in this zone; instants are stored and sent in UTC.
 */
export const BASE_TIME_ZONE = 'Asia/Shanghai';
const inShanghai = tz(BASE_TIME_ZONE);

/** "HH:MM" on a 24-hour clock; "24:00" closes a day that ends at midnight. */
export const clockTimePattern = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** Minutes since midnight of an "HH:MM" clock time. */
export function minutesOfClock(clock: string): number {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** What a moment is in Shanghai: its ISO weekday (1 = Monday), date, minutes since midnight and ISO week. */
export function shanghaiParts(at: Date) {
  return {
    weekday: getISODay(at, { in: inShanghai }),
    date: format(at, 'yyyy-MM-dd', { in: inShanghai }),
    minutes: Number(format(at, 'H', { in: inShanghai })) * 60 + Number(format(at, 'm', { in: inShanghai })),
    isoWeek: format(at, "RRRR-'W'II", { in: inShanghai }),
  };
}

/** Whether a moment falls exactly on :00 or :30 in Shanghai (no seconds). */
export function isOnHalfHour(at: Date): boolean {
  return at.getUTCSeconds() === 0 && at.getUTCMilliseconds() === 0 && shanghaiParts(at).minutes % 30 === 0;
}

/** How many Shanghai calendar days `at` lies after `now` (0 = today). */
export function calendarDaysAhead(at: Date, now: Date): number {
  return differenceInCalendarDays(at, now, { in: inShanghai });
}

/** The instant of a Shanghai date ("yyyy-MM-dd") at a clock time ("HH:MM"; "24:00" is the next midnight). */
export function shanghaiInstant(date: string, clock = '00:00'): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = clock.split(':').map(Number) as [number, number];
  return new Date(+new TZDate(y, mo - 1, d, h, mi, BASE_TIME_ZONE));
}

/** Midnight on the Monday of the Shanghai ISO week that holds `at`. */
export function startOfShanghaiWeek(at: Date): Date {
  return new Date(+startOfISOWeek(at, { in: inShanghai }));
}

/** The same Shanghai wall-clock time `days` calendar days later. */
export function addShanghaiDays(at: Date, days: number): Date {
  return new Date(+addDays(at, days, { in: inShanghai }));
}

/** The Shanghai date ("yyyy-MM-dd") of a moment. */
export const shanghaiDate = (at: Date) => shanghaiParts(at).date;

/** A Shanghai clock time ("HH:MM") of a moment. */
export const shanghaiClock = (at: Date) => format(at, 'HH:mm', { in: inShanghai });
