/** How amounts, dates and periods are written in Chinese texts. */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** 3000 → '3000元', 50000 → '5万元', 25000 → '2.5万元'; `unit: false` leaves out 元. */
export function yuan(amount: number, unit = true): string {
  const text = amount >= 10_000 && amount % 1000 === 0 ? `${amount / 10_000}万` : String(amount);
  return unit ? `${text}元` : text;
}

/** An amount range the way a call for proposals writes it: '5万-20万元', '最高10万元', '3000元起'. */
export function yuanRange(amount: { min?: number | undefined; max?: number | undefined }): string {
  const { min, max } = amount;
  if (min !== undefined && max !== undefined)
    return min === max ? yuan(max) : `${yuan(min, false)}-${yuan(max)}`;
  if (max !== undefined) return `最高${yuan(max)}`;
  if (min !== undefined) return `${yuan(min)}起`;
  return '金额面议';
}

const DAY_MS = 86_400_000;

/**
 * The proleptic Gregorian date of a day count since 1970-01-01, by whole 400-year eras of 146097 days.
 * Plain arithmetic: about ten times faster than reading the fields of a Date, which adds up over 100,000 listings.
 */
export function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719_468; // days since 0000-03-01, so leap days fall at the end of a year
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153); // month counted from March
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yearOfEra + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The same string as `new Date(ms).toISOString()` for years 1000-9999, several times faster. */
export function isoUtc(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const { y, m, d } = civilFromDays(days);
  const rest = ms - days * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  const min = Math.floor((rest % 3_600_000) / 60_000);
  const sec = Math.floor((rest % 60_000) / 1000);
  const milli = rest % 1000;
  return `${y}-${two(m)}-${two(d)}T${two(h)}:${two(min)}:${two(sec)}.${String(milli).padStart(3, '0')}Z`;
}

/** The calendar date in Shanghai: year, month (1-12), day. */
export function shanghaiDate(date: Date): { y: number; m: number; d: number } {
  return civilFromDays(Math.floor((date.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** '2026年3月15日' */
export function dayText(date: Date): string {
  const { y, m, d } = shanghaiDate(date);
  return `${y}年${m}月${d}日`;
}

/** '2026年3月' */
export function monthText(date: Date): string {
  const { y, m } = shanghaiDate(date);
  return `${y}年${m}月`;
}

/** '2026年3月至12月', '2026年10月至2027年3月', or a single day when both fall on it. */
export function periodText(start: Date, end: Date): string {
  const a = shanghaiDate(start);
  const b = shanghaiDate(end);
  if (a.y === b.y && a.m === b.m) return a.d === b.d ? dayText(start) : `${a.y}年${a.m}月${a.d}日至${b.d}日`;
  return a.y === b.y ? `${a.y}年${a.m}月至${b.m}月` : `${a.y}年${a.m}月至${b.y}年${b.m}月`;
}

/** Midnight in Shanghai of the given calendar day, plus some hours. */
export function shanghaiTime(y: number, m: number, d: number, hours = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, hours) - SHANGHAI_OFFSET_MS);
}
