/**
 * Sets of slots as bits in 32-bit words: slot s is bit (s & 31) of word (s >>> 5). A filter over 100,000 slots
 * is then about 3,000 word operations instead of 100,000 byte operations, and the slots a set holds are found
 * by jumping from one set bit to the next (Math.clz32) rather than by testing every slot.
 *
 * The functions take plain Uint32Array words so that hot loops stay monomorphic and free of closures.
 */

/** Words needed for `bits` bits. */
export const wordsFor = (bits: number): number => (bits + 31) >>> 5;

/** Whether a slot is in the set (false beyond its words). */
export function hasBit(words: Uint32Array, slot: number): boolean {
  const w = slot >>> 5;
  return w < words.length && ((words[w]! >>> (slot & 31)) & 1) === 1;
}

/** Sets (or clears) a slot's bit; the words must already reach the slot. */
export function markBit(words: Uint32Array, slot: number, on: boolean): void {
  if (on) words[slot >>> 5]! |= 1 << (slot & 31);
  else words[slot >>> 5]! &= ~(1 << (slot & 31));
}

/** target[w] |= source[w] for the first `n` words (words missing from `source` count as 0). */
export function orInto(target: Uint32Array, source: Uint32Array, n: number): void {
  const end = Math.min(n, source.length);
  for (let w = 0; w < end; w++) target[w]! |= source[w]!;
}

/** target[w] &= source[w] for the first `n` words (words missing from `source` count as 0). */
export function andInto(target: Uint32Array, source: Uint32Array, n: number): void {
  const end = Math.min(n, source.length);
  for (let w = 0; w < end; w++) target[w]! &= source[w]!;
  if (end < n) target.fill(0, end, n);
}

/** The set slots in the first `n` words, ascending. */
export function slotsOfBits(words: Uint32Array, n: number = words.length): number[] {
  const out: number[] = [];
  const end = Math.min(n, words.length);
  for (let w = 0; w < end; w++) {
    let word = words[w]! | 0;
    while (word !== 0) {
      const low = word & -word;
      out.push((w << 5) | (31 - Math.clz32(low)));
      word ^= low;
    }
  }
  return out;
}
