import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import {
  districts,
  domains,
  kinds,
  listingStatuses,
  orgTypes,
  roles,
  sides,
  streets,
  subkinds,
  type Listing,
  type Locale,
} from '@app/shared';

/**
 * Labels of taxonomy codes and formats of numbers and dates in the interface's language. Codes are labelled by
 * the shared glossary only, never by the i18n files, so a label lives in one place.
 */
export function useLabels() {
  const { locale, t } = useI18n();
  const lang = computed<Locale>(() => (locale.value === 'en' ? 'en' : 'zh-CN'));
  const find = (list: { find(code: string): { zh: string; en: string } | undefined }, code: string) => {
    const item = list.find(code);
    return item ? (lang.value === 'en' ? item.en : item.zh) : code;
  };
  const money = computed(
    () => new Intl.NumberFormat(lang.value, { style: 'currency', currency: 'CNY', maximumFractionDigits: 0 }),
  );
  const dateFormat = computed(() => new Intl.DateTimeFormat(lang.value, { dateStyle: 'medium' }));
  const dateTimeFormat = computed(
    () => new Intl.DateTimeFormat(lang.value, { dateStyle: 'medium', timeStyle: 'short' }),
  );
  const timeFormat = computed(() => new Intl.DateTimeFormat(lang.value, { timeStyle: 'short' }));

  return {
    lang,
    side: (code: string) => find(sides, code),
    kind: (code: string) => find(kinds, code),
    subkind: (code: string) => find(subkinds, code),
    domain: (code: string) => find(domains, code),
    district: (code: string) => find(districts, code),
    street: (code: string) => find(streets, code),
    orgType: (code: string) => find(orgTypes, code),
    role: (code: string) => find(roles, code),
    listingStatus: (code: string) => find(listingStatuses, code),
    /** 徐汇区 · 天平路街道 */
    place: (l: Pick<Listing, 'district' | 'street'>) =>
      [find(districts, l.district), l.street ? find(streets, l.street) : ''].filter(Boolean).join(' · '),
    kindOf: (l: Pick<Listing, 'kind' | 'subkind'>) =>
      l.subkind ? `${find(kinds, l.kind)} · ${find(subkinds, l.subkind)}` : find(kinds, l.kind),
    money: (yuan: number) => money.value.format(yuan),
    /** Items of a list: 养老服务、助残服务 / Elderly care, Disability support. */
    list: (items: readonly string[]) => items.join(lang.value === 'en' ? ', ' : '、'),
    /** “5,000–20,000 元”, “至少 …”, “至多 …” */
    amount: (a: { min?: number; max?: number } | undefined) => {
      if (!a || (a.min === undefined && a.max === undefined)) return '';
      if (a.min !== undefined && a.max !== undefined)
        return a.min === a.max
          ? money.value.format(a.min)
          : `${money.value.format(a.min)} – ${money.value.format(a.max)}`;
      return a.min !== undefined
        ? t('listing.amountFrom', { amount: money.value.format(a.min) })
        : t('listing.amountUpTo', { amount: money.value.format(a.max!) });
    },
    date: (iso: string) => dateFormat.value.format(new Date(iso)),
    dateTime: (iso: string) => dateTimeFormat.value.format(new Date(iso)),
    time: (iso: string) => timeFormat.value.format(new Date(iso)),
  };
}
