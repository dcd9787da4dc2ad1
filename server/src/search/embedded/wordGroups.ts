/**
 * The scores of frequent query words, kept between searches. A query word's scores (its best alternative per
 * listing: the word, its synonyms, its prefix completions and its label codes) do not depend on the filters, only
 * on what the index holds: a query narrowed by side and district reads the postings of every listing holding the
 * word and sets aside most of them. A word asked for again (people repeat searches, and a handful of words make
 * most of them) keeps its scores over every live listing, in the order the scoring lists them, so the next search
 * that asks for it passes over those instead of the postings of all its alternatives. Any write to the index
 * changes the scores (BM25's rarities and average lengths), so a write forgets them all (`clear`).
 *
 * Only words whose scores cover at least MIN_KEPT listings are kept (a rare word's postings are few: reading
 * them again costs little), within a budget of bytes; the word used longest ago goes first.
 */
import { wordsFor } from './bitset.js';
import type { ScoreBuffer } from './textIndex.js';

/** A word's scores over every live listing, as the scoring of the word lists them. */
export interface WordGroup {
  /** Slots holding the word (by any alternative), in the order the scoring of the word first reached them. */
  slots: Int32Array;
  /** The word's score of each of those slots. */
  scores: Float64Array;
  /** The index terms (and label words) the word reached, in the order its scoring found them. */
  terms: readonly string[];
  /** One bit per slot: whether the slot holds the word. */
  bits: Uint32Array;
}

/** A word is kept when its scores cover this many listings; below, its postings are cheap to read again. */
export const MIN_KEPT = 256;
/** The bytes the kept words may take (slots, scores and bits). */
export const KEPT_BYTES = 16 * 1024 * 1024;
/** How many words are counted as seen before the count starts over (a bound on the count's own memory). */
const MAX_SEEN = 10_000;

const bytesOf = (group: WordGroup) =>
  group.slots.byteLength + group.scores.byteLength + group.bits.byteLength;

export class WordGroups {
  /** In the order they were last used (a Map keeps insertion order): the first is the next to go. */
  private readonly kept = new Map<string, WordGroup>();
  /** Words seen since the last write, with how often; -1: its scores are too few to keep. */
  private readonly seen = new Map<string, number>();
  private bytes = 0;

  constructor(
    private readonly budget = KEPT_BYTES,
    private readonly minKept = MIN_KEPT,
  ) {}

  /** The kept scores of a word, if any (and the word becomes the last one used). */
  get(word: string): WordGroup | undefined {
    const group = this.kept.get(word);
    if (group) {
      this.kept.delete(word);
      this.kept.set(word, group);
    }
    return group;
  }

  /** Counts one more search for a word; true when its scores are worth computing over every listing and keeping. */
  wanted(word: string): boolean {
    const times = this.seen.get(word) ?? 0;
    if (times < 0) return false;
    if (this.seen.size >= MAX_SEEN) this.seen.clear();
    this.seen.set(word, times + 1);
    return times + 1 >= 2;
  }

  /**
   * Keeps a word's scores, from the buffer that holds them over every live listing (`slotCount` slots); a word
   * reaching fewer than `minKept` listings is remembered as not worth keeping instead.
   */
  keep(word: string, buffer: ScoreBuffer, terms: readonly string[], slotCount: number): void {
    const { touched } = buffer;
    if (touched.length < this.minKept) {
      this.seen.set(word, -1);
      return;
    }
    const slots = Int32Array.from(touched);
    const scores = new Float64Array(slots.length);
    const bits = new Uint32Array(wordsFor(slotCount));
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      scores[i] = buffer.scores[slot]!;
      bits[slot >>> 5]! |= 1 << (slot & 31);
    }
    const group: WordGroup = { slots, scores, terms: [...terms], bits };
    const size = bytesOf(group);
    if (size > this.budget) {
      this.seen.set(word, -1);
      return;
    }
    this.forget(word);
    for (const [oldest] of this.kept) {
      if (this.bytes + size <= this.budget) break;
      this.forget(oldest);
    }
    this.kept.set(word, group);
    this.bytes += size;
  }

  private forget(word: string): void {
    const group = this.kept.get(word);
    if (!group) return;
    this.kept.delete(word);
    this.bytes -= bytesOf(group);
  }

  /** Forgets every kept word and every count (the index changed). */
  clear(): void {
    this.kept.clear();
    this.seen.clear();
    this.bytes = 0;
  }

  /** Words kept now, and their bytes. */
  get size(): { words: number; bytes: number } {
    return { words: this.kept.size, bytes: this.bytes };
  }
}

/**
 * Puts into an empty buffer the kept scores of the allowed slots (all when `allowed` is null), in the kept order:
 * exactly the scores and order the scoring of the word under these filters gives.
 */
export function fillAllowed(group: WordGroup, allowed: Uint32Array | null, into: ScoreBuffer): void {
  const { slots, scores } = group;
  const out = into.scores;
  const touched = into.touched;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    if (allowed !== null && ((allowed[slot >>> 5]! >>> (slot & 31)) & 1) === 0) continue;
    out[slot] = scores[i]!;
    touched.push(slot);
  }
}

/** Set bits in a 32-bit word. */
function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * The listings holding every word of a query whose words are all kept, summed into an empty buffer: what filling
 * each word's allowed scores (`fillAllowed`) and summing them over the word with the fewest allowed slots gives,
 * the same slots in the same order with the same sums, without writing every allowed slot of every word. The
 * slots held by all words and allowed are found on the bitsets (`n` words of 32 slots); each word's kept slots are
 * then read once and only those slots' scores added, in the order of the words. False, with the buffer left
 * empty, when no allowed listing holds them all.
 */
export function sumAllKept(
  groups: readonly WordGroup[],
  allowed: Uint32Array | null,
  n: number,
  into: ScoreBuffer,
): boolean {
  const both = allowed === null ? new Uint32Array(n) : allowed.slice(0, n);
  if (allowed === null) both.set(groups[0]!.bits.subarray(0, n));
  // The word with the fewest allowed slots (the first of equals) orders the result, as its buffer's slots would.
  let smallest = 0;
  let fewest = Infinity;
  for (let g = 0; g < groups.length; g++) {
    const bits = groups[g]!.bits;
    const end = Math.min(n, bits.length);
    let count = 0;
    if (allowed === null) for (let w = 0; w < end; w++) count += popcount(bits[w]!);
    else for (let w = 0; w < end; w++) count += popcount(bits[w]! & allowed[w]!);
    if (count < fewest) {
      fewest = count;
      smallest = g;
    }
    for (let w = 0; w < n; w++) both[w]! &= w < end ? bits[w]! : 0;
  }
  let any = 0;
  for (let w = 0; w < n; w++) any |= both[w]!;
  if (any === 0) return false;
  const out = into.scores;
  const touched = into.touched;
  for (let g = 0; g < groups.length; g++) {
    const { slots, scores } = groups[g]!;
    const ordering = g === smallest;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      if (((both[slot >>> 5]! >>> (slot & 31)) & 1) === 0) continue;
      out[slot] = out[slot]! + scores[i]!;
      if (ordering) touched.push(slot);
    }
  }
  return true;
}
