import { isLocale, type User } from '@app/shared';
import type { UserRecord } from './model.js';

/** The user to themself: with their email. */
export function presentSelf(user: UserRecord): User {
  return {
    id: String(user._id),
    email: user.email,
    name: user.name,
    role: user.role,
    ...(user.organizationId ? { organizationId: String(user.organizationId) } : {}),
    ...(user.baseId ? { baseId: String(user.baseId) } : {}),
    ...(isLocale(user.locale) ? { locale: user.locale } : {}),
  };
}

/** The user to anyone else: no email, no phone. */
export function presentPublicUser(user: UserRecord): User {
  const { email: _email, locale: _locale, ...rest } = presentSelf(user);
  return rest;
}
