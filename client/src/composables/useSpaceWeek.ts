import { computed, shallowRef, type Ref } from 'vue';
import {
  addShanghaiDays,
  calendarDaysAhead,
  shanghaiClock,
  shanghaiDate,
  shanghaiInstant,
  shanghaiParts,
  startOfShanghaiWeek,
  type Space,
  type SpaceCalendar,
} from '@app/shared';
import { fetchSpaceCalendar } from '@/api/spaces.js';
import { useResource } from './useResource.js';

export type SlotState = 'free' | 'booked' | 'mine' | 'event' | 'past' | 'closed' | 'tooFar';

export interface WeekSlot {
  start: Date;
  end: Date;
  clock: string;
  state: SlotState;
  /** The event's title, or the booking organization for those who may see it. */
  holder?: string;
  bookingId?: string;
}

const HALF_HOUR = 30 * 60_000;
const overlaps = (a: { startsAt: string; endsAt: string }, start: Date, end: Date) =>
  Date.parse(a.startsAt) < end.getTime() && Date.parse(a.endsAt) > start.getTime();

/**
 * One week of a space's calendar in Shanghai time: its seven days, and for the chosen day every half hour of its
 * opening windows with what holds it. Residents' window (`maxAdvanceDays`) marks what is too far ahead; the
 * server has the last word for everyone else.
 */
export function useSpaceWeek(space: Ref<Space | null>, now: () => Date = () => new Date()) {
  const weekOffset = shallowRef(0);
  const weekStart = computed(() => addShanghaiDays(startOfShanghaiWeek(now()), weekOffset.value * 7));
  const days = computed(() =>
    Array.from({ length: 7 }, (_, i) => {
      const at = addShanghaiDays(weekStart.value, i);
      return { date: shanghaiDate(at), weekday: i + 1 };
    }),
  );
  const todayIndex = Math.max(0, shanghaiParts(now()).weekday - 1);
  const dayIndex = shallowRef(todayIndex);

  const calendar = useResource<SpaceCalendar | null>(
    () =>
      space.value
        ? fetchSpaceCalendar(space.value.id, weekStart.value, addShanghaiDays(weekStart.value, 7))
        : Promise.resolve(null),
    [() => space.value?.id, weekOffset],
  );

  const slots = computed<WeekSlot[]>(() => {
    const s = space.value;
    const day = days.value[dayIndex.value];
    if (!s || !day) return [];
    const windows = s.openingHours
      .filter((w) => w.weekday === day.weekday)
      .sort((a, b) => a.from.localeCompare(b.from));
    const result: WeekSlot[] = [];
    const cal = calendar.data.value;
    for (const w of windows) {
      const end = shanghaiInstant(day.date, w.to).getTime();
      for (let t = shanghaiInstant(day.date, w.from).getTime(); t + HALF_HOUR <= end; t += HALF_HOUR) {
        const start = new Date(t);
        const slotEnd = new Date(t + HALF_HOUR);
        const booking = cal?.items.find((b) => overlaps(b, start, slotEnd));
        const event = cal?.events.find((e) => overlaps(e, start, slotEnd));
        let state: SlotState = 'free';
        if (event) state = 'event';
        else if (booking) state = booking.mine ? 'mine' : 'booked';
        else if (t <= now().getTime()) state = 'past';
        else if (calendarDaysAhead(start, now()) > s.rules.maxAdvanceDays) state = 'tooFar';
        result.push({
          start,
          end: slotEnd,
          clock: shanghaiClock(start),
          state,
          ...(event
            ? { holder: event.title }
            : booking?.organizationName
              ? { holder: booking.organizationName }
              : {}),
          ...(booking ? { bookingId: booking.id } : {}),
        });
      }
    }
    return result;
  });

  function shiftWeek(by: number) {
    weekOffset.value += by;
    dayIndex.value = by > 0 ? 0 : weekOffset.value === 0 ? todayIndex : 0;
  }

  return { weekOffset, weekStart, days, dayIndex, slots, calendar, shiftWeek };
}
