import { createI18n } from 'vue-i18n';
import zhCN, { type MessageSchema } from './zh-CN.js';

export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const;
export type AppLocale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: AppLocale = 'zh-CN';

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** The one i18n instance; zh-CN is bundled, other languages load when first chosen. */
export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: DEFAULT_LOCALE,
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': zhCN } as Record<AppLocale, MessageSchema>,
});

const loaders: Record<AppLocale, () => Promise<MessageSchema>> = {
  'zh-CN': async () => zhCN,
  en: async () => (await import('./en.js')).default,
};

/** Switches the interface language, loading its messages first, and keeps `<html lang>` truthful. */
export async function setLocale(locale: AppLocale): Promise<void> {
  if (!i18n.global.availableLocales.includes(locale)) {
    i18n.global.setLocaleMessage(locale, await loaders[locale]());
  }
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
}
