/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters =
 * registration authority (1) + organization type (1) + region code of the registering office (6) +
 * organization code body (9, GB 11714) + check character (1).
 *
 * Input is normalized to upper case before checking (after trimming): the code's alphabet has no letters whose
 * case matters, and people copy codes in lower case. The canonical, stored form is upper case.
 */
import { z } from 'zod';
import type { OrgType } from './organizations.js';

/** The code's 31 characters: digits and capitals without I, O, Z, S and V; a character's value is its index. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Registration authorities (first character) and the organization types (second character) each may issue. */
const AUTHORITY_TYPES: Record<string, string> = {
  '1': '1239', // 机构编制
  '2': '19', // 外交
  '3': '123459', // 司法行政
  '4': '19', // 文化
  '5': '1239', // 民政
  '6': '129', // 旅游
  '7': '129', // 宗教
  '8': '19', // 工会
  '9': '123', // 工商 / 市场监管
  A: '19', // 中央军委改革和编制办公室
  N: '1239', // 农业
  Y: '1', // 其他
};

/** First two digits of a province-level region code; 10 appears only as 100000, national registration. */
const PROVINCES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(
    ' ',
  ),
);

export type CreditCodeProblem = 'length' | 'characters' | 'authority' | 'type' | 'region' | 'check';

export type CreditCodeCheck =
  | { ok: true; code: string; authority: string; type: string; region: string }
  | { ok: false; problem: CreditCodeProblem; message: string };

/** Trims and upper-cases a credit code as typed; the result is the canonical form when the code is valid. */
export function normalizeCreditCode(input: string): string {
  return input.trim().toUpperCase();
}

/** The check character for the first 17 characters of a code (which must be from the code's alphabet). */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('the check character is computed over exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]!);
    if (value < 0) throw new Error(`not a credit-code character: ${first17[i]}`);
    sum += value * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Checks a credit code position by position and says what is wrong first. */
export function checkCreditCode(input: string): CreditCodeCheck {
  const code = normalizeCreditCode(input);
  const fail = (problem: CreditCodeProblem, message: string): CreditCodeCheck => ({
    ok: false,
    problem,
    message,
  });
  if (code.length !== 18) return fail('length', 'must be 18 characters');
  for (const ch of code) {
    if (!ALPHABET.includes(ch))
      return fail('characters', `contains a character not used in credit codes: ${ch}`);
  }
  const types = AUTHORITY_TYPES[code[0]!];
  if (!types) return fail('authority', `unknown registration authority: ${code[0]}`);
  if (!types.includes(code[1]!)) {
    return fail('type', `organization type ${code[1]} is not issued by authority ${code[0]}`);
  }
  const region = code.slice(2, 8);
  const regionOk = /^\d{6}$/.test(region) && (PROVINCES.has(region.slice(0, 2)) || region === '100000');
  if (!regionOk) return fail('region', `characters 3-8 must be an administrative region code: ${region}`);
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17])
    return fail('check', 'the check character does not match');
  return { ok: true, code, authority: code[0]!, type: code[1]!, region };
}

/** Whether a credit code is well formed with a correct check character (lower case accepted). */
export function isValidCreditCode(input: string): boolean {
  return checkCreditCode(input).ok;
}

/** A credit code as typed by a person (trimmed, any case); outputs the canonical upper-case form. */
export const creditCodeSchema = z
  .string()
  .max(40)
  .trim()
  .toUpperCase()
  .superRefine((code, ctx) => {
    const result = checkCreditCode(code);
    if (!result.ok)
      ctx.addIssue({ code: 'custom', message: `invalid unified social credit code: ${result.message}` });
  })
  .describe('18-character unified social credit code (GB 32100-2015) with a valid check character');

/** The organization type a valid credit code implies (民政 51/52/53, 工商 91), if it implies one. */
export function orgTypeOfCreditCode(code: string): OrgType | undefined {
  const prefixes: Record<string, OrgType> = {
    '51': 'social-group',
    '52': 'social-service',
    '53': 'foundation',
    '91': 'enterprise',
  };
  return prefixes[normalizeCreditCode(code).slice(0, 2)];
}
