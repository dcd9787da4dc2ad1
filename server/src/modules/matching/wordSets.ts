/**
 * Sets of words and of characters kept as sorted numbers, for the words text relevance caches per listing: a
 * `Set` of strings cost about 3 KiB an offer (20,000 cached offers, about 55 MiB at 100,000 listings), the same
 * words as numbers a few hundred bytes. Each distinct word gets a number the first time it is seen, for the life
 * of the process; a set is a sorted `Uint32Array`, asked by binary search.
 */

const numbers = new Map<string, number>();
/** Past this many distinct words the numbering starts over (the caches holding old numbers are told to empty). */
const MOST_WORDS = 1_000_000;
const restarts: (() => void)[] = [];

/** Calls `forget` when the numbering starts over: sets made before then no longer mean the same words. */
export function onWordNumbersReset(forget: () => void): void {
  restarts.push(forget);
}

/**
 * Starts the numbering over once it holds `MOST_WORDS`. Called where a scoring begins, never inside one: the
 * sets a scoring compares must all have been numbered in the same run (a scoring runs without awaiting).
 */
export function renumberWhenFull(): void {
  if (numbers.size < MOST_WORDS) return;
  numbers.clear();
  for (const forget of restarts) forget();
}

/** The word's number (a new one for a word not seen before). */
export function wordNumber(word: string): number {
  let n = numbers.get(word);
  if (n === undefined) {
    n = numbers.size;
    numbers.set(word, n);
  }
  return n;
}

/** Sorted, without repeats. */
export function sortedSet(values: number[]): Uint32Array {
  const sorted = Uint32Array.from(values).sort();
  let kept = 0;
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[kept - 1]) sorted[kept++] = sorted[i]!;
  return kept === sorted.length ? sorted : sorted.slice(0, kept);
}

/** The words as a set of their numbers. */
export const wordSet = (words: Iterable<string>): Uint32Array => sortedSet([...words].map(wordNumber));

/** The characters (code points) as a set. */
export const characterSet = (chars: Iterable<string>): Uint32Array =>
  sortedSet([...chars].map((c) => c.codePointAt(0)!));

/** Whether the sorted set holds the number. */
export function holds(set: Uint32Array, value: number): boolean {
  let low = 0;
  let high = set.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = set[mid]!;
    if (at === value) return true;
    if (at < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/**
 * Marks, for each number of the sorted `wanted` whose mark is still 0, `mark` when the sorted set holds it: one walk
 * along both, where asking the set for each number would search it again every time. `marks` is by position in
 * `wanted`'s order as `order` gives it (the number at `wanted[k]` is the one at `order[k]`).
 */
export function markHeld(
  wanted: Uint32Array,
  order: Uint32Array,
  set: Uint32Array,
  marks: Uint8Array,
  mark: number,
): void {
  let i = 0;
  let j = 0;
  while (i < wanted.length && j < set.length) {
    const a = wanted[i]!;
    const b = set[j]!;
    if (a < b) i++;
    else if (a > b) j++;
    else {
      const at = order[i]!;
      if (marks[at] === 0) marks[at] = mark;
      i++;
      j++;
    }
  }
}
