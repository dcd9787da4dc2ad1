/**
 * Whether a listing's title holds a query word, remembered per word. The title boost (engine.ts) asks it of the
 * best 2,000 matches of every query that has words; the answer for a title and a word never changes until the
 * listing does, and people ask for the same words again and again. Each word remembered has two bitsets over
 * the slots: which slots were checked, and of those, which titles hold the word. A write to a slot forgets that
 * slot's checks (`forgetSlot`), not the words: a check depends on the listing's own title only. Up to
 * MAX_WORDS words are remembered; the next one starts the memory over.
 */
import { wordsFor } from './bitset.js';

/** The remembered checks of one word (or phrase): `checked` and, among those, `holds`, one bit per slot. */
export interface TitleCheck {
  readonly text: string;
  checked: Uint32Array;
  holds: Uint32Array;
}

/** Words remembered at once (two bitsets of 12.5 KB each at 100,000 slots: 6.4 MB in all). */
export const MAX_WORDS = 256;

export class TitleChecks {
  private readonly checks = new Map<string, TitleCheck>();

  constructor(private readonly maxWords = MAX_WORDS) {}

  /** The remembered checks of a word, its bitsets reaching `slotCount` slots. */
  of(text: string, slotCount: number): TitleCheck {
    let check = this.checks.get(text);
    if (!check) {
      if (this.checks.size >= this.maxWords) this.checks.clear();
      check = { text, checked: new Uint32Array(0), holds: new Uint32Array(0) };
      this.checks.set(text, check);
    }
    const words = wordsFor(slotCount);
    if (check.checked.length < words) {
      const size = Math.max(words, check.checked.length * 2);
      const checked = new Uint32Array(size);
      checked.set(check.checked);
      const holds = new Uint32Array(size);
      holds.set(check.holds);
      check.checked = checked;
      check.holds = holds;
    }
    return check;
  }

  /** Forgets every word's check of a slot (its listing was written or removed). */
  forgetSlot(slot: number): void {
    const w = slot >>> 5;
    const keep = ~(1 << (slot & 31));
    for (const check of this.checks.values()) {
      if (w < check.checked.length) check.checked[w]! &= keep;
    }
  }

  /** Words remembered now. */
  get size(): number {
    return this.checks.size;
  }
}

/**
 * Whether the slot's title holds the check's word: remembered, or found with `titleOf` (the title as the boost
 * compares it) and remembered. The slot must be below the `slotCount` the check was taken with.
 */
export function titleHolds(check: TitleCheck, slot: number, titleOf: (slot: number) => string): boolean {
  const w = slot >>> 5;
  const bit = 1 << (slot & 31);
  if ((check.checked[w]! & bit) !== 0) return (check.holds[w]! & bit) !== 0;
  const holds = titleOf(slot).includes(check.text);
  check.checked[w]! |= bit;
  if (holds) check.holds[w]! |= bit;
  else check.holds[w]! &= ~bit;
  return holds;
}
