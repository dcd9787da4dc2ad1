/**
 * How rare a word is in general Chinese: jieba's IDF list (`idf.txt` of @node-rs/jieba, one `word idf` a line,
 * about 260,000 words), read once into a table of typed arrays. As a `Map` of strings to numbers the list took
 * about 35 MiB of heap (the map's table, a string and a boxed number per word, and the file's text, which short
 * keys sliced from it kept whole); here it takes about 7 MiB: the words' UTF-16 code units back to back, where
 * each starts, its value, and an open-addressing hash table of word numbers. The file's bytes are let go once
 * read (the package's own `dict.js` would keep both of its files' bytes for the life of the process).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

/** FNV-1a over a string's UTF-16 code units in [from, to). */
function hashOf(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class WordTable {
  private chars: Uint16Array;
  /** Word i is chars[starts[i], starts[i + 1]). */
  private readonly starts: Int32Array;
  private readonly values: Float64Array;
  /** Open addressing: a word's number plus one, 0 where empty. */
  private readonly slots: Int32Array;
  private count = 0;
  private used = 0;

  /** `text`: lines of `word value` (the value is what follows the first space, as `Number` reads it). */
  constructor(text: string) {
    let lines = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    this.chars = new Uint16Array(text.length);
    this.starts = new Int32Array(lines + 1);
    this.values = new Float64Array(lines);
    let size = 1;
    while (size < lines * 2) size *= 2;
    this.slots = new Int32Array(size);
    for (let start = 0; start <= text.length; ) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      const space = text.indexOf(' ', start);
      if (space > start && space < end) this.set(text, start, space, Number(text.slice(space + 1, end)));
      start = end + 1;
    }
    // Sized for the whole text while reading, values and line ends included: keep only the words' part.
    this.chars = this.chars.slice(0, this.used);
  }

  /** The value of a word, undefined when the list does not hold it. */
  get(word: string): number | undefined {
    const i = this.find(word, 0, word.length);
    return i === -1 ? undefined : this.values[i];
  }

  get size(): number {
    return this.count;
  }

  /** The word's number, or -1; `text[from, to)` is the word. */
  private find(text: string, from: number, to: number): number {
    const mask = this.slots.length - 1;
    for (let at = hashOf(text, from, to) & mask; ; at = (at + 1) & mask) {
      const entry = this.slots[at]!;
      if (entry === 0) return -1;
      if (this.holds(entry - 1, text, from, to)) return entry - 1;
    }
  }

  private holds(i: number, text: string, from: number, to: number): boolean {
    const start = this.starts[i]!;
    if (this.starts[i + 1]! - start !== to - from) return false;
    for (let k = 0; k < to - from; k++) if (this.chars[start + k] !== text.charCodeAt(from + k)) return false;
    return true;
  }

  /** Adds a word (a later line for the same word replaces the value, as a Map would). */
  private set(text: string, from: number, to: number, value: number): void {
    const mask = this.slots.length - 1;
    let at = hashOf(text, from, to) & mask;
    for (; this.slots[at] !== 0; at = (at + 1) & mask) {
      const i = this.slots[at]! - 1;
      if (this.holds(i, text, from, to)) {
        this.values[i] = value;
        return;
      }
    }
    const i = this.count++;
    for (let k = from; k < to; k++) this.chars[this.used++] = text.charCodeAt(k);
    this.starts[i + 1] = this.used;
    this.values[i] = value;
    this.slots[at] = i + 1;
  }
}

/** A file of @node-rs/jieba's package (its dictionary or its IDF list), as bytes the caller may let go. */
export function jiebaFile(name: 'dict.txt' | 'idf.txt'): Buffer {
  return fs.readFileSync(createRequire(import.meta.url).resolve(`@node-rs/jieba/${name}`));
}

let generalTable: WordTable | undefined;

/** The general-language IDF of a word (jieba's list), undefined for a word it does not hold; loaded once. */
export function generalIdf(word: string): number | undefined {
  generalTable ??= new WordTable(jiebaFile('idf.txt').toString('utf8'));
  return generalTable.get(word);
}
