import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  creditCodeCheckChar,
  creditCodeSchema,
  isValidCreditCode,
  normalizeCreditCode,
  orgTypeOfCreditCode,
} from '../index.js';

/** Codes published on the national enterprise credit register for well-known companies. */
const PUBLISHED = {
  huawei: '914403001922038216', // 华为技术有限公司
  tencent: '91440300708461136T', // 深圳市腾讯计算机系统有限公司
  xiaomi: '91110108551385082Q', // 小米科技有限责任公司
  sinopec: '91110000710926094P', // 中国石油化工股份有限公司
  alibaba: '91330100799655058B', // 阿里巴巴（中国）有限公司
};

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid code built from 17 chosen characters plus their computed check character. */
const build = (first17: string) => first17 + creditCodeCheckChar(first17);

const constructed = {
  socialGroup: build('51310104MJ4A1234X'), // a social group registered in 徐汇区
  socialService: build('52310115MJ0012345'), // a social service agency in 浦东新区
  foundation: build('53310000500123456'), // a foundation registered by the city
  national: build('53100000500000123'), // registered nationally (region 100000)
};

describe('the check character (GB 32100-2015)', () => {
  it('matches the published codes of well-known companies', () => {
    for (const code of Object.values(PUBLISHED)) {
      expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
      expect(isValidCreditCode(code)).toBe(true);
    }
  });

  it('maps a remainder of 0 to the check character 0 (31 becomes 0)', () => {
    // Find a body whose weighted sum is a multiple of 31 by varying the last body character.
    const bodies = [...ALPHABET].map((c) => `5131010412345678${c}`);
    const zeroCheck = bodies.find((b) => creditCodeCheckChar(b) === '0');
    expect(zeroCheck).toBeDefined();
    expect(isValidCreditCode(`${zeroCheck}0`)).toBe(true);
  });

  it('refuses to compute over the wrong number of characters or foreign characters', () => {
    expect(() => creditCodeCheckChar('123')).toThrow();
    expect(() => creditCodeCheckChar('5131010412345678I')).toThrow(/not a credit-code character/);
  });
});

describe('isValidCreditCode', () => {
  const valid = [...Object.values(PUBLISHED), ...Object.values(constructed)];

  it('accepts valid codes of every registration shape we meet', () => {
    for (const code of valid) expect(checkCreditCode(code)).toMatchObject({ ok: true, code });
  });

  it('detects every single-character substitution', () => {
    let tried = 0;
    for (const code of valid) {
      for (let i = 0; i < 18; i++) {
        for (const c of ALPHABET + 'IOZSV') {
          if (c === code[i]) continue;
          const corrupted = code.slice(0, i) + c + code.slice(i + 1);
          expect(isValidCreditCode(corrupted), corrupted).toBe(false);
          tried++;
        }
      }
    }
    expect(tried).toBe(valid.length * 18 * 35);
  });

  it('detects every transposition of two different characters among the first 17', () => {
    for (const code of valid) {
      for (let i = 0; i < 17; i++) {
        for (let j = i + 1; j < 17; j++) {
          if (code[i] === code[j]) continue;
          const chars = [...code];
          [chars[i], chars[j]] = [chars[j]!, chars[i]!];
          expect(isValidCreditCode(chars.join('')), `${code} swap ${i},${j}`).toBe(false);
        }
      }
    }
  });

  it('rejects wrong lengths', () => {
    const code = PUBLISHED.huawei;
    expect(checkCreditCode(code.slice(0, 17))).toMatchObject({ ok: false, problem: 'length' });
    expect(checkCreditCode(`${code}0`)).toMatchObject({ ok: false, problem: 'length' });
    expect(checkCreditCode('')).toMatchObject({ ok: false, problem: 'length' });
    // The old 15-digit business registration number is not a credit code.
    expect(isValidCreditCode('440301104001819')).toBe(false);
  });

  it('says which position is wrong', () => {
    expect(checkCreditCode('X14403001922038216')).toMatchObject({ problem: 'authority' });
    expect(checkCreditCode(build('94440300192203821'))).toMatchObject({ problem: 'type' });
    expect(checkCreditCode(build('5Y440300192203821'))).toMatchObject({ problem: 'type' });
    expect(checkCreditCode(build('914A0300192203821'))).toMatchObject({ problem: 'region' });
    expect(checkCreditCode(build('91990300192203821'))).toMatchObject({ problem: 'region' });
    expect(checkCreditCode('9144030019220382I6')).toMatchObject({ problem: 'characters' });
    expect(checkCreditCode('914403001922038217')).toMatchObject({ problem: 'check' });
  });

  it('accepts lower case and surrounding spaces, normalizing to the canonical upper case', () => {
    expect(isValidCreditCode(PUBLISHED.tencent.toLowerCase())).toBe(true);
    expect(isValidCreditCode(`  ${PUBLISHED.xiaomi}\n`)).toBe(true);
    expect(normalizeCreditCode(' 91440300708461136t ')).toBe('91440300708461136T');
    // Spaces inside a code are not tolerated: they are not part of any code.
    expect(isValidCreditCode('914403001922 038216')).toBe(false);
  });
});

describe('creditCodeSchema', () => {
  it('outputs the canonical form of a valid code', () => {
    expect(creditCodeSchema.parse(PUBLISHED.alibaba.toLowerCase())).toBe(PUBLISHED.alibaba);
  });

  it('fails with a message naming the problem', () => {
    const result = creditCodeSchema.safeParse('914403001922038217');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/check character/);
    expect(creditCodeSchema.safeParse(914403001922038216).success).toBe(false);
    expect(creditCodeSchema.safeParse('9'.repeat(1000)).success).toBe(false);
  });
});

describe('orgTypeOfCreditCode', () => {
  it('reads the organization type the civil-affairs and business prefixes imply', () => {
    expect(orgTypeOfCreditCode(constructed.socialGroup)).toBe('social-group');
    expect(orgTypeOfCreditCode(constructed.socialService)).toBe('social-service');
    expect(orgTypeOfCreditCode(constructed.foundation)).toBe('foundation');
    expect(orgTypeOfCreditCode(PUBLISHED.huawei)).toBe('enterprise');
    expect(orgTypeOfCreditCode(build('12310000425000000'))).toBeUndefined();
  });
});
