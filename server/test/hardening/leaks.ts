/** What no answer may carry: stored secrets by their field names, and (to strangers) other people's contact data. */
import type { Actor } from './world.js';

/** Fields of stored records that never leave the server, at any depth. */
export const SECRET_FIELDS = [
  'passwordHash',
  'codeHash',
  'storageKey',
  'failedLogins',
  'lockedUntil',
  'authVersion',
  'invitations',
  'csrfToken',
  '__v',
];

/** The path of the first secret field found in a JSON value. */
export function findSecretField(value: unknown, path = ''): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (SECRET_FIELDS.includes(key)) return here;
    const found = findSecretField(child, here);
    if (found) return found;
  }
  return undefined;
}

/** Contact data of these people (e-mail, phone, their organization's contact fields) found in a text. */
export function findContactOf(people: Actor[], text: string): string | undefined {
  for (const person of people) {
    const values = [person.user.email, person.user.phone, person.org?.phone, person.org?.contactEmail];
    for (const value of values) if (value && text.includes(String(value))) return `${person.role}: ${value}`;
  }
  return undefined;
}
