/**
 * A cache of records of 32-bit words, of any length, kept in one buffer used as a ring: a record is written after
 * the newest one, and the oldest are forgotten to make room. The cache is bounded in bytes, whatever the records'
 * lengths, and holds nothing per record but its key and where it begins. (Kept as typed arrays of their own, three
 * to five a listing, 40,000 cached listings came to about 82 MiB of small buffers and 26 MiB of their objects, and
 * their turnover left the allocator's heap full of holes; see docs/benchmarks/start.md.)
 *
 * A record stays where it was written until it is forgotten: read it before the next `put` on the same ring, or
 * copy it out (`detach`).
 */

/** Words before each record's own: its size in words, header included, and one to keep records 8-byte aligned. */
const HEADER = 2;

/** Where a record's words are: `words[at]` is its first, and `floats[at / 2]` reads the same 8 bytes as a float. */
export interface RecordPlace {
  words: Uint32Array;
  floats: Float64Array;
  at: number;
}

export class RecordRing {
  readonly words: Uint32Array;
  readonly floats: Float64Array;
  private readonly capacity: number;
  private readonly startOf = new Map<string, number>();
  private readonly keyAt = new Map<number, string>();
  /** Where the next record goes. */
  private head = 0;
  /** Where the oldest record begins. */
  private tail = 0;
  /** Whether the records have gone round: the oldest at `tail` up to `end`, the newest from 0 up to `head`. */
  private wrapped = false;
  private end: number;

  constructor(bytes: number) {
    this.capacity = Math.floor(bytes / 8) * 2;
    const buffer = new ArrayBuffer(this.capacity * 4);
    this.words = new Uint32Array(buffer);
    this.floats = new Float64Array(buffer);
    this.end = this.capacity;
  }

  /** How many records the ring holds. */
  get size(): number {
    return this.startOf.size;
  }

  /** Where the record stored under the key is, if the ring still holds it. */
  get(key: string): RecordPlace | undefined {
    const start = this.startOf.get(key);
    return start === undefined ? undefined : this.place(start);
  }

  /**
   * Room for a record of `length` words under a key the ring does not hold, the oldest records forgotten as
   * needed; undefined when the record is larger than the whole ring. The caller writes the record there at once.
   */
  put(key: string, length: number): RecordPlace | undefined {
    const size = HEADER + length + (length & 1);
    if (size > this.capacity) return undefined;
    for (;;) {
      if (this.startOf.size === 0) this.reset();
      if (!this.wrapped) {
        if (this.head + size <= this.capacity) break;
        // No room after the newest: go round, the space between `head` and the end left unused.
        this.end = this.head;
        this.head = 0;
        this.wrapped = true;
      } else if (this.head + size <= this.tail) break;
      else this.forgetOldest();
    }
    const start = this.head;
    this.words[start] = size;
    this.startOf.set(key, start);
    this.keyAt.set(start, key);
    this.head = start + size;
    return this.place(start);
  }

  /** Forgets every record. */
  clear(): void {
    this.startOf.clear();
    this.keyAt.clear();
    this.reset();
  }

  private place(start: number): RecordPlace {
    return { words: this.words, floats: this.floats, at: start + HEADER };
  }

  private forgetOldest(): void {
    const key = this.keyAt.get(this.tail)!;
    this.keyAt.delete(this.tail);
    this.startOf.delete(key);
    this.tail += this.words[this.tail]!;
    if (this.wrapped && this.tail === this.end) {
      this.tail = 0;
      this.wrapped = false;
      this.end = this.capacity;
    }
  }

  private reset(): void {
    this.head = 0;
    this.tail = 0;
    this.wrapped = false;
    this.end = this.capacity;
  }
}

/** A copy of the `length` words from `words[at]` in a buffer of their own, which no later `put` overwrites. */
export function detach(words: Uint32Array, at: number, length: number): RecordPlace {
  const copy = standalone(length);
  copy.words.set(words.subarray(at, at + length));
  return copy;
}

/** Room for a record no ring holds (one without a key, or larger than its ring). */
export function standalone(length: number): RecordPlace {
  const buffer = new ArrayBuffer((length + (length & 1)) * 4);
  return { words: new Uint32Array(buffer), floats: new Float64Array(buffer), at: 0 };
}
