import { describe, expect, it } from 'vitest';
import { TokenBucket } from './rateLimit.js';

describe('TokenBucket', () => {
  it('allows a burst, refuses beyond it, and refills at the rate', () => {
    let now = 1_000;
    const bucket = new TokenBucket(20, 40, () => now);
    const first = Array.from({ length: 45 }, () => bucket.take());
    expect(first.filter(Boolean)).toHaveLength(40);
    expect(bucket.take()).toBe(false);
    now += 100; // 0.1 s at 20/s: two tokens
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
    now += 60_000; // never more than the burst
    expect(Array.from({ length: 41 }, () => bucket.take()).filter(Boolean)).toHaveLength(40);
  });
});
