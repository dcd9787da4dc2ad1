import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecentlyRead, forgetFromElsewhere, type Forgetting } from './recentlyRead.js';

let made = 0;
const cache = (freshMs = 1000, maxEntries = 100) =>
  new RecentlyRead<{ v: number }>(`test-${made++}`, { freshMs, maxEntries });

afterEach(() => vi.useRealTimers());

describe('RecentlyRead', () => {
  it('answers a record kept moments ago, and no longer once it is older than freshMs', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const c = cache(1000);
    c.keep('a', { v: 1 }, c.beginRead());
    expect(c.peek('a')).toEqual({ v: 1 });
    vi.advanceTimersByTime(999);
    expect(c.peek('a')).toEqual({ v: 1 });
    vi.advanceTimersByTime(1);
    expect(c.peek('a')).toBeUndefined();
  });

  it('does not keep what a read found when a forget came while it ran (a write raced it)', () => {
    const c = cache();
    const began = c.beginRead();
    c.forget({ keys: ['other'] });
    c.keep('a', { v: 1 }, began);
    expect(c.peek('a')).toBeUndefined();
    c.keep('a', { v: 2 }, c.beginRead());
    expect(c.peek('a')).toEqual({ v: 2 });
  });

  it('forgets by key, by tag, or everything', () => {
    const c = cache();
    c.keep('s1', { v: 1 }, c.beginRead(), 'user-1');
    c.keep('s2', { v: 2 }, c.beginRead(), 'user-1');
    c.keep('s3', { v: 3 }, c.beginRead(), 'user-2');
    c.keep('s4', { v: 4 }, c.beginRead());
    c.forget({ keys: ['s4'] });
    expect(c.peek('s4')).toBeUndefined();
    c.forget({ tags: ['user-1'] });
    expect([c.peek('s1'), c.peek('s2'), c.peek('s3')]).toEqual([undefined, undefined, { v: 3 }]);
    c.forgetAll();
    expect(c.peek('s3')).toBeUndefined();
  });

  it('drops the oldest record beyond maxEntries', () => {
    const c = cache(1000, 2);
    for (const key of ['a', 'b', 'c']) c.keep(key, { v: 0 }, c.beginRead());
    expect([c.peek('a'), c.peek('b'), c.peek('c')]).toEqual([undefined, { v: 0 }, { v: 0 }]);
  });

  it('tells its listeners of forgets made here, not of those that came from elsewhere', () => {
    const c = cache();
    const told: Forgetting[] = [];
    const off = c.onForget((f) => told.push(f));
    c.keep('a', { v: 1 }, c.beginRead(), 'u');
    c.keep('b', { v: 2 }, c.beginRead());
    c.forget({ keys: ['x'] });
    c.forgetAll();
    forgetFromElsewhere(c.name, { tags: ['u'] });
    forgetFromElsewhere(c.name, {});
    expect(told).toEqual([{ keys: ['x'] }, {}]);
    // A forgetting from elsewhere acts all the same, and `{}` is all of it.
    c.keep('a', { v: 1 }, c.beginRead(), 'u');
    forgetFromElsewhere(c.name, { tags: ['u'] });
    expect(c.peek('a')).toBeUndefined();
    c.keep('b', { v: 2 }, c.beginRead());
    forgetFromElsewhere(c.name, {});
    expect(c.peek('b')).toBeUndefined();
    off();
    c.forget({ keys: ['y'] });
    expect(told).toHaveLength(2);
  });

  it('ignores a forget naming nothing, so that it never reaches another process as "forget all"', () => {
    const c = cache();
    const told: Forgetting[] = [];
    c.onForget((f) => told.push(f));
    c.keep('a', { v: 1 }, c.beginRead());
    c.forget({ keys: [] });
    expect(c.peek('a')).toEqual({ v: 1 });
    expect(told).toEqual([]);
  });
});
