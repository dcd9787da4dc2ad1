import { useI18n } from 'vue-i18n';
import { bookingRuleCodes, type BookingRuleCode, type Space } from '@app/shared';
import { ApiError } from '@/api/http.js';

/**
 * Words for a refused booking: each broken rule of the 400 as a sentence with the space's own limit, a 409 as
 * "someone holds this time", a 403 as "book as an organization". Anything else is left to the generic alert.
 */
export function useBookingRefusal() {
  const { t } = useI18n();

  function limitOf(code: BookingRuleCode, space: Space): string | number {
    const r = space.rules;
    switch (code) {
      case 'advance_window':
        return r.othersAdvanceDays ?? r.maxAdvanceDays;
      case 'duration':
        return `${r.minMinutes ?? 30}–${r.maxMinutes ?? 1440}`;
      case 'capacity':
        return space.capacity;
      case 'quota':
        return r.weeklyQuotaMinutes ?? 0;
      default:
        return '';
    }
  }

  /** The sentences, or null when the failure is not a refusal of the booking itself. */
  function explain(err: unknown, space: Space): string[] | null {
    if (!(err instanceof ApiError)) return null;
    if (err.code === 'conflict') return [t('spaces.taken')];
    if (err.code === 'forbidden') return [t('spaces.needOrganization')];
    if (err.code !== 'validation_failed') return null;
    const lines = err.details
      .map((d) => d.code)
      .filter((c): c is BookingRuleCode => (bookingRuleCodes as readonly string[]).includes(c ?? ''))
      .map((code) => t(`spaces.rules.${code}`, { limit: limitOf(code, space) }));
    return lines.length ? lines : [t('spaces.rules.unknown')];
  }

  return { explain };
}
