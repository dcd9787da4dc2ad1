import type { StoredBytes } from './bsonBytes.js';

/**
 * A collection's committed documents by the canonical key of their `_id`. The documents read from the snapshot
 * file stay in its bytes and are kept as their offset in them (a number in the map: no object per document); a
 * view of them is made when one is read. Documents written since, or replayed from the journal, are kept as their
 * own bytes. Iterating, like a `Map`, follows the order the documents were first stored in.
 */
export class DocumentMap {
  private readonly byId = new Map<string, number | StoredBytes>();
  /** The bytes of the file the offsets point into (its whole buffer). */
  private file?: Buffer;

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): StoredBytes | undefined {
    const held = this.byId.get(id);
    return typeof held === 'number' ? this.view(held) : held;
  }

  set(id: string, bytes: StoredBytes): void {
    this.byId.set(id, bytes);
  }

  /**
   * Stores a document read from a file (a view of its buffer): as its offset in that buffer when it is the buffer
   * the collection's other documents read from a file are in (the first one so stored names it), else as it is.
   */
  setFromFile(id: string, bytes: StoredBytes): void {
    const file = (this.file ??= Buffer.from(bytes.buffer, 0, bytes.buffer.byteLength));
    this.byId.set(id, bytes.buffer === file.buffer ? bytes.byteOffset : bytes);
  }

  delete(id: string): boolean {
    return this.byId.delete(id);
  }

  keys(): IterableIterator<string> {
    return this.byId.keys();
  }

  *values(): IterableIterator<StoredBytes> {
    for (const held of this.byId.values()) yield typeof held === 'number' ? this.view(held) : held;
  }

  *entries(): IterableIterator<[string, StoredBytes]> {
    for (const [id, held] of this.byId) yield [id, typeof held === 'number' ? this.view(held) : held];
  }

  [Symbol.iterator](): IterableIterator<[string, StoredBytes]> {
    return this.entries();
  }

  /** The document at `at` in the file: its length is its first four bytes. */
  private view(at: number): StoredBytes {
    const file = this.file!;
    // Buffer.from over the ArrayBuffer: no species lookup, unlike subarray (the cost of a scan is mostly views).
    return Buffer.from(file.buffer, at, file.readInt32LE(at));
  }
}
