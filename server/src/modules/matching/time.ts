/**
 * Time: do the two windows overlap? A missing start or end leaves the window open on that side, so an open-ended
 * listing overlaps everything that is not over. A window that has already ended scores nothing.
 */
import type { Listing, Locale } from '@app/shared';
import type { FactorResult } from './factors.js';
import { say, shanghaiDate } from './phrases.js';

type Timed = Pick<Listing, 'startsAt' | 'endsAt'>;

const bounds = (l: Timed) => ({
  start: l.startsAt ? Date.parse(l.startsAt) : -Infinity,
  end: l.endsAt ? Date.parse(l.endsAt) : Infinity,
});

const openEnded = (w: { start: number; end: number }) => w.start === -Infinity && w.end === Infinity;

/** The time factor: full for open-ended or fully covering windows, partial for partial overlap, 0 otherwise. */
export function timeFactor(
  need: Timed,
  offer: Timed,
  now: Date,
  locale: Locale,
  explain = true,
): FactorResult {
  const n = bounds(need);
  const o = bounds(offer);
  const today = now.getTime();
  if (o.end < today) {
    if (!explain) return { fraction: 0, detail: '' };
    const d = shanghaiDate(o.end);
    return { fraction: 0, detail: say(locale, `对方时间已于${d}结束`, `The offer's window ended on ${d}`) };
  }
  if (n.end < today) {
    if (!explain) return { fraction: 0, detail: '' };
    const d = shanghaiDate(n.end);
    return { fraction: 0, detail: say(locale, `需求时间已于${d}结束`, `The need's window ended on ${d}`) };
  }
  const from = Math.max(n.start, o.start, today);
  const to = Math.min(n.end, o.end);
  if (from > to) {
    if (!explain) return { fraction: 0, detail: '' };
    const detail =
      o.start > n.end
        ? say(
            locale,
            `时间不重叠：对方${shanghaiDate(o.start)}才开始`,
            `No overlap: the offer starts on ${shanghaiDate(o.start)}`,
          )
        : say(
            locale,
            `时间不重叠：需求${shanghaiDate(n.start)}才开始`,
            `No overlap: the need starts on ${shanghaiDate(n.start)}`,
          );
    return { fraction: 0, detail };
  }
  if (openEnded(n) && openEnded(o))
    return { fraction: 1, detail: say(locale, '双方均长期有效', 'Both are open-ended') };
  // Share of the need's remaining window the offer covers; an open-ended need only needs some overlap.
  const needFrom = Math.max(n.start, today);
  const coverage = Number.isFinite(n.end) ? (to - from) / Math.max(1, n.end - needFrom) : 1;
  const fraction = 0.5 + 0.5 * Math.min(1, Math.max(0, coverage));
  if (!explain) return { fraction, detail: '' };
  const span = (a: number, b: number) =>
    Number.isFinite(b)
      ? say(locale, `${shanghaiDate(a)}至${shanghaiDate(b)}`, `${shanghaiDate(a)} to ${shanghaiDate(b)}`)
      : say(locale, `${shanghaiDate(a)}起`, `from ${shanghaiDate(a)}`);
  const detail =
    coverage >= 1
      ? say(locale, `时间可对接：${span(from, to)}`, `Windows overlap: ${span(from, to)}`)
      : say(locale, `时间部分重叠：${span(from, to)}`, `Windows partly overlap: ${span(from, to)}`);
  return { fraction, detail };
}
