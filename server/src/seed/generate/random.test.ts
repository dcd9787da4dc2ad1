import { describe, expect, it } from 'vitest';
import { hashSeed, Random, WeightedTable } from './random.js';

describe('the seeded generator', () => {
  it('repeats its sequence for a seed and differs for another', () => {
    const draw = (seed: number | string) => {
      const r = new Random(seed);
      return Array.from({ length: 8 }, () => r.uint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw('demo')).toEqual(draw('demo'));
    expect(draw(42)).not.toEqual(draw(43));
    expect(hashSeed(42)).toBe(hashSeed('42'));
  });

  it('keeps floats in [0, 1) and integers within their inclusive bounds, hitting both ends', () => {
    const r = new Random(1);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = r.int(3, 7);
      expect(Number.isInteger(n) && n >= 3 && n <= 7).toBe(true);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('spreads draws evenly (each of ten buckets within 5% of its share)', () => {
    const r = new Random('uniform');
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) buckets[Math.floor(r.next() * 10)]!++;
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('picks by weight and never picks a zero weight', () => {
    const r = new Random(7);
    const table = new WeightedTable([
      ['a', 1],
      ['b', 3],
      ['never', 0],
    ] as const);
    const counts: Record<string, number> = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 40_000; i++) counts[table.pick(r)]!++;
    expect(counts.never).toBe(0);
    expect(counts.b! / counts.a!).toBeGreaterThan(2.8);
    expect(counts.b! / counts.a!).toBeLessThan(3.2);
    expect(() => new WeightedTable([['x', 0]])).toThrow();
  });

  it('samples distinct elements and shuffles without losing any', () => {
    const r = new Random(3);
    const items = Array.from({ length: 20 }, (_, i) => i);
    const sample = r.sample(items, 5);
    expect(new Set(sample).size).toBe(5);
    expect(r.sample(items, 50)).toHaveLength(20);
    const shuffled = r.shuffle(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffled).not.toEqual(items);
  });

  it('draws normal values with the mean and spread asked for', () => {
    const r = new Random('normal');
    const values = Array.from({ length: 50_000 }, () => r.normal(10, 2));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    expect(Math.abs(mean - 10)).toBeLessThan(0.05);
    expect(Math.abs(sd - 2)).toBeLessThan(0.05);
    for (let i = 0; i < 1000; i++) {
      const n = r.normalInt(5, 10, 1, 8);
      expect(n >= 1 && n <= 8 && Number.isInteger(n)).toBe(true);
    }
  });

  it('forks independent streams: a fork does not replay its parent', () => {
    const parent = new Random(9);
    const child = parent.fork('child');
    const a = Array.from({ length: 5 }, () => parent.uint32());
    const b = Array.from({ length: 5 }, () => child.uint32());
    expect(a).not.toEqual(b);
  });
});
