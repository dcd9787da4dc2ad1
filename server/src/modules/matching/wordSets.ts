/**
 * Sets of words and of characters kept as sorted numbers, for the words text relevance caches per listing: a
 * `Set` of strings cost about 3 KiB an offer (20,000 cached offers, about 55 MiB at 100,000 listings), the same
 * words as numbers a few hundred bytes. Each distinct word gets a number the first time it is seen, for the life
 * of the process; a set is its numbers sorted, written into a cached record (textRecords.ts) and walked there.
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

/** The values sorted, without repeats (in place). */
export function sortedUnique(values: number[]): number[] {
  values.sort((a, b) => a - b);
  let kept = 0;
  for (let i = 0; i < values.length; i++)
    if (kept === 0 || values[i] !== values[kept - 1]) values[kept++] = values[i]!;
  values.length = kept;
  return values;
}

/** The words' numbers, sorted, without repeats. */
export const wordSet = (words: Iterable<string>): number[] => sortedUnique(Array.from(words, wordNumber));

/** The characters' code points, sorted, without repeats. */
export const characterSet = (chars: Iterable<string>): number[] =>
  sortedUnique(Array.from(chars, (c) => c.codePointAt(0)!));

/**
 * Marks, for each of the `count` sorted numbers at `words[at]` whose mark is still 0, `mark` when the sorted set of
 * `setLength` numbers at `set[setAt]` holds it: one walk along both, where asking the set for each number would
 * search it again every time. Marks are by position: the k-th number's at `words[orderAt + k]` when `orderAt` is
 * given, else at k.
 */
export function markHeld(
  words: Uint32Array,
  at: number,
  count: number,
  orderAt: number | undefined,
  set: Uint32Array,
  setAt: number,
  setLength: number,
  marks: Uint8Array,
  mark: number,
): void {
  let i = 0;
  let j = 0;
  while (i < count && j < setLength) {
    const a = words[at + i]!;
    const b = set[setAt + j]!;
    if (a < b) i++;
    else if (a > b) j++;
    else {
      const position = orderAt === undefined ? i : words[orderAt + i]!;
      if (marks[position] === 0) marks[position] = mark;
      i++;
      j++;
    }
  }
}
