import type { Locale } from '@app/shared';
import { messageCatalog, thingNames } from './catalog.js';

export { messageCatalog, thingNames };
export type MessageKey = keyof typeof messageCatalog;
export type ThingName = keyof typeof thingNames;
/** Words already in both languages (matching's reasons carry them so). */
export type LocalizedText = Record<Locale, string>;
export type MessageParam = string | number | LocalizedText;
export type MessageParams = Record<string, MessageParam>;
/** A message as services make it: a catalog key with its parameters, or words already in both languages. */
export type Message = MessageKey | { key: MessageKey; params?: MessageParams } | LocalizedText;

const isLocalized = (value: unknown): value is LocalizedText =>
  typeof value === 'object' && value !== null && 'zh-CN' in value && 'en' in value;

/** The message in the reader's language, its `{name}` parameters filled in. */
export function translate(message: Message, locale: Locale): string {
  if (isLocalized(message)) return message[locale];
  const { key, params } = typeof message === 'string' ? { key: message, params: undefined } : message;
  const template: string = messageCatalog[key]?.[locale] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params?.[name];
    if (value === undefined) return whole;
    return isLocalized(value) ? value[locale] : String(value);
  });
}
