import { describe, expect, it } from 'vitest';
import { TitleChecks, titleHolds } from './titleChecks.js';

describe('title checks', () => {
  it('answer as the title does, ask for a title once per word, and ask again after a write to the slot', () => {
    const titles = ['社区助餐服务', '儿童托管', '老人助餐', '助餐'];
    const asked: number[] = [];
    const titleOf = (slot: number) => {
      asked.push(slot);
      return titles[slot % titles.length]!;
    };
    const checks = new TitleChecks();
    for (let round = 0; round < 3; round++) {
      const check = checks.of('助餐', 100);
      for (let slot = 0; slot < 100; slot++) {
        expect(titleHolds(check, slot, titleOf)).toBe(titles[slot % titles.length]!.includes('助餐'));
      }
    }
    expect(asked).toHaveLength(100);
    titles[1] = '儿童助餐';
    checks.forgetSlot(5);
    const check = checks.of('助餐', 100);
    expect(titleHolds(check, 5, titleOf)).toBe(true);
    expect(titleHolds(check, 9, titleOf)).toBe(false); // not written: remembered as it was
    expect(asked).toHaveLength(101);
    // The index grew: the bitsets reach the new slots, and the old checks stay.
    const grown = checks.of('助餐', 5000);
    expect(titleHolds(grown, 4999, titleOf)).toBe(true); // 助餐
    expect(titleHolds(grown, 2, titleOf)).toBe(true);
    expect(asked).toHaveLength(102);
  });

  it('start over when full', () => {
    const checks = new TitleChecks(3);
    for (const word of ['一', '二', '三']) checks.of(word, 10);
    expect(checks.size).toBe(3);
    checks.of('四', 10);
    expect(checks.size).toBe(1);
  });
});
