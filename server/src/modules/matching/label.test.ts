import { describe, expect, it } from 'vitest';
import { LABEL_THRESHOLDS, matchLabel, SHARED_TEXT } from './label.js';

describe('match labels', () => {
  const common = { text: 0.6, sharedDomains: 1 };
  const nothingShared = { text: SHARED_TEXT - 0.01, sharedDomains: 0 };

  it('switch at the calibrated thresholds', () => {
    expect(matchLabel(LABEL_THRESHOLDS.high, common)).toBe('high');
    expect(matchLabel(LABEL_THRESHOLDS.high - 1, common)).toBe('mid');
    expect(matchLabel(LABEL_THRESHOLDS.mid, common)).toBe('mid');
    expect(matchLabel(LABEL_THRESHOLDS.mid - 1, common)).toBe('low');
  });

  it('never say 很合适 without shared words or a shared domain, however high the score', () => {
    expect(matchLabel(100, nothingShared)).toBe('mid');
    expect(matchLabel(76, { text: 0, sharedDomains: 0 })).toBe('mid');
    expect(matchLabel(76, { text: SHARED_TEXT, sharedDomains: 0 })).toBe('high');
    expect(matchLabel(76, { text: 0, sharedDomains: 1 })).toBe('high');
  });
});
