import { ObjectId, deserialize, serialize, type Document } from 'bson';
import { keyOf, objectIdKey } from './keys.js';

/**
 * Committed documents are kept as their BSON bytes (never mutated; snapshots and transaction overlays share
 * them) and decoded when a query, an update or a unique check reaches them. This module reads them: whole
 * (`decodeDocument`), or only some top-level fields (`readFields`), walking the elements by their lengths.
 */
export type StoredBytes = Buffer;

/** How the engine decodes BSON everywhere (wire, journal, snapshots, stored documents). */
export const bsonOptions = {
  promoteLongs: true,
  promoteValues: true,
  promoteBuffers: false,
  bsonRegExp: false,
} as const;

export function encodeDocument(doc: Document): StoredBytes {
  return serialize(doc) as StoredBytes;
}

export function decodeDocument(bytes: Uint8Array): Document {
  return deserialize(bytes, bsonOptions);
}

/** A stored document (bytes) or one a transaction holds as an object (its own pending write). */
export type Candidate = StoredBytes | Document;

export function isStored(doc: Candidate): doc is StoredBytes {
  return doc instanceof Uint8Array;
}

/** The whole document, decoded when stored (a fresh object each time). */
export function wholeDocument(doc: Candidate): Document {
  return isStored(doc) ? decodeDocument(doc) : doc;
}

/** The top-level fields a partial read picks, kept as UTF-8 bytes to compare element names in place. */
export class FieldSelection {
  readonly names: string[];
  private readonly encoded: Buffer[];

  constructor(fields: Iterable<string>) {
    this.names = [...new Set(fields)];
    this.encoded = this.names.map((name) => Buffer.from(name, 'utf8'));
  }

  get size(): number {
    return this.names.length;
  }

  /** Index of the selected name equal to bytes[start, end), or -1. */
  find(bytes: Buffer, start: number, end: number): number {
    const length = end - start;
    for (let i = 0; i < this.encoded.length; i++) {
      const name = this.encoded[i]!;
      if (name.length !== length) continue;
      let j = 0;
      while (j < length && name[j] === bytes[start + j]) j++;
      if (j === length) return i;
    }
    return -1;
  }
}

const ID_ONLY = new FieldSelection(['_id']);

/**
 * bson's own constructor reading an ObjectId's 12 bytes in place (what its decoder calls; no copy of the slice
 * first). The version of bson is pinned; the tests compare every value read with a whole decode.
 */
const ObjectIdAt = ObjectId as unknown as new (source: Uint8Array, offset: number) => ObjectId;

/** The end of the C string (element name) starting at `at`: its terminating zero, or -1 past `limit`. */
function nameEnd(bytes: Buffer, at: number, limit: number): number {
  let end = at;
  while (end < limit && bytes[end] !== 0) end++;
  return end < limit ? end : -1;
}

/** The size in bytes of an element's value of BSON type `type` starting at `at` (-1: a type not handled). */
function valueSize(bytes: Buffer, type: number, at: number): number {
  switch (type) {
    case 0x01: // double
    case 0x09: // date
    case 0x11: // timestamp
    case 0x12: // int64
      return 8;
    case 0x02: // string
    case 0x0d: // code
    case 0x0e: // symbol
      return 4 + bytes.readInt32LE(at);
    case 0x03: // document
    case 0x04: // array
    case 0x0f: // code with scope
      return bytes.readInt32LE(at);
    case 0x05: // binary
      return 5 + bytes.readInt32LE(at);
    case 0x06: // undefined
    case 0x0a: // null
    case 0x7f: // max key
    case 0xff: // min key
      return 0;
    case 0x07: // ObjectId
      return 12;
    case 0x08: // boolean
      return 1;
    case 0x10: // int32
      return 4;
    case 0x13: // decimal128
      return 16;
    case 0x0b: {
      // regex: pattern and options, two C strings
      const afterPattern = bytes.indexOf(0, at) + 1;
      return bytes.indexOf(0, afterPattern) + 1 - at;
    }
    case 0x0c: // DBPointer: string and ObjectId
      return 4 + bytes.readInt32LE(at) + 12;
    default:
      return -1;
  }
}

/** A string's UTF-8 bytes decoded; short ASCII ones without a call into the runtime (as bson does). */
function utf8(bytes: Buffer, start: number, end: number): string {
  if (end - start > 20) return bytes.toString('utf8', start, end);
  let out = '';
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c >= 0x80) return bytes.toString('utf8', start, end);
    out += String.fromCharCode(c);
  }
  return out;
}

/**
 * Decodes one element's value: the common scalar types directly, anything else by bson's own decoder over a
 * one-element document (so the value is exactly what a whole decode gives).
 */
function decodeValue(
  bytes: Buffer,
  type: number,
  start: number,
  valueAt: number,
  end: number,
  name: string,
): unknown {
  switch (type) {
    case 0x01:
      return bytes.readDoubleLE(valueAt);
    case 0x02:
      return utf8(bytes, valueAt + 4, end - 1);
    case 0x07:
      return new ObjectIdAt(bytes, valueAt);
    case 0x08:
      return bytes[valueAt] === 1;
    case 0x09:
      return new Date(bytes.readInt32LE(valueAt + 4) * 4294967296 + bytes.readUInt32LE(valueAt));
    case 0x0a:
      return null;
    case 0x10:
      return bytes.readInt32LE(valueAt);
  }
  const element = end - start;
  const wrapper = Buffer.allocUnsafe(element + 5);
  wrapper.writeInt32LE(element + 5, 0);
  bytes.copy(wrapper, 4, start, end);
  wrapper[element + 4] = 0;
  return decodeDocument(wrapper)[name];
}

/**
 * The top-level fields of a stored document that `fields` selects, decoded, in the document's order (absent
 * ones absent). A filter, a sort or an index key that names only these fields sees the same values in this
 * partial document as in the whole one.
 */
export function readFields(bytes: Buffer, fields: FieldSelection): Document {
  const out: Document = {};
  const size = bytes.readInt32LE(0);
  let found = 0;
  let at = 4;
  while (at < size - 1 && found < fields.size) {
    const type = bytes[at]!;
    const nameStart = at + 1;
    const nameStop = nameEnd(bytes, nameStart, size);
    if (nameStop < 0) return pickWhole(bytes, fields);
    const valueAt = nameStop + 1;
    const length = valueSize(bytes, type, valueAt);
    if (length < 0) return pickWhole(bytes, fields);
    const end = valueAt + length;
    const which = fields.find(bytes, nameStart, nameStop);
    if (which >= 0) {
      const name = fields.names[which]!;
      out[name] = decodeValue(bytes, type, at, valueAt, end, name);
      found++;
    }
    at = end;
  }
  return out;
}

/** readFields by a whole decode: for an element type the walk does not know. */
function pickWhole(bytes: Buffer, fields: FieldSelection): Document {
  const whole = decodeDocument(bytes);
  const out: Document = {};
  for (const key of Object.keys(whole)) if (fields.names.includes(key)) out[key] = whole[key];
  return out;
}

/** The `_id` of a stored document. */
export function idOf(bytes: Buffer): unknown {
  return readFields(bytes, ID_ONLY)._id;
}

/**
 * The canonical key (`keyOf`) of a stored document's `_id`: read from the bytes when `_id` is the first element and
 * an ObjectId or a string (what the application stores), else from the decoded value.
 */
export function idKeyOf(bytes: Buffer): string {
  // `_id` first: type byte at 4, then the name `_id\0` at 5..8, the value at 9.
  if (bytes[5] === 0x5f && bytes[6] === 0x69 && bytes[7] === 0x64 && bytes[8] === 0) {
    if (bytes[4] === 0x07) return objectIdKey(bytes, 9);
    if (bytes[4] === 0x02) return 's' + utf8(bytes, 13, 9 + 4 + bytes.readInt32LE(9) - 1);
  }
  return keyOf(idOf(bytes));
}

/** Where the value of top-level element `name` lies (from its type byte to its end), or undefined. */
export function elementRange(
  bytes: Buffer,
  name: string,
): { type: number; start: number; valueAt: number; end: number } | undefined {
  const selection = new FieldSelection([name]);
  const size = bytes.readInt32LE(0);
  let at = 4;
  while (at < size - 1) {
    const type = bytes[at]!;
    const nameStop = nameEnd(bytes, at + 1, size);
    const valueAt = nameStop + 1;
    const length = nameStop < 0 ? -1 : valueSize(bytes, type, valueAt);
    if (length < 0) return undefined;
    if (selection.find(bytes, at + 1, nameStop) === 0) return { type, start: at, valueAt, end: valueAt + length };
    at = valueAt + length;
  }
  return undefined;
}

/**
 * The top-level fields a query filter reads, or null when it may read others (`$expr`, `$where` and any
 * top-level operator other than `$and`, `$or`, `$nor` and `$comment`): matching the filter against those fields
 * alone gives the answer matching the whole document gives.
 */
export function filterFields(filter: Document | undefined, out = new Set<string>()): Set<string> | null {
  if (!filter) return out;
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(condition)) return null;
      for (const clause of condition) {
        if (clause === null || typeof clause !== 'object' || Array.isArray(clause)) return null;
        if (!filterFields(clause as Document, out)) return null;
      }
    } else if (key === '$comment') continue;
    else if (key.startsWith('$') || key.startsWith('__proto__')) return null;
    else out.add(key.split('.')[0]!);
  }
  return out;
}

/**
 * The BSON of `head` with one more field, `name`, holding a stored document's bytes as they are: what
 * serializing `{ ...head, [name]: decoded }` gives, without decoding (a journal's put, a snapshot cursor's entry).
 */
export function encodeWithDocument(head: Document, name: string, bytes: Uint8Array): Buffer {
  const first = serialize(head);
  const label = Buffer.from(`${name}\0`, 'utf8');
  const size = first.length + 1 + label.length + bytes.length;
  const out = Buffer.allocUnsafe(size);
  out.writeInt32LE(size, 0);
  out.set(first.subarray(4, first.length - 1), 4);
  let at = first.length - 1;
  out[at++] = 0x03;
  out.set(label, at);
  at += label.length;
  out.set(bytes, at);
  out[size - 1] = 0;
  return out;
}
