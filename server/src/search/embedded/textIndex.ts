/**
 * The full-text part of the embedded adapter: MiniSearch's inverted index (a radix tree of terms, each with a
 * posting list per field) holds the jieba tokens; scoring reads those postings directly.
 *
 * Two things make this fast enough for 100,000 listings, where plain `MiniSearch#search` was not:
 * - Chinese terms are stored hex-encoded. MiniSearch's radix tree scans a node's children one by one; with Chinese
 *   the root has one child per distinct first character (thousands), which made every lookup and insertion slow.
 *   Hex digits cap every node at 16 children. Latin terms stay as they are, so prefix and typo matching work.
 * - Scoring (BM25+) accumulates into typed arrays indexed by slot, skipping listings the filters rule out with one
 *   array read, instead of building a result object per matching posting.
 *
 * This reaches into MiniSearch's protected index (`_index`, `_idToShortId`), pinned to minisearch 7.2.0.
 */
import MiniSearch from 'minisearch';
import type { IndexSettings, SearchableField } from '../port.js';
import { isLatinToken } from '../../lib/text/tokenizer.js';

/** Joins a field's tokens for MiniSearch, whose tokenizer then splits on it. */
const TOKEN_SEPARATOR = '\u001f';
const HEX_MARK = '\u0001';

/** Latin terms stay readable; any other term becomes a marker plus 4 hex digits per UTF-16 unit. */
export function encodeTerm(term: string): string {
  if (isLatinToken(term)) return term;
  let out = HEX_MARK;
  for (let i = 0; i < term.length; i++) out += term.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

export function decodeTerm(stored: string): string {
  if (!stored.startsWith(HEX_MARK)) return stored;
  let out = '';
  for (let i = 1; i + 4 <= stored.length; i += 4)
    out += String.fromCharCode(parseInt(stored.slice(i, i + 4), 16));
  return out;
}

/** BM25+ parameters (the usual values: k1 1.2, b 0.75, delta 0.5). */
const K1 = 1.2;
const B = 0.75;
const DELTA = 0.5;

/** BM25+ inverse document frequency of something found in `n` of `total` listings. */
export const idf = (n: number, total: number) => Math.log(1 + (total - n + 0.5) / (n + 0.5));
/** BM25+ term part for a single occurrence in a field of average length (how a label match scores). */
export const SINGLE_MATCH = DELTA + (K1 + 1) / (1 + K1);

/** The fields TextIndex holds; labels and places are matched per code instead (codeMatcher.ts). */
export const textFields = (settings: IndexSettings) =>
  settings.searchable.filter((s) => s.field !== 'labels' && s.field !== 'places');
/** Relative weight of a term reached by prefix or by a typo, against the word as typed. */
const PREFIX_WEIGHT = 0.5;
const FUZZY_WEIGHT = 0.3;

type Postings = Map<number, Map<number, number>>; // fieldId → (MiniSearch short id → term frequency)

/**
 * A term's postings copied into typed arrays, in the Maps' iteration order, so that scoring is a plain loop.
 * Valid while MiniSearch keeps the same Maps (`postings`, and `docs` per field) and adds nothing to them:
 * `add` drops the copies of the terms it indexes; a vacuum only removes postings of discarded listings (which
 * map to slot -1 and score nothing) or whole Maps (caught by identity). Sizes for IDF are read from the live Maps.
 */
interface PostingsCopy {
  postings: Postings;
  fields: { fieldId: number; docs: Map<number, number>; shortIds: Int32Array; tfs: Float64Array }[];
  entries: number;
}

/** At most this many copied postings are kept (12 bytes each); the least recently used terms go first. */
const MAX_COPIED_POSTINGS = 1 << 21;

class ListingMiniSearch extends MiniSearch<Record<string, unknown>> {
  postings(term: string): Postings | undefined {
    return this._index.get(term) as Postings | undefined;
  }
  prefixed(term: string): Iterable<[string, Postings]> {
    return this._index.atPrefix(term) as unknown as Iterable<[string, Postings]>;
  }
  fuzzy(term: string, distance: number): Map<string, [Postings, number]> {
    return this._index.fuzzyGet(term, distance) as Map<string, [Postings, number]>;
  }
  shortIdOf(slot: number): number {
    return this._idToShortId.get(slot)!;
  }
}

/** A per-slot score accumulator that remembers which slots it touched, so clearing costs only those. */
export class ScoreBuffer {
  scores: Float64Array;
  touched: number[] = [];
  /**
   * Whether every score added since the last reset was above 0: then each touched slot is listed once and has a
   * score above 0. (A negative IDF is possible while MiniSearch still counts discarded listings.)
   */
  positive = true;
  constructor(capacity: number) {
    this.scores = new Float64Array(capacity);
  }
  add(slot: number, score: number): void {
    if (this.scores[slot] === 0) this.touched.push(slot);
    this.scores[slot] = this.scores[slot]! + score;
    if (!(score > 0)) this.positive = false;
  }
  reset(): void {
    for (const slot of this.touched) this.scores[slot] = 0;
    this.touched = [];
    this.positive = true;
  }
}

export class TextIndex {
  private readonly mini: ListingMiniSearch;
  private readonly fields: readonly SearchableField[];
  private readonly boosts: Float64Array;
  /** MiniSearch short id → slot, or -1 once the listing is gone (its postings linger until vacuumed). */
  private shortToSlot = new Int32Array(1024).fill(-1);
  /** Token count per field per slot, and their sums, for BM25's length normalization. */
  private lengths: Float32Array[];
  private readonly lengthSums: Float64Array;
  private live = 0;
  private readonly copies = new Map<string, PostingsCopy>();
  private copiedPostings = 0;

  constructor(settings: IndexSettings) {
    this.fields = textFields(settings).map((s) => s.field);
    this.boosts = Float64Array.from(textFields(settings).map((s) => s.boost));
    this.lengths = this.fields.map(() => new Float32Array(1024));
    this.lengthSums = new Float64Array(this.fields.length);
    this.mini = new ListingMiniSearch({
      idField: 'slot',
      fields: [...this.fields],
      tokenize: (text) => (text ? text.split(TOKEN_SEPARATOR) : []),
      processTerm: encodeTerm,
    });
  }

  get capacity(): number {
    return this.lengths[0]!.length;
  }

  /** Indexes a listing's tokens per field under its slot (the slot must not be indexed already). */
  add(slot: number, tokens: Partial<Record<SearchableField, string[]>>): void {
    this.ensureCapacity(slot + 1);
    const doc: Record<string, unknown> = { slot };
    this.fields.forEach((field, f) => {
      const fieldTokens = tokens[field] ?? [];
      doc[field] = fieldTokens.join(TOKEN_SEPARATOR);
      this.lengths[f]![slot] = fieldTokens.length;
      this.lengthSums[f] = this.lengthSums[f]! + fieldTokens.length;
    });
    this.mini.add(doc);
    if (this.copies.size > 0) {
      for (const field of this.fields)
        for (const token of tokens[field] ?? []) this.dropCopy(encodeTerm(token));
    }
    const shortId = this.mini.shortIdOf(slot);
    if (shortId >= this.shortToSlot.length) {
      const grown = new Int32Array(Math.max(shortId + 1, this.shortToSlot.length * 2)).fill(-1);
      grown.set(this.shortToSlot);
      this.shortToSlot = grown;
    }
    this.shortToSlot[shortId] = slot;
    this.live++;
  }

  remove(slot: number): void {
    const shortId = this.mini.shortIdOf(slot);
    if (shortId === undefined) return;
    this.shortToSlot[shortId] = -1;
    this.fields.forEach((_, f) => {
      this.lengthSums[f] = this.lengthSums[f]! - this.lengths[f]![slot]!;
      this.lengths[f]![slot] = 0;
    });
    this.mini.discard(slot);
    this.live--;
  }

  private ensureCapacity(min: number): void {
    if (min <= this.capacity) return;
    const capacity = Math.max(min, this.capacity * 2);
    this.lengths = this.lengths.map((old) => {
      const next = new Float32Array(capacity);
      next.set(old);
      return next;
    });
  }

  /**
   * The stored terms a query word reaches, with their weights: itself, and for Latin words the words it begins
   * (from 2 letters) and, from 5 letters, words one or two typos away.
   */
  expand(word: string, weight: number): [string, number][] {
    const stored = encodeTerm(word);
    const out: [string, number][] = [[stored, weight]];
    if (!isLatinToken(word) || word.length < 2) return out;
    for (const [term] of this.mini.prefixed(stored)) {
      if (term !== stored) out.push([term, weight * PREFIX_WEIGHT * (word.length / term.length)]);
    }
    if (word.length >= 5) {
      for (const [term, [, distance]] of this.mini.fuzzy(stored, word.length >= 8 ? 2 : 1)) {
        if (distance > 0 && !term.startsWith(stored)) out.push([term, weight * FUZZY_WEIGHT]);
      }
    }
    return out;
  }

  private dropCopy(term: string): void {
    const copy = this.copies.get(term);
    if (!copy) return;
    this.copies.delete(term);
    this.copiedPostings -= copy.entries;
  }

  /** The typed-array copy of a term's postings, made (or remade, when MiniSearch's Maps changed) on demand. */
  private copyOf(term: string, postings: Postings): PostingsCopy {
    const copy = this.copies.get(term);
    if (copy) {
      this.copies.delete(term); // re-inserted below: the Map's order is the order of use
      let valid = copy.postings === postings && copy.fields.length === postings.size;
      if (valid) {
        let f = 0;
        for (const [fieldId, docs] of postings) {
          const field = copy.fields[f++]!;
          if (field.fieldId !== fieldId || field.docs !== docs) valid = false;
        }
      }
      if (valid) {
        this.copies.set(term, copy);
        return copy;
      }
      this.copiedPostings -= copy.entries;
    }
    const fresh: PostingsCopy = { postings, fields: [], entries: 0 };
    for (const [fieldId, docs] of postings) {
      const shortIds = new Int32Array(docs.size);
      const tfs = new Float64Array(docs.size);
      let i = 0;
      for (const [shortId, tf] of docs) {
        shortIds[i] = shortId;
        tfs[i++] = tf;
      }
      fresh.fields.push({ fieldId, docs, shortIds, tfs });
      fresh.entries += docs.size;
    }
    this.copies.set(term, fresh);
    this.copiedPostings += fresh.entries;
    for (const [oldest, old] of this.copies) {
      if (this.copiedPostings <= MAX_COPIED_POSTINGS || old === fresh) break;
      this.copies.delete(oldest);
      this.copiedPostings -= old.entries;
    }
    return fresh;
  }

  /** Adds the BM25+ score of one stored term to every allowed slot that contains it. */
  scoreTerm(term: string, weight: number, allowed: Uint32Array | null, into: ScoreBuffer): boolean {
    const postings = this.mini.postings(term);
    if (!postings || this.live === 0) return false;
    const shortToSlot = this.shortToSlot;
    for (const { fieldId, docs, shortIds, tfs } of this.copyOf(term, postings).fields) {
      const lengths = this.lengths[fieldId]!;
      const avg = this.lengthSums[fieldId]! / this.live || 1;
      const factor = weight * this.boosts[fieldId]! * idf(docs.size, this.live);
      for (let i = 0; i < shortIds.length; i++) {
        const slot = shortToSlot[shortIds[i]!]!;
        if (slot < 0 || (allowed !== null && ((allowed[slot >>> 5]! >>> (slot & 31)) & 1) === 0)) continue;
        const tf = tfs[i]!;
        const norm = K1 * (1 - B + (B * lengths[slot]!) / avg);
        into.add(slot, factor * (DELTA + (tf * (K1 + 1)) / (tf + norm)));
      }
    }
    return true;
  }
}
