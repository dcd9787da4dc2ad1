import type { Request } from 'express';
import { defaultLocale, type Locale } from '@app/shared';

/** The caller's language: an explicit `locale`, else Accept-Language, else Chinese. */
export function localeOf(req: Request, explicit?: Locale): Locale {
  if (explicit) return explicit;
  const accepted = req.acceptsLanguages('zh-CN', 'zh', 'en');
  return accepted === 'en' ? 'en' : defaultLocale;
}
