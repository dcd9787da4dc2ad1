/**
 * One complete embedded index: the text index, the value columns, the id ↔ slot map and the stored documents
 * (texts for highlighting, the listing a hit hands back). A rebuild fills a new one and swaps it in whole; a
 * snapshot writes its parts and reads them back (`exportParts`, `fromParts`).
 */
import { codeFields, type CodeField } from '../documentText.js';
import type { IndexSettings, SearchableField, SearchDocument } from '../port.js';
import { synonymsOf } from '../../lib/text/synonyms.js';
import { expandPinyin, isDomainWord, PinyinLexicon } from '../../lib/text/pinyin.js';
import { domainWords, indexTokens, normalizeText } from '../../lib/text/tokenizer.js';
import { slotsOfBits, wordsFor } from './bitset.js';
import { DocumentColumns, type ColumnParts } from './columns.js';
import { codesForWord } from './codeMatcher.js';
import { OrganizationTally, type OrganizationTallyParts } from './organizationTally.js';
import { StoredDocuments, type StoredDocument, type StoredParts } from './storedDocuments.js';
import { idf, ScoreBuffer, SINGLE_MATCH, TextIndex, type TextIndexParts } from './textIndex.js';
import { TitleChecks } from './titleChecks.js';
import { fillAllowed, sumAllKept, WordGroups, type WordGroup } from './wordGroups.js';

/** Synonyms count a little less than the word typed, so a listing using the word itself ranks first. */
const SYNONYM_WEIGHT = 0.8;

export interface TextMatch {
  /** Matching slots, unordered. */
  slots: number[];
  /** Score of a matching slot (valid until `release()`). */
  score: (slot: number) => number;
  /** The scores by slot that `score` reads (the title boost raises some in place). */
  scores: Float64Array;
  /** Words found in the index for this query (synonyms and prefix completions included), for highlighting. */
  terms: string[];
  /** Returns the score buffers to the pool; call once the scores have been read. */
  release: () => void;
}

/** What a snapshot keeps of an index. */
export interface IndexParts {
  slotCount: number;
  columns: ColumnParts;
  text: TextIndexParts;
  stored: StoredParts;
  organizations: OrganizationTallyParts;
}

/** The tokens a stored document is indexed with. */
const tokensOf = (doc: StoredDocument): Partial<Record<SearchableField, string[]>> => ({
  title: indexTokens(doc.title),
  organizationName: indexTokens(doc.organizationName ?? ''),
  description: indexTokens(doc.description),
});

export class IndexState {
  columns = new DocumentColumns();
  private text: TextIndex;
  private readonly boosts: Record<SearchableField, number>;
  private readonly slotOf = new Map<string, number>();
  /** Per slot: the texts highlighting marks and re-indexing needs, and the stored listing a hit hands back. */
  private stored = new StoredDocuments();
  /** The organization name and badge the stored listings carry, per organization (a start's change check). */
  organizations = new OrganizationTally();
  /**
   * Titles decoded and normalized once asked: the title boost reads the best matches' titles at every query, and
   * decoding a record or normalizing its title again each time cost more than the boost itself.
   */
  private titles: (string | undefined)[] = [];
  /** Whether titles hold query words, remembered per word; a write forgets its slot's (titleChecks.ts). */
  readonly titleChecks = new TitleChecks();
  private free: number[] = [];
  private nextSlot = 0;
  private pool: ScoreBuffer[] = [];
  /** Frequent query words' scores over every listing, forgotten at every write (wordGroups.ts). */
  readonly wordGroups: WordGroups;
  /** This index's words by pinyin: built at the first query with Latin letters, then kept up with new terms. */
  private pinyin: PinyinLexicon | undefined;
  private pinyinRead = 0;

  constructor(settings: IndexSettings, wordGroups = new WordGroups()) {
    this.wordGroups = wordGroups;
    this.text = new TextIndex(settings);
    this.boosts = { title: 1, labels: 1, places: 1, organizationName: 1, description: 1 };
    for (const s of settings.searchable) this.boosts[s.field] = s.boost;
  }

  exportParts(): IndexParts {
    return {
      slotCount: this.nextSlot,
      columns: this.columns.exportParts(this.nextSlot),
      text: this.text.exportParts(),
      stored: this.stored.exportParts(this.nextSlot),
      organizations: this.organizations.exportParts(),
    };
  }

  /** An index holding exactly what `exportParts` gave. */
  static fromParts(settings: IndexSettings, parts: IndexParts): IndexState {
    const state = new IndexState(settings);
    state.columns = DocumentColumns.fromParts(parts.columns);
    state.text = TextIndex.fromParts(settings, parts.text);
    state.stored = StoredDocuments.fromParts(parts.stored);
    state.organizations = OrganizationTally.fromParts(parts.organizations);
    state.nextSlot = parts.slotCount;
    parts.columns.ids.forEach((id, slot) => {
      if (id) state.slotOf.set(id, slot);
      else state.free.push(slot);
    });
    state.free.reverse(); // the lowest free slot is taken first
    return state;
  }

  get size(): number {
    return this.slotOf.size;
  }

  upsert(doc: SearchDocument): void {
    this.wordGroups.clear();
    let slot = this.slotOf.get(doc.id);
    if (slot !== undefined) {
      const before = this.stored.get(slot)!;
      this.text.remove(slot, tokensOf(before));
      this.organizations.remove(before.listing);
    } else {
      slot = this.free.pop() ?? this.nextSlot++;
      this.slotOf.set(doc.id, slot);
    }
    this.columns.set(slot, doc);
    this.stored.set(slot, doc);
    this.organizations.add(doc.listing);
    this.titles[slot] = normalizeText(doc.title);
    this.titleChecks.forgetSlot(slot);
    this.text.add(slot, tokensOf(doc));
  }

  delete(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.wordGroups.clear();
    const before = this.stored.get(slot)!;
    this.text.remove(slot, tokensOf(before));
    this.organizations.remove(before.listing);
    this.columns.unset(slot);
    this.stored.unset(slot);
    this.titles[slot] = undefined;
    this.titleChecks.forgetSlot(slot);
    this.slotOf.delete(id);
    this.free.push(slot);
  }

  /** The `updatedAt` (ms) of the listing stored under an id; NaN when it has none, undefined when not indexed. */
  versionOf(id: string): number | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.columns.version[slot];
  }

  storedListing(id: string): SearchDocument['listing'] {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.stored.get(slot)?.listing;
  }

  /** How many slots have ever been used: bitsets over slots cover this many bits. */
  get slotCount(): number {
    return this.nextSlot;
  }

  /**
   * The query with its pinyin read as words this index holds (zhucan → 助餐), or as the domain's labels and place
   * names; Latin words the index holds stay as typed.
   */
  readPinyin(query: string): string {
    if (!/[a-z]/i.test(query)) return query;
    const text = this.text;
    if (!this.pinyin) {
      this.pinyin = new PinyinLexicon((w) => text.documentFrequency(w) || (isDomainWord(w) ? 0.5 : 0));
      for (const word of domainWords()) this.pinyin.add(word);
    }
    for (; this.pinyinRead < text.termIdCount; this.pinyinRead++) {
      const term = text.termAt(this.pinyinRead);
      if (term) this.pinyin.add(term);
    }
    return expandPinyin(query, this.pinyin, (w) => text.documentFrequency(w) > 0);
  }

  /** The slots set in a bitset over slots (every live slot when there is none), ascending. */
  slotsIn(allowed: Uint32Array | null): number[] {
    return slotsOfBits(allowed ?? this.columns.aliveBits, wordsFor(this.nextSlot));
  }

  /** The slot's title as `normalizeText` gives it, without decoding its record or normalizing it more than once. */
  normalizedTitleOf(slot: number): string {
    return (this.titles[slot] ??= normalizeText(this.stored.get(slot)?.title ?? ''));
  }

  /** The JSON of the slot's stored listing as bytes, not decoded (StoredDocuments.listingJson). */
  listingJson(slot: number): Uint8Array | undefined {
    return this.stored.listingJson(slot);
  }

  /** The slot's texts and stored listing. */
  storedDocument(slot: number): StoredDocument {
    return this.stored.get(slot) ?? { title: '', description: '' };
  }

  private buffers(count: number): ScoreBuffer[] {
    const capacity = this.text.capacity;
    if (this.pool[0] && this.pool[0].scores.length !== capacity) this.pool = [];
    while (this.pool.length < count) this.pool.push(new ScoreBuffer(capacity));
    return this.pool.slice(0, count);
  }

  /** Scores the listings whose kind, domain, district... labels contain the word; false when no label does. */
  private scoreCodes(word: string, weight: number, allowed: Uint32Array | null, into: ScoreBuffer): boolean {
    const hits = codesForWord(word, weight);
    if (hits.length === 0 || this.size === 0) return false;
    const tables: Partial<Record<CodeField, Float64Array>> = {};
    for (const hit of hits) {
      const table = (tables[hit.field] ??= new Float64Array(codeFields[hit.field].codes.length));
      const rarity = idf(this.columns.counts[hit.field][hit.index]!, this.size);
      const score = hit.weight * this.boosts[codeFields[hit.field].field] * rarity * SINGLE_MATCH;
      table[hit.index] = Math.max(table[hit.index]!, score);
    }
    this.columns.addCodeScores(tables, allowed, this.nextSlot, into);
    return true;
  }

  /**
   * Scores one query word into `group` (empty): per allowed slot, the best score among its alternatives (itself and
   * its synonyms, each with its prefix completions and label codes). `alt` (empty) is scratch; the two may trade
   * places, so both come back: the word's scores first, then the scratch, empty. The terms the word reached are
   * appended to `terms`, in the order found.
   */
  private scoreWord(
    word: string,
    allowed: Uint32Array | null,
    group: ScoreBuffer,
    alt: ScoreBuffer,
    terms: string[],
  ): [ScoreBuffer, ScoreBuffer] {
    const alternatives: [string, number][] = [
      [word, 1],
      ...synonymsOf(word).map((s): [string, number] => [s, SYNONYM_WEIGHT]),
    ];
    for (const [alternative, weight] of alternatives) {
      for (const [term, termWeight] of this.text.expand(alternative, weight)) {
        if (this.text.scoreTerm(term, termWeight, allowed, alt)) terms.push(term);
      }
      if (this.scoreCodes(alternative, weight, allowed, alt)) terms.push(alternative);
      if (group.touched.length === 0 && alt.positive) {
        // Nothing to take the best of yet: the alternative's scores (each slot once, above 0) are the word's.
        const swap = group;
        group = alt;
        alt = swap;
        continue;
      }
      // Keep the best alternative per slot, clearing the alternative's buffer on the way.
      const altScores = alt.scores;
      const groupScores = group.scores;
      const touched = alt.touched;
      for (let i = 0; i < touched.length; i++) {
        const slot = touched[i]!;
        const score = altScores[slot]!;
        altScores[slot] = 0;
        if (score > groupScores[slot]!) {
          if (groupScores[slot] === 0) group.touched.push(slot);
          groupScores[slot] = score;
        }
      }
      alt.touched = [];
      alt.positive = true;
    }
    return [group, alt];
  }

  /**
   * All words must match, each by itself or by one of its synonyms; when no listing has them all, any word may,
   * and a listing's score is multiplied by how many words it has. A word's score is its best alternative's, not
   * the sum, so a listing that happens to use three synonyms does not outrank one using the word itself.
   */
  match(words: readonly string[], allowed: Uint32Array | null): TextMatch {
    // Buffers: one per word, one for the alternative being scored, one for the combined result, and two to score
    // a word over every listing before keeping it.
    const buffers = this.buffers(words.length + 4);
    const groups = buffers.slice(0, words.length);
    let alt = buffers[words.length]!;
    const total = buffers[words.length + 1]!;
    const found = new Set<string>();

    // Each word's kept scores, kept now when it is asked again (wordGroups.ts).
    const keptGroups: (WordGroup | undefined)[] = [];
    for (const word of words) {
      let kept = this.wordGroups.get(word);
      if (!kept && this.wordGroups.wanted(word)) {
        const all = buffers[words.length + 2]!;
        const spare = buffers[words.length + 3]!;
        const terms: string[] = [];
        const [scored, left] = this.scoreWord(word, null, all, spare, terms);
        this.wordGroups.keep(word, scored, terms, this.nextSlot);
        scored.reset();
        left.reset();
        // When not kept (too few listings), the word is scored under this query's filters as usual.
        kept = this.wordGroups.get(word);
      }
      keptGroups.push(kept);
    }
    /** The match a buffer holds: its slots and scores, the terms found, and the buffers to give back. */
    const matched = (buffer: ScoreBuffer): TextMatch => ({
      slots: [...buffer.touched],
      score: (slot) => buffer.scores[slot]!,
      scores: buffer.scores,
      terms: [...found],
      release: () => buffers.forEach((b) => b.reset()),
    });
    if (words.length > 1 && keptGroups.every((kept) => kept !== undefined)) {
      const kept = keptGroups as WordGroup[];
      if (sumAllKept(kept, allowed, wordsFor(this.nextSlot), total)) {
        for (const group of kept) for (const term of group.terms) found.add(term);
        return matched(total);
      }
    }

    for (let w = 0; w < words.length; w++) {
      const kept = keptGroups[w];
      if (kept) {
        fillAllowed(kept, allowed, groups[w]!);
        for (const term of kept.terms) found.add(term);
        continue;
      }
      const terms: string[] = [];
      [groups[w], alt] = this.scoreWord(words[w]!, allowed, groups[w]!, alt, terms);
      for (const term of terms) found.add(term);
    }

    if (groups.length === 1) {
      // One word: its scores are the answer. (Its buffer lists each slot once with a score above 0, whether handed
      // over or merged, so the sum below would be 0 + s = s for each.)
      return matched(groups[0]!);
    }

    const smallest = groups.reduce((a, b) => (b.touched.length < a.touched.length ? b : a));
    for (const slot of smallest.touched) {
      let sum = 0;
      let all = true;
      for (const group of groups) {
        const s = group.scores[slot]!;
        if (s === 0) {
          all = false;
          break;
        }
        sum += s;
      }
      if (all) total.add(slot, sum);
    }
    if (total.touched.length === 0 && groups.length > 1) {
      for (const group of groups) for (const slot of group.touched) total.add(slot, group.scores[slot]!);
      for (const slot of total.touched) {
        let words = 0;
        for (const group of groups) if (group.scores[slot]! > 0) words++;
        total.scores[slot] = total.scores[slot]! * words;
      }
    }

    return matched(total);
  }
}
