import { describe, expect, it } from 'vitest';
import { civilFromDays, isoUtc, periodText, shanghaiDate, shanghaiTime, yuan, yuanRange } from './format.js';

describe('dates', () => {
  it('writes the same ISO strings as Date#toISOString, across leap days and year ends', () => {
    const start = Date.UTC(1999, 11, 25);
    for (let ms = start; ms < Date.UTC(2030, 0, 10); ms += 86_400_000 * 3 + 3_723_456) {
      expect(isoUtc(ms)).toBe(new Date(ms).toISOString());
    }
    expect(isoUtc(Date.UTC(2028, 1, 29, 23, 59, 59, 999))).toBe('2028-02-29T23:59:59.999Z');
    expect(civilFromDays(0)).toEqual({ y: 1970, m: 1, d: 1 });
  });

  it('reads calendar days in Shanghai time (UTC+8)', () => {
    expect(shanghaiDate(new Date('2026-12-31T16:30:00Z'))).toEqual({ y: 2027, m: 1, d: 1 });
    expect(shanghaiTime(2027, 1, 1, 9).toISOString()).toBe('2027-01-01T01:00:00.000Z');
  });

  it('writes periods the way Chinese notices do', () => {
    expect(periodText(shanghaiTime(2026, 3, 2, 9), shanghaiTime(2026, 12, 30, 18))).toBe('2026年3月至12月');
    expect(periodText(shanghaiTime(2026, 10, 1, 9), shanghaiTime(2027, 3, 1, 18))).toBe(
      '2026年10月至2027年3月',
    );
    expect(periodText(shanghaiTime(2026, 5, 4, 14), shanghaiTime(2026, 5, 4, 16))).toBe('2026年5月4日');
  });
});

describe('amounts', () => {
  it('writes 万 for round ten-thousands and ranges with one unit', () => {
    expect(yuan(3000)).toBe('3000元');
    expect(yuan(50_000)).toBe('5万元');
    expect(yuan(25_000)).toBe('2.5万元');
    expect(yuanRange({ min: 50_000, max: 200_000 })).toBe('5万-20万元');
    expect(yuanRange({ max: 100_000 })).toBe('最高10万元');
    expect(yuanRange({ min: 3000 })).toBe('3000元起');
  });
});
