/** Small helpers that turn codes, amounts and dates into words for the reasons' sentences. */
import { districts, domains, kinds, streets, subkinds, type Locale } from '@app/shared';

/** Picks the sentence for the locale. */
export const say = (locale: Locale, zh: string, en: string): string => (locale === 'en' ? en : zh);

/** Joins names the way each language lists them (顿号 in Chinese). */
export function listOf(items: readonly string[], locale: Locale): string {
  if (locale !== 'en') return items.join('、');
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export const districtName = (code: string, locale: Locale): string =>
  districts.has(code) ? districts.label(code, locale) : code;

export const streetName = (code: string, locale: Locale): string =>
  streets.has(code) ? streets.label(code, locale) : code;

export const domainName = (code: string, locale: Locale): string =>
  domains.has(code) ? domains.label(code, locale) : code;

/** "场地·会议室" / "Venue · Meeting room", or the kind alone. */
export function kindName(kind: string, subkind: string | undefined, locale: Locale): string {
  const k = kinds.has(kind) ? kinds.label(kind, locale) : kind;
  if (!subkind || !subkinds.has(subkind)) return k;
  return `${k}${locale === 'en' ? ' · ' : '·'}${subkinds.label(subkind, locale)}`;
}

export const subkindName = (subkind: string, locale: Locale): string =>
  subkinds.has(subkind) ? subkinds.label(subkind, locale) : subkind;

/** Yuan as people say it: 2万元, 5000元, 1.5万元 / CNY 20,000. */
export function yuan(amount: number, locale: Locale): string {
  if (locale === 'en') return `CNY ${Math.round(amount).toLocaleString('en-US')}`;
  if (amount >= 10_000) return `${Number((amount / 10_000).toFixed(2))}万元`;
  return `${Math.round(amount)}元`;
}

/** A yuan range: 1万–10万元 / CNY 10,000–100,000; an open bound reads "up to" or "from". */
export function yuanRange(min: number | undefined, max: number | undefined, locale: Locale): string {
  if (min !== undefined && max !== undefined) {
    if (locale === 'en') return `${yuan(min, locale)}–${Math.round(max).toLocaleString('en-US')}`;
    const short = (n: number) => (n >= 10_000 ? `${Number((n / 10_000).toFixed(2))}万` : `${Math.round(n)}`);
    return `${short(min)}–${short(max)}元`;
  }
  if (max !== undefined) return say(locale, `最高${yuan(max, locale)}`, `up to ${yuan(max, locale)}`);
  if (min !== undefined) return say(locale, `${yuan(min, locale)}起`, `from ${yuan(min, locale)}`);
  return '';
}

/** The calendar date in Shanghai (UTC+8), as YYYY-MM-DD. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The unit a count of the kind is measured in. */
export function unitOf(kind: string, locale: Locale): string {
  if (locale === 'en') return kind === 'goods' ? 'items' : 'people';
  return kind === 'goods' ? '件' : '人';
}

export const percent = (fraction: number): string => `${Math.round(fraction * 100)}%`;
