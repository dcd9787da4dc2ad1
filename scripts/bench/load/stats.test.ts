import { describe, expect, it } from 'vitest';
import { latencyOverTime, WorkloadStats } from './stats.js';

describe('latencyOverTime', () => {
  it('puts each call in the slice it started in, leaves out health and calls before the run', () => {
    const stats = new WorkloadStats();
    const begin = 1_000;
    // A stall in the second slice: its calls are slow, the others fast.
    for (let i = 0; i < 100; i++) stats.answer('search', begin + i * 10, 5 + (i % 3));
    for (let i = 0; i < 50; i++) stats.answer('create', begin + 5_000 + i * 10, 4_000 + i);
    stats.answer('health', begin + 5_100, 9_999);
    stats.answer('read', begin - 1, 9_999);
    stats.answer('read', begin + 12_000, 8);

    const slices = latencyOverTime(stats, begin, 5);

    expect(slices.map((s) => [s.fromS, s.calls])).toEqual([
      [0, 100],
      [5, 50],
      [10, 1],
    ]);
    expect(slices[0]).toMatchObject({ p50: 6, max: 7 });
    expect(slices[1]).toMatchObject({ p50: 4_025, p99: 4_049, max: 4_049 });
    expect(slices[2]).toMatchObject({ p50: 8, p99: 8, max: 8 });
    // The operations' own figures still hold every answered call.
    expect(stats.of('search').ms).toHaveLength(100);
    expect(stats.of('health').ms).toEqual([9_999]);
  });

  it('keeps an empty slice in the middle of the run as one with no calls', () => {
    const stats = new WorkloadStats();
    stats.answer('search', 0, 3);
    stats.answer('search', 11_000, 4);
    const slices = latencyOverTime(stats, 0, 5);
    expect(slices.map((s) => s.calls)).toEqual([1, 0, 1]);
  });
});
