import type { Request } from 'express';
import { defaultLocale, isLocale, type Locale } from '@app/shared';

/**
 * The reader's language: an explicit `locale` (a query's), else the account's choice, else Accept-Language, else
 * Chinese.
 */
export function localeOf(req: Request, explicit?: Locale): Locale {
  if (explicit) return explicit;
  const chosen = req.user?.locale;
  if (isLocale(chosen)) return chosen;
  const accepted = req.acceptsLanguages('zh-CN', 'zh', 'en');
  return accepted === 'en' ? 'en' : defaultLocale;
}

/** The language of an account outside a request (a socket): its choice, else the first language its browser asks. */
export function localeOfAccount(
  user: { locale?: string | null } | undefined,
  acceptLanguage?: string,
): Locale {
  if (isLocale(user?.locale)) return user.locale;
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : defaultLocale;
}
