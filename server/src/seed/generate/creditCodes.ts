/**
 * Valid unified social credit codes (GB 32100-2015) for generated organizations: registration authority and type,
 * a real Shanghai region code, a 9-character organization code (GB 11714, with its own check character) and the
 * code's check character from the shared taxonomy.
 */
import { creditCodeCheckChar, type OrgType } from '@app/shared';
import type { Random } from './random.js';

/** Characters allowed in a credit code besides the check digit: no I, O, S, V or Z. */
const CODE_LETTERS = 'ABCDEFGHJKLMNPQRTUWXY';
const DIGITS = '0123456789';
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** The GB 11714 check character of an 8-character organization code body. */
export function organizationCodeCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body[i]!;
    const value = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55; // A = 10 … Z = 35
    sum += value * ORG_CODE_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Who issues the code: 民政 (5) for social organizations, 市场监管 (9) for companies, 司法行政 (3) for law firms. */
export type Issuer = 'civil-affairs' | 'market' | 'justice';

const chars = (r: Random, alphabet: string, n: number) => {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(r.next() * alphabet.length)]!;
  return out;
};

/** The 8-character body the issuer hands out today (MJ… for social organizations, MA… for companies). */
function organizationCodeBody(r: Random, issuer: Issuer): string {
  if (issuer === 'justice') return `E${chars(r, DIGITS, 7)}`;
  if (issuer === 'civil-affairs') {
    return r.chance(0.8)
      ? `MJ${chars(r, DIGITS, 1)}${chars(r, DIGITS + CODE_LETTERS.slice(0, 8), 5)}`
      : `50${chars(r, DIGITS, 6)}`;
  }
  return r.chance(0.6) ? `MA1${chars(r, DIGITS + CODE_LETTERS, 5)}` : `${r.int(1, 7)}${chars(r, DIGITS, 7)}`;
}

/** The credit code type character for an organization type (GB 32100-2015 table 1). */
function typeChar(type: OrgType, issuer: Issuer): string {
  if (issuer === 'justice') return '1'; // 律师事务所
  if (type === 'social-group') return '1';
  if (type === 'social-service') return '2';
  if (type === 'foundation') return '3';
  return '1'; // 企业
}

/** A valid credit code; `region` is a 6-digit Shanghai region code (310000 for the city, else a district). */
export function creditCode(r: Random, type: OrgType, issuer: Issuer, region: string): string {
  const authority = issuer === 'civil-affairs' ? '5' : issuer === 'market' ? '9' : '3';
  const body = organizationCodeBody(r, issuer);
  const first17 = `${authority}${typeChar(type, issuer)}${region}${body}${organizationCodeCheck(body)}`;
  return first17 + creditCodeCheckChar(first17);
}
