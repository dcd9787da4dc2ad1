/**
 * What the embedded index keeps of each listing besides its tokens and columns: the texts highlighting marks and
 * the re-indexing of a changed listing needs, and the listing a hit hands back. Each slot's record is one UTF-8
 * JSON text in a shared byte pool (an object graph per listing took about three times the room); a hit decodes
 * only its own record. A replaced record leaves a hole; the pool is compacted when the holes would make it grow.
 */
import { parseKeepingText } from '../../lib/jsonText.js';
import type { SearchDocument } from '../port.js';

/** The stored part of a search document. */
export type StoredDocument = Pick<SearchDocument, 'title' | 'description' | 'organizationName' | 'listing'>;

/** What a snapshot keeps: the records back to back, and where each slot's starts and ends (-1: none). */
export interface StoredParts {
  bytes: Uint8Array;
  offsets: Int32Array;
  lengths: Int32Array;
}

/**
 * A listing whose title, description and organization name are the document's is stored alone (it holds them);
 * anything else is stored with them beside it. A listing has no `$t` key, which tells the two apart.
 */
export function encodeStored(doc: StoredDocument): string {
  const l = doc.listing;
  if (
    l &&
    l.title === doc.title &&
    l.description === doc.description &&
    (l.organizationName ?? null) === (doc.organizationName ?? null)
  ) {
    return JSON.stringify(l);
  }
  return JSON.stringify({
    $t: doc.title,
    $d: doc.description,
    $o: doc.organizationName ?? null,
    $l: l ?? null,
  });
}

/** How a record stored beside its texts begins (`encodeStored`); a listing stored alone never does. */
const BESIDE = Buffer.from('{"$t":');

export function decodeStored(text: string): StoredDocument {
  // A listing stored alone keeps its text: an answer can send it as it is (lib/jsonText.ts).
  const value = parseKeepingText(text) as Record<string, unknown>;
  if (!('$t' in value)) {
    const listing = value as unknown as NonNullable<StoredDocument['listing']>;
    return {
      title: listing.title,
      description: listing.description,
      organizationName: listing.organizationName ?? null,
      listing,
    };
  }
  const stored: StoredDocument = {
    title: value.$t as string,
    description: value.$d as string,
    organizationName: value.$o as string | null,
  };
  if (value.$l) stored.listing = value.$l as StoredDocument['listing'];
  return stored;
}

/**
 * The records of the slots. Records read back from a snapshot stay in the bytes the snapshot handed over (the
 * taken-over part, never grown); records stored since go to a pool of their own. An offset below the taken-over
 * part's length is in it, any other is in the own pool (less that length). The own pool is compacted when it is
 * full; the taken-over part is copied out (and let go) only then, and only once half of it is holes.
 */
export class StoredDocuments {
  /** The records taken over from a snapshot (`fromParts`), and how many of their bytes are still in use. */
  private base: Buffer = Buffer.alloc(0);
  private baseHeld = 0;
  /** The own pool, and how much of it is handed out. */
  private bytes: Buffer = Buffer.alloc(1 << 16);
  private used = 0;
  /** Bytes of the records in use, in both parts (the rest is holes). */
  private held = 0;
  private offsets = new Int32Array(1024).fill(-1);
  private lengths = new Int32Array(1024);

  set(slot: number, doc: StoredDocument): void {
    this.unset(slot);
    const text = encodeStored(doc);
    const n = Buffer.byteLength(text);
    if (slot >= this.offsets.length) this.growSlots(slot + 1);
    if (this.used + n > this.bytes.length) this.compact(n);
    this.bytes.write(text, this.used, 'utf8');
    this.offsets[slot] = this.base.length + this.used;
    this.lengths[slot] = n;
    this.used += n;
    this.held += n;
  }

  unset(slot: number): void {
    if (slot >= this.offsets.length || this.offsets[slot] === -1) return;
    const n = this.lengths[slot]!;
    this.held -= n;
    if (this.offsets[slot]! < this.base.length) this.baseHeld -= n;
    this.offsets[slot] = -1;
    this.lengths[slot] = 0;
  }

  get(slot: number): StoredDocument | undefined {
    const at = this.offsets[slot];
    if (at === undefined || at === -1) return undefined;
    return decodeStored(this.text(at, this.lengths[slot]!));
  }

  /**
   * The JSON of the slot's stored listing, as bytes, without decoding it: a record stored alone is that JSON; a
   * record stored beside its texts is decoded and its listing written again (what `jsonOf` of the decoded
   * listing gives). A view of the pool: records are never written over in place (a new record goes after the
   * last, a compaction into a fresh pool), so it says the same after later writes.
   */
  listingJson(slot: number): Uint8Array | undefined {
    const at = this.offsets[slot];
    if (at === undefined || at === -1) return undefined;
    const bytes = this.record(at, this.lengths[slot]!);
    if (!bytes.subarray(0, BESIDE.length).equals(BESIDE)) return bytes;
    const { listing } = decodeStored(bytes.toString('utf8'));
    return listing ? Buffer.from(JSON.stringify(listing)) : undefined;
  }

  /** The record at offset `at` (in either part), `n` bytes, as text. */
  private text(at: number, n: number): string {
    const split = this.base.length;
    return at < split
      ? this.base.toString('utf8', at, at + n)
      : this.bytes.toString('utf8', at - split, at - split + n);
  }

  /** The bytes of the record at offset `at`. */
  private record(at: number, n: number): Buffer {
    const split = this.base.length;
    return at < split ? this.base.subarray(at, at + n) : this.bytes.subarray(at - split, at - split + n);
  }

  private growSlots(min: number): void {
    const size = Math.max(min, this.offsets.length * 2);
    const offsets = new Int32Array(size).fill(-1);
    offsets.set(this.offsets);
    const lengths = new Int32Array(size);
    lengths.set(this.lengths);
    this.offsets = offsets;
    this.lengths = lengths;
  }

  /**
   * Makes room for `n` more bytes: copies the own pool's records in use, back to back, into a fresh pool with a
   * quarter more room than they and `n` take; the taken-over part's records too when half of it is holes (it is
   * then let go).
   */
  private compact(n: number): void {
    const dropBase = this.baseHeld * 2 < this.base.length;
    const moving = dropBase ? this.held : this.held - this.baseHeld;
    const bytes = Buffer.alloc(Math.ceil((moving + n) * 1.25) + 65_536);
    const split = this.base.length;
    const base = dropBase ? 0 : split;
    let at = 0;
    for (let slot = 0; slot < this.offsets.length; slot++) {
      const from = this.offsets[slot]!;
      if (from === -1 || (!dropBase && from < split)) continue;
      const length = this.lengths[slot]!;
      this.record(from, length).copy(bytes, at);
      this.offsets[slot] = base + at;
      at += length;
    }
    if (dropBase) {
      this.base = Buffer.alloc(0);
      this.baseHeld = 0;
    }
    this.bytes = bytes;
    this.used = at;
  }

  exportParts(slotCount: number): StoredParts {
    const bytes = new Uint8Array(this.held);
    const offsets = new Int32Array(slotCount).fill(-1);
    const lengths = new Int32Array(slotCount);
    let at = 0;
    for (let slot = 0; slot < Math.min(slotCount, this.offsets.length); slot++) {
      const from = this.offsets[slot]!;
      if (from === -1) continue;
      const n = this.lengths[slot]!;
      bytes.set(this.record(from, n), at);
      offsets[slot] = at;
      lengths[slot] = n;
      at += n;
    }
    return { bytes, offsets, lengths };
  }

  /**
   * Records holding what `exportParts` gave, their bytes taken over rather than copied (at start, a view of the
   * snapshot file, so that the file's bytes are the index's rather than garbage left to the collector: 100 MB at
   * 100,000 listings). They stay there: records stored afterwards go to a pool of their own, and the taken-over
   * bytes are copied out only when the own pool fills while half of them are holes.
   */
  static fromParts(parts: StoredParts): StoredDocuments {
    const stored = new StoredDocuments();
    stored.base = Buffer.from(parts.bytes.buffer, parts.bytes.byteOffset, parts.bytes.byteLength);
    stored.baseHeld = stored.held = parts.bytes.length;
    stored.bytes = Buffer.alloc(0);
    stored.growSlots(parts.offsets.length);
    stored.offsets.set(parts.offsets);
    stored.lengths.set(parts.lengths);
    return stored;
  }
}
