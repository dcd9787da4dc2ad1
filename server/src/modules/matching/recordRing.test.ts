import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detach, RecordRing } from './recordRing.js';

/** A record's words, told apart by its key's number. */
const contentOf = (key: number, length: number) => Array.from({ length }, (_, i) => key * 1000 + i);

describe('a ring of records', () => {
  it('keeps the newest records whole, forgets the oldest first, and stays within its bytes', () => {
    const ring = fc.record({
      bytes: fc.integer({ min: 16, max: 800 }),
      lengths: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 120 }),
    });
    fc.assert(
      fc.property(ring, ({ bytes, lengths }) => {
        const r = new RecordRing(bytes);
        const stored: number[] = [];
        lengths.forEach((length, key) => {
          const place = r.put(String(key), length);
          if (!place) {
            // Only a record larger than the whole ring is refused.
            expect(2 + length + (length & 1)).toBeGreaterThan(Math.floor(bytes / 8) * 2);
            return;
          }
          place.words.set(contentOf(key, length), place.at);
          stored.push(key);
          // What it holds is the newest records stored, each as written, and no more than fits.
          const held = stored.filter((k) => r.get(String(k)));
          expect(held).toEqual(stored.slice(stored.length - held.length));
          expect(held.at(-1)).toBe(key);
          let words = 0;
          for (const k of held) {
            const at = r.get(String(k))!.at;
            expect(Array.from(r.words.subarray(at, at + lengths[k]!))).toEqual(contentOf(k, lengths[k]!));
            words += 2 + lengths[k]! + (lengths[k]! & 1);
          }
          expect(words).toBeLessThanOrEqual(r.words.length);
          expect(r.size).toBe(held.length);
        });
      }),
    );
  });

  it('reads a record as floats where it was written as floats', () => {
    const r = new RecordRing(1024);
    r.put('a', 3);
    const place = r.put('b', 4)!;
    r.floats[place.at / 2] = Math.PI;
    r.floats[place.at / 2 + 1] = -1 / 3;
    const copy = detach(place.words, place.at, 4);
    expect([...copy.floats]).toEqual([Math.PI, -1 / 3]);
  });

  it('forgets every record when cleared, and takes new ones after', () => {
    const r = new RecordRing(256);
    for (let k = 0; k < 5; k++) r.put(String(k), 6);
    r.clear();
    expect(r.size).toBe(0);
    expect(r.get('4')).toBeUndefined();
    const place = r.put('x', 6)!;
    expect(place.at).toBe(2);
    expect(r.get('x')!.at).toBe(2);
  });
});
