import { TZDate, tz } from '@date-fns/tz';
import { addDays, addMonths, format, startOfDay, startOfMonth } from 'date-fns';
import { validationFailed } from '../../lib/errors.js';

/** Days, months and years of the statistics are Shanghai's. */
export const STATS_TIME_ZONE = 'Asia/Shanghai';
const inShanghai = { in: tz(STATS_TIME_ZONE) };
/** The longest period one request may cover (the monthly trend has one point per month). */
const MAX_MONTHS = 60;

/** A half-open interval of time, [from, to). */
export interface Period {
  from: Date;
  to: Date;
}

const plain = (d: Date) => new Date(d.getTime());
const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
const dayStart = (s: string) => {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return plain(new TZDate(y, m - 1, d, STATS_TIME_ZONE));
};

/**
 * The period a request names: `from` a day (its start) or an instant; `to` a day (inclusive: up to the next day's
 * start) or an instant. Without them: the twelve calendar months ending with the current one, up to today's end.
 */
export function resolvePeriod(query: { from?: string; to?: string }, now = new Date()): Period {
  const to = query.to
    ? isDay(query.to)
      ? plain(addDays(dayStart(query.to), 1, inShanghai))
      : new Date(query.to)
    : plain(addDays(startOfDay(now, inShanghai), 1, inShanghai));
  const from = query.from
    ? isDay(query.from)
      ? dayStart(query.from)
      : new Date(query.from)
    : plain(addMonths(startOfMonth(now, inShanghai), -11, inShanghai));
  if (from >= to) throw validationFailed('stats.emptyPeriod', [{ path: 'to', message: 'field.afterFrom' }]);
  if (monthStarts({ from, to }).length > MAX_MONTHS)
    throw validationFailed('stats.periodTooLong', [{ path: 'from', message: 'field.tooEarly' }], {
      max: MAX_MONTHS,
    });
  return { from, to };
}

/** A calendar year in Shanghai. */
export function yearPeriod(year: number): Period {
  return {
    from: plain(new TZDate(year, 0, 1, STATS_TIME_ZONE)),
    to: plain(new TZDate(year + 1, 0, 1, STATS_TIME_ZONE)),
  };
}

/** The period of the same length just before. */
export function previousPeriod(p: Period): Period {
  return { from: new Date(2 * p.from.getTime() - p.to.getTime()), to: p.from };
}

/** The start of each Shanghai calendar month the period touches, in order. */
export function monthStarts(p: Period): Date[] {
  const months: Date[] = [];
  for (let m = startOfMonth(p.from, inShanghai); m < p.to; m = addMonths(m, 1, inShanghai)) {
    months.push(plain(m));
    if (months.length > MAX_MONTHS) break;
  }
  return months;
}

/** `YYYY-MM` of an instant, in Shanghai. */
export const monthLabel = (d: Date) => format(d, 'yyyy-MM', inShanghai);

/** The current calendar year in Shanghai. */
export const currentYear = (now = new Date()) => Number(format(now, 'yyyy', inShanghai));

const HOUR = 3_600_000;
/** `YYYY-MM-DD` of the Shanghai day of each UTC hour seen (the zone's offsets change on whole hours only). */
const dayOfHour = new Map<number, string>();

/** The Shanghai day (`YYYY-MM-DD`) of an instant. */
export function dayKey(d: Date): string {
  const hour = Math.floor(d.getTime() / HOUR);
  let key = dayOfHour.get(hour);
  if (key === undefined) {
    key = format(new Date(hour * HOUR), 'yyyy-MM-dd', inShanghai);
    if (dayOfHour.size > 100_000) dayOfHour.clear();
    dayOfHour.set(hour, key);
  }
  return key;
}

/**
 * A period cut into what counters answer: whole Shanghai months (`YYYY-MM`) and whole days (`YYYY-MM-DD`) inside
 * it, and the `slivers`, parts of a day at either end when the period does not begin or end at midnight.
 */
export function periodBuckets(p: Period): { buckets: string[]; slivers: Period[] } {
  const startOf = (d: Date) => plain(startOfDay(d, inShanghai));
  const first = +startOf(p.from) === +p.from ? p.from : plain(addDays(startOf(p.from), 1, inShanghai));
  const last = startOf(p.to);
  if (first >= last) return { buckets: [], slivers: [p] };
  const slivers: Period[] = [];
  if (p.from < first) slivers.push({ from: p.from, to: first });
  if (last < p.to) slivers.push({ from: last, to: p.to });
  const buckets: string[] = [];
  let at = first;
  while (at < last) {
    const nextMonth = plain(addMonths(at, 1, inShanghai));
    if (+plain(startOfMonth(at, inShanghai)) === +at && nextMonth <= last) {
      buckets.push(monthLabel(at));
      at = nextMonth;
    } else {
      buckets.push(dayKey(at));
      at = plain(addDays(at, 1, inShanghai));
    }
  }
  return { buckets, slivers };
}
