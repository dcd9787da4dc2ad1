import { z } from 'zod';

/** The two languages the platform speaks; zh-CN is the default. */
export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
export const localeSchema = z.enum(locales);
export const defaultLocale: Locale = 'zh-CN';
export const isLocale = (value: unknown): value is Locale => locales.includes(value as Locale);

/** One code of the glossary with its label in each language. */
export interface Labelled<C extends string = string> {
  readonly code: C;
  readonly zh: string;
  readonly en: string;
}

/** Picks the label of a labelled code in the given language (zh-CN when none is given). */
export function labelOf(item: Labelled, locale: Locale = defaultLocale): string {
  return locale === 'en' ? item.en : item.zh;
}

/**
 * A closed family of labelled codes (kinds, domains, roles...): the ordered items, the code tuple, a zod enum
 * built from it, and lookups. Every other place imports these instead of redeclaring the codes.
 */
export interface CodeList<C extends string, T extends Labelled<C>> {
  readonly items: readonly T[];
  readonly codes: readonly [C, ...C[]];
  readonly schema: z.ZodEnum<{ [K in C]: K }>;
  has(code: string): code is C;
  get(code: C): T;
  find(code: string): T | undefined;
  label(code: C, locale?: Locale): string;
}

/** Builds a CodeList from its items; throws at load time on a duplicate code or an empty label. */
export function defineCodeList<const T extends Labelled>(items: readonly T[]): CodeList<T['code'], T> {
  type C = T['code'];
  const byCode = new Map<string, T>();
  for (const item of items) {
    if (byCode.has(item.code)) throw new Error(`duplicate code in taxonomy: ${item.code}`);
    if (!item.zh.trim() || !item.en.trim()) throw new Error(`missing label for taxonomy code: ${item.code}`);
    byCode.set(item.code, item);
  }
  if (items.length === 0) throw new Error('a code list needs at least one code');
  const codes = items.map((i) => i.code) as unknown as readonly [C, ...C[]];
  const schema = z.enum(codes as unknown as [C, ...C[]]) as unknown as z.ZodEnum<{ [K in C]: K }>;
  const get = (code: C): T => {
    const item = byCode.get(code);
    if (!item) throw new Error(`unknown taxonomy code: ${code}`);
    return item;
  };
  return {
    items,
    codes,
    schema,
    has: (code: string): code is C => byCode.has(code),
    get,
    find: (code: string) => byCode.get(code),
    label: (code: C, locale?: Locale) => labelOf(get(code), locale),
  };
}
