/**
 * The full-text part of the embedded adapter: an inverted index of the jieba tokens, held in typed arrays.
 *
 * Every term has an id (a Map from the term); a term's postings (slot, field, term frequency) lie in one block of
 * two shared pools (`Int32Array` slots, `Uint16Array` field and frequency), appended in the order they were
 * added. A block that fills up moves to the end of the pool with twice the room; the pool is compacted when the
 * holes this leaves would make it grow. So 5 million postings take about 35 MB, where MiniSearch's Map per term
 * and field took several times that, and the whole index is a handful of arrays a snapshot writes and reads back
 * as they are (`exportParts` / `fromParts`).
 *
 * Scoring (BM25+) accumulates into typed arrays indexed by slot, skipping listings the filters rule out with one
 * array read. Latin terms are also reached by prefix and, from 5 letters, by one or two typos.
 */
import type { IndexSettings, SearchableField } from '../port.js';
import { isLatinToken } from '../../lib/text/tokenizer.js';

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

/** A posting's field (2 bits) and term frequency (14 bits) share one Uint16. */
const FIELD_SHIFT = 14;
const MAX_TF = (1 << FIELD_SHIFT) - 1;
const MAX_FIELDS = 4;

/** A per-slot score accumulator that remembers which slots it touched, so clearing costs only those. */
export class ScoreBuffer {
  scores: Float64Array;
  touched: number[] = [];
  /** Whether every score added since the last reset was above 0: then each touched slot is listed once. */
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

/** What a snapshot keeps of a text index: the terms in id order, their postings packed back to back. */
export interface TextIndexParts {
  terms: string[];
  /** Postings per term (its block's length). */
  lengths: Int32Array;
  /** Listings per term and field (`terms.length * fields`). */
  fieldDocs: Int32Array;
  postingSlots: Int32Array;
  postingInfo: Uint16Array;
  /** Token count per field, per slot (`fields * capacity`, field after field). */
  fieldLengths: Float32Array;
  capacity: number;
  live: number;
}

const grown = <T extends Int32Array | Float32Array>(old: T, size: number, make: (n: number) => T): T => {
  const next = make(size);
  next.set(old as never);
  return next;
};

export class TextIndex {
  private readonly fields: readonly SearchableField[];
  private readonly boosts: Float64Array;
  private readonly termIds = new Map<string, number>();
  private terms: string[] = [];
  /** Latin terms with postings, for prefix and typo matching. */
  private readonly latin = new Set<string>();
  /** Per term id: where its block starts, how many postings it holds, how many it has room for. */
  private start = new Int32Array(1024);
  private count = new Int32Array(1024);
  private room = new Int32Array(1024);
  /** Per term id and field: how many listings have the term in that field (BM25's document frequency). */
  private fieldDocs: Int32Array;
  /**
   * The postings read back from a snapshot, taken over (`ArrayBufferLike`: views of the file's bytes): a block
   * stays there until it grows (it then moves to the own pools) or the pools are compacted with half of these
   * holes. A block starting below their length is in them; any other starts in the own pools at its start less
   * that length.
   */
  private baseSlots: Int32Array = new Int32Array(0);
  private baseInfo: Uint16Array = new Uint16Array(0);
  /** The own pools. */
  private slots: Int32Array = new Int32Array(1 << 16);
  private info: Uint16Array = new Uint16Array(1 << 16);
  /** Own pool entries handed out (live postings, the room left in blocks, and holes). */
  private used = 0;
  private postings = 0;
  /** Token count per field per slot, and their sums, for BM25's length normalization. */
  private lengths: Float32Array[];
  private readonly lengthSums: Float64Array;
  private live = 0;

  constructor(settings: IndexSettings) {
    this.fields = textFields(settings).map((s) => s.field);
    if (this.fields.length > MAX_FIELDS) throw new Error(`at most ${MAX_FIELDS} text fields`);
    this.boosts = Float64Array.from(textFields(settings).map((s) => s.boost));
    this.lengths = this.fields.map(() => new Float32Array(1024));
    this.lengthSums = new Float64Array(this.fields.length);
    this.fieldDocs = new Int32Array(1024 * this.fields.length);
  }

  get capacity(): number {
    return this.lengths[0]!.length;
  }

  /** Indexes a listing's tokens per field under its slot (the slot must not be indexed already). */
  add(slot: number, tokens: Partial<Record<SearchableField, string[]>>): void {
    this.ensureCapacity(slot + 1);
    this.fields.forEach((field, f) => {
      const fieldTokens = tokens[field] ?? [];
      this.lengths[f]![slot] = fieldTokens.length;
      this.lengthSums[f] = this.lengthSums[f]! + fieldTokens.length;
      for (const [term, tf] of frequencies(fieldTokens)) {
        const id = this.termId(term);
        this.append(id, slot, (f << FIELD_SHIFT) | Math.min(tf, MAX_TF));
        this.fieldDocs[id * this.fields.length + f]!++;
      }
    });
    this.live++;
  }

  /** Removes a slot's postings; `tokens` are the ones it was added with. */
  remove(slot: number, tokens: Partial<Record<SearchableField, string[]>>): void {
    this.fields.forEach((field, f) => {
      this.lengthSums[f] = this.lengthSums[f]! - this.lengths[f]![slot]!;
      this.lengths[f]![slot] = 0;
      for (const term of new Set(tokens[field] ?? [])) {
        const id = this.termIds.get(term);
        if (id !== undefined && this.removePosting(id, slot, f))
          this.fieldDocs[id * this.fields.length + f]!--;
      }
    });
    this.live--;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id !== undefined) return id;
    id = this.terms.length;
    this.terms.push(term);
    this.termIds.set(term, id);
    if (isLatinToken(term)) this.latin.add(term);
    if (id >= this.start.length) {
      const size = this.start.length * 2;
      const make = (n: number) => new Int32Array(n);
      this.start = grown(this.start, size, make);
      this.count = grown(this.count, size, make);
      this.room = grown(this.room, size, make);
      this.fieldDocs = grown(this.fieldDocs, size * this.fields.length, make);
    }
    return id;
  }

  /** Where term `id`'s block is: the pools holding it and its start in them. */
  private block(id: number): [Int32Array, Uint16Array, number] {
    const start = this.start[id]!;
    const split = this.baseSlots.length;
    return start < split
      ? [this.baseSlots, this.baseInfo, start]
      : [this.slots, this.info, start - split];
  }

  private append(id: number, slot: number, info: number): void {
    const n = this.count[id]!;
    if (n === this.room[id]) {
      const room = Math.max(2, n * 2);
      const at = this.reserve(room, id);
      const [slots, infos, from] = this.block(id);
      this.slots.set(slots.subarray(from, from + n), at);
      this.info.set(infos.subarray(from, from + n), at);
      this.start[id] = this.baseSlots.length + at;
      this.room[id] = room;
    }
    const [slots, infos, from] = this.block(id);
    slots[from + n] = slot;
    infos[from + n] = info;
    this.count[id] = n + 1;
    this.postings++;
  }

  /**
   * Room for `n` postings at the end of the own pools (their index there); compacts them (keeping block `keep`
   * last) when full, and the taken-over pools with them when half of those are holes.
   */
  private reserve(n: number, keep: number): number {
    if (this.used + n > this.slots.length) {
      const split = this.baseSlots.length;
      let inBase = 0;
      for (let id = 0; id < this.terms.length; id++) if (this.start[id]! < split) inBase += this.count[id]!;
      const all = inBase * 2 < split;
      let rooms = n;
      for (let id = 0; id < this.terms.length; id++) if (all || this.start[id]! >= split) rooms += this.room[id]!;
      this.compact(Math.ceil(rooms * 1.25) + 4096, keep, all);
    }
    const at = this.used;
    this.used += n;
    return at;
  }

  /**
   * Copies the own pools' blocks (every block, with `all`: the taken-over pools are then let go), back to back,
   * into fresh pools of `size` entries, dropping the holes. Each block keeps its room (so a growing term does not
   * move again at once); `keep`'s block goes last (its caller moves it on).
   */
  private compact(size: number, keep = -1, all = true): void {
    const slots = new Int32Array(size);
    const info = new Uint16Array(size);
    const split = this.baseSlots.length;
    const offset = all ? 0 : split;
    let at = 0;
    const move = (id: number) => {
      if (!all && this.start[id]! < split) return;
      const n = this.count[id]!;
      const [fromSlots, fromInfo, from] = this.block(id);
      slots.set(fromSlots.subarray(from, from + n), at);
      info.set(fromInfo.subarray(from, from + n), at);
      this.start[id] = offset + at;
      at += this.room[id]!;
    };
    for (let id = 0; id < this.terms.length; id++) if (id !== keep) move(id);
    if (keep >= 0) move(keep);
    if (all) {
      this.baseSlots = new Int32Array(0);
      this.baseInfo = new Uint16Array(0);
    }
    this.slots = slots;
    this.info = info;
    this.used = at;
  }

  /** Drops the slot's posting in a field from a term's block, keeping the order of the others. */
  private removePosting(id: number, slot: number, field: number): boolean {
    const [slots, infos, from] = this.block(id);
    const n = this.count[id]!;
    for (let i = from; i < from + n; i++) {
      if (slots[i] !== slot || infos[i]! >>> FIELD_SHIFT !== field) continue;
      slots.copyWithin(i, i + 1, from + n);
      infos.copyWithin(i, i + 1, from + n);
      this.count[id] = n - 1;
      this.postings--;
      if (n === 1) this.forget(id);
      return true;
    }
    return false;
  }

  /** A term without postings leaves the dictionary (its id stays unused until the next snapshot). */
  private forget(id: number): void {
    const term = this.terms[id]!;
    this.termIds.delete(term);
    this.latin.delete(term);
  }

  private ensureCapacity(min: number): void {
    if (min <= this.capacity) return;
    const capacity = Math.max(min, this.capacity * 2);
    this.lengths = this.lengths.map((old) => grown(old, capacity, (n) => new Float32Array(n)));
  }

  /**
   * The terms a query word reaches, with their weights: itself, and for Latin words the words it begins (from 2
   * letters) and, from 5 letters, words one or two typos away.
   */
  expand(word: string, weight: number): [string, number][] {
    const out: [string, number][] = [[word, weight]];
    if (!isLatinToken(word) || word.length < 2) return out;
    for (const term of this.latin) {
      if (term !== word && term.startsWith(word)) {
        out.push([term, weight * PREFIX_WEIGHT * (word.length / term.length)]);
      }
    }
    if (word.length >= 5) {
      const most = word.length >= 8 ? 2 : 1;
      for (const term of this.latin) {
        if (!term.startsWith(word) && withinEdits(word, term, most)) out.push([term, weight * FUZZY_WEIGHT]);
      }
    }
    return out;
  }

  /** How many term ids were handed out; a term keeps its id, so a reader can follow new terms by it. */
  get termIdCount(): number {
    return this.terms.length;
  }

  /** The term of an id while it has postings. */
  termAt(id: number): string | undefined {
    const term = this.terms[id];
    return term !== undefined && this.termIds.get(term) === id ? term : undefined;
  }

  /** In how many listings' fields the term stands (a listing counts once per field holding it); 0 if none. */
  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    if (id === undefined) return 0;
    let n = 0;
    for (let f = 0; f < this.fields.length; f++) n += this.fieldDocs[id * this.fields.length + f]!;
    return n;
  }

  /** Adds the BM25+ score of one term to every allowed slot that contains it. */
  scoreTerm(term: string, weight: number, allowed: Uint32Array | null, into: ScoreBuffer): boolean {
    const id = this.termIds.get(term);
    if (id === undefined || this.live === 0) return false;
    const fieldCount = this.fields.length;
    const factors = new Float64Array(fieldCount);
    const averages = new Float64Array(fieldCount);
    for (let f = 0; f < fieldCount; f++) {
      averages[f] = this.lengthSums[f]! / this.live || 1;
      factors[f] = weight * this.boosts[f]! * idf(this.fieldDocs[id * fieldCount + f]!, this.live);
    }
    const { lengths } = this;
    const [slots, info, from] = this.block(id);
    const end = from + this.count[id]!;
    for (let i = from; i < end; i++) {
      const slot = slots[i]!;
      if (allowed !== null && ((allowed[slot >>> 5]! >>> (slot & 31)) & 1) === 0) continue;
      const f = info[i]! >>> FIELD_SHIFT;
      const tf = info[i]! & MAX_TF;
      const norm = K1 * (1 - B + (B * lengths[f]![slot]!) / averages[f]!);
      into.add(slot, factors[f]! * (DELTA + (tf * (K1 + 1)) / (tf + norm)));
    }
    return true;
  }

  /** The index as a snapshot keeps it: live terms only, blocks back to back (the index itself is compacted). */
  exportParts(): TextIndexParts {
    const live: number[] = [];
    for (let id = 0; id < this.terms.length; id++) if (this.count[id]! > 0) live.push(id);
    const fieldCount = this.fields.length;
    const lengths = new Int32Array(live.length);
    const fieldDocs = new Int32Array(live.length * fieldCount);
    const postingSlots = new Int32Array(this.postings);
    const postingInfo = new Uint16Array(this.postings);
    let at = 0;
    live.forEach((id, i) => {
      const n = this.count[id]!;
      const [slots, info, from] = this.block(id);
      lengths[i] = n;
      fieldDocs.set(this.fieldDocs.subarray(id * fieldCount, (id + 1) * fieldCount), i * fieldCount);
      postingSlots.set(slots.subarray(from, from + n), at);
      postingInfo.set(info.subarray(from, from + n), at);
      at += n;
    });
    const fieldLengths = new Float32Array(fieldCount * this.capacity);
    this.lengths.forEach((l, f) => fieldLengths.set(l, f * this.capacity));
    return {
      terms: live.map((id) => this.terms[id]!),
      lengths,
      fieldDocs,
      postingSlots,
      postingInfo,
      fieldLengths,
      capacity: this.capacity,
      live: this.live,
    };
  }

  /** An index holding exactly what `exportParts` gave (taking over its arrays: they must not be used again). */
  static fromParts(settings: IndexSettings, parts: TextIndexParts): TextIndex {
    const index = new TextIndex(settings);
    const fieldCount = index.fields.length;
    const termCount = parts.terms.length;
    const size = Math.max(1024, termCount);
    index.start = new Int32Array(size);
    index.count = new Int32Array(size);
    index.room = new Int32Array(size);
    index.fieldDocs = new Int32Array(size * fieldCount);
    index.fieldDocs.set(parts.fieldDocs);
    let at = 0;
    parts.terms.forEach((term, id) => {
      index.terms.push(term);
      index.termIds.set(term, id);
      if (isLatinToken(term)) index.latin.add(term);
      const n = parts.lengths[id]!;
      index.start[id] = at;
      index.count[id] = n;
      index.room[id] = n;
      at += n;
    });
    // The postings are taken over, not copied (at start, views of the snapshot file: see StoredDocuments.fromParts).
    // Their blocks have no room left: one that grows moves to the own pools, which start empty. The small arrays
    // are copied: a view of the file kept for good would keep all of its bytes.
    index.baseSlots = parts.postingSlots;
    index.baseInfo = parts.postingInfo;
    index.slots = new Int32Array(0);
    index.info = new Uint16Array(0);
    index.used = 0;
    index.postings = at;
    index.lengths = index.fields.map((_, f) =>
      parts.fieldLengths.slice(f * parts.capacity, (f + 1) * parts.capacity),
    );
    index.lengths.forEach((l, f) => {
      let sum = 0;
      for (let i = 0; i < l.length; i++) sum += l[i]!;
      index.lengthSums[f] = sum;
    });
    index.live = parts.live;
    return index;
  }
}

/** Each distinct token with how often it occurs, in order of first occurrence. */
function frequencies(tokens: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}

/** Whether `b` is at most `most` edits (insertions, deletions, substitutions) from `a`, and not equal to it. */
export function withinEdits(a: string, b: string, most: number): boolean {
  if (a === b || Math.abs(a.length - b.length) > most) return false;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      row.push(value);
      if (value < best) best = value;
    }
    if (best > most) return false;
    previous = row;
  }
  return previous[b.length]! <= most;
}
