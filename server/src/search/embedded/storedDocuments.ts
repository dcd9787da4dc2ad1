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

export class StoredDocuments {
  private bytes: Buffer = Buffer.alloc(1 << 16);
  private used = 0;
  /** Bytes of the records in use (the rest of `used` is holes). */
  private held = 0;
  private offsets = new Int32Array(1024).fill(-1);
  private lengths = new Int32Array(1024);

  set(slot: number, doc: StoredDocument): void {
    this.unset(slot);
    const text = encodeStored(doc);
    const n = Buffer.byteLength(text);
    if (slot >= this.offsets.length) this.growSlots(slot + 1);
    if (this.used + n > this.bytes.length) this.compact(Math.ceil((this.held + n) * 1.25) + 65_536);
    this.bytes.write(text, this.used, 'utf8');
    this.offsets[slot] = this.used;
    this.lengths[slot] = n;
    this.used += n;
    this.held += n;
  }

  unset(slot: number): void {
    if (slot >= this.offsets.length || this.offsets[slot] === -1) return;
    this.held -= this.lengths[slot]!;
    this.offsets[slot] = -1;
    this.lengths[slot] = 0;
  }

  get(slot: number): StoredDocument | undefined {
    const at = this.offsets[slot];
    if (at === undefined || at === -1) return undefined;
    return decodeStored(this.bytes.toString('utf8', at, at + this.lengths[slot]!));
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

  /** Copies the records in use, back to back, into a fresh pool of `size` bytes. */
  private compact(size: number): void {
    const bytes = Buffer.alloc(size);
    let at = 0;
    for (let slot = 0; slot < this.offsets.length; slot++) {
      const from = this.offsets[slot]!;
      if (from === -1) continue;
      const n = this.lengths[slot]!;
      this.bytes.copy(bytes, at, from, from + n);
      this.offsets[slot] = at;
      at += n;
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
      bytes.set(this.bytes.subarray(from, from + n), at);
      offsets[slot] = at;
      lengths[slot] = n;
      at += n;
    }
    return { bytes, offsets, lengths };
  }

  /**
   * Records holding what `exportParts` gave, their bytes taken over rather than copied (at start, a view of the
   * snapshot file, so that the file's bytes are the index's rather than garbage left to the collector: 100 MB at
   * 100,000 listings). The pool has no room left: the first record stored after it moves the records into a
   * larger one of their own.
   */
  static fromParts(parts: StoredParts): StoredDocuments {
    const stored = new StoredDocuments();
    stored.bytes = Buffer.from(parts.bytes.buffer, parts.bytes.byteOffset, parts.bytes.byteLength);
    stored.used = stored.held = parts.bytes.length;
    stored.growSlots(parts.offsets.length);
    stored.offsets.set(parts.offsets);
    stored.lengths.set(parts.lengths);
    return stored;
  }
}
