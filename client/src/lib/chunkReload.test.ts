import { describe, expect, it } from 'vitest';
import { isChunkLoadFailure, reloadOnce, type ReloadDeps } from './chunkReload.js';

function fakeBrowser(start = 1_000_000) {
  const stored = new Map<string, string>();
  const loads: string[] = [];
  let time = start;
  const deps: ReloadDeps = {
    storage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v) },
    load: (url) => loads.push(url),
    now: () => time,
  };
  return { deps, loads, advance: (ms: number) => (time += ms) };
}

describe('recovering from a chunk of an older build', () => {
  it('recognises a failed chunk import, and nothing else', () => {
    expect(
      isChunkLoadFailure(new TypeError('Failed to fetch dynamically imported module: /assets/X-1.js')),
    ).toBe(true);
    expect(isChunkLoadFailure(new Error('Unable to preload CSS for /assets/X-1.css'))).toBe(true);
    expect(isChunkLoadFailure(new Error('Cannot read properties of undefined'))).toBe(false);
  });

  it('loads the target address once, and not again right after', () => {
    const browser = fakeBrowser();
    expect(reloadOnce('/matches/1', browser.deps)).toBe(true);
    expect(reloadOnce('/matches/1', browser.deps)).toBe(false);
    expect(browser.loads).toEqual(['/matches/1']);
    // Another address, or the same one much later (another deploy), is tried again.
    expect(reloadOnce('/post', browser.deps)).toBe(true);
    browser.advance(120_000);
    expect(reloadOnce('/matches/1', browser.deps)).toBe(true);
    expect(browser.loads).toEqual(['/matches/1', '/post', '/matches/1']);
  });
});
