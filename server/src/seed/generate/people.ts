/** Person names and e-mail addresses on reserved example domains (RFC 2606), never a real mailbox. */
import { Random, WeightedTable } from './random.js';
import { givenChars, surnames } from './vocabulary/names.js';

export interface PersonName {
  zh: string;
  /** Lower-case pinyin, surname first, for e-mail addresses: 'wang.fang'. */
  latin: string;
}

const surnameTable = new WeightedTable(
  surnames.map(([zh, py, weight]) => [[zh, py] as const, weight] as const),
);

/** A plausible Chinese name: a common surname and a one- or two-character given name. */
export function personName(r: Random): PersonName {
  const [surname, surnameLatin] = surnameTable.pick(r);
  const first = r.pick(givenChars);
  const second = r.chance(0.6) ? r.pick(givenChars) : undefined;
  const given = second ? first[0] + second[0] : first[0];
  const givenLatin = second ? first[1] + second[1] : first[1];
  return { zh: surname + given, latin: `${surnameLatin}.${givenLatin}` };
}

/** Reserved domains by role, so the accounts of a role are easy to tell apart in a database. */
export const emailDomains = {
  resident: 'example.org',
  organization: 'example.net',
  funder: 'example.com',
} as const;

/** A unique address: the running number keeps two people with the same name apart. */
export function emailFor(name: PersonName, serial: number, domain: string): string {
  return `${name.latin}.${serial}@${domain}`;
}

/**
 * A Shanghai landline in the usual form (021 + 8 digits) that reaches nobody: no local number in Shanghai starts
 * with 0 after the area code, so a generated number can never be someone's real line.
 */
export function landline(r: Random): string {
  return `021-0${String(r.int(0, 9_999_999)).padStart(7, '0')}`;
}
