import { Binary, Decimal128, Long, ObjectId, Timestamp, type Document } from 'bson';

/**
 * The key of an ObjectId from its 12 bytes at `at`: `o` and one character per byte, made in one piece. The engine
 * keeps one such key per document (its `_id`) and per distinct value of an index: 13 one-byte characters in one
 * flat string (32 bytes of heap), where `'o' + hex` made a concatenation of two strings (72 bytes).
 */
export function objectIdKey(bytes: Uint8Array, at = 0): string {
  return String.fromCharCode(
    0x6f,
    bytes[at]!,
    bytes[at + 1]!,
    bytes[at + 2]!,
    bytes[at + 3]!,
    bytes[at + 4]!,
    bytes[at + 5]!,
    bytes[at + 6]!,
    bytes[at + 7]!,
    bytes[at + 8]!,
    bytes[at + 9]!,
    bytes[at + 10]!,
    bytes[at + 11]!,
  );
}

/**
 * A canonical string for a BSON value, equal for values MongoDB considers equal in an index
 * (1 and 1.0 and Long(1) alike; null and missing alike). Used for the _id map and index hash maps.
 */
export function keyOf(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return 's' + value;
    case 'number':
      return Object.is(value, -0) ? 'n0' : 'n' + String(value);
    case 'boolean':
      return value ? 'b1' : 'b0';
    case 'undefined':
      return 'N';
    case 'bigint':
      return 'n' + value.toString();
  }
  if (value === null) return 'N';
  if (value instanceof ObjectId) return objectIdKey(value.id);
  // Base 36: short enough (10 characters) for the runtime to make it one flat string rather than a concatenation.
  if (value instanceof Date) return 'd' + value.getTime().toString(36);
  if (Array.isArray(value)) return 'a' + JSON.stringify(value.map(keyOf));
  if (value instanceof Long) {
    const n = value.toNumber();
    return Number.isSafeInteger(n) ? 'n' + String(n) : 'n' + value.toString();
  }
  if (value instanceof Decimal128) return 'n' + value.toString();
  if (value instanceof RegExp) return 'r' + value.source + '/' + value.flags;
  if (value instanceof Binary)
    return 'x' + value.sub_type + ':' + Buffer.from(value.buffer).toString('base64');
  if (value instanceof Timestamp) return 't' + value.toString();
  if (isPlainObject(value)) {
    return 'O' + JSON.stringify(Object.entries(value).map(([k, v]) => [k, keyOf(v)]));
  }
  const tag = (value as { _bsontype?: string })._bsontype ?? 'unknown';
  return 'X' + tag + ':' + String(value);
}

export function isPlainObject(value: unknown): value is Document {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Marker for "the path is absent" in index key extraction. */
export const MISSING = Symbol('missing');

/**
 * The values a path reaches in a document, descending through arrays as MongoDB's multikey indexes do.
 * A terminal array contributes its elements (an empty one contributes `undefined`).
 */
export function valuesAtPath(doc: unknown, path: string): unknown[] {
  return valuesAtParts(doc, path.split('.'));
}

/** valuesAtPath for a path already split at its dots (an index splits its fields once). */
export function valuesAtParts(doc: unknown, parts: readonly string[]): unknown[] {
  const out: unknown[] = [];
  collect(doc, parts, 0, out);
  return out;
}

function collect(value: unknown, parts: readonly string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(undefined);
      else for (const v of value) out.push(v);
    } else {
      out.push(value);
    }
    return;
  }
  const part = parts[i]!;
  if (Array.isArray(value)) {
    if (/^\d+$/.test(part) && Number(part) < value.length) {
      collect(value[Number(part)], parts, i + 1, out);
      return;
    }
    let any = false;
    for (const element of value) {
      if (isPlainObject(element)) {
        any = true;
        collect(element, parts, i, out);
      }
    }
    if (!any) out.push(MISSING);
    return;
  }
  if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, part)) {
    collect(value[part], parts, i + 1, out);
    return;
  }
  out.push(MISSING);
}

/** Reads a dotted path without array expansion (undefined when absent). */
export function getPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Deep copy of a stored document; BSON value objects other than Date are immutable and shared. */
export function cloneDocument<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneDocument) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (isPlainObject(value)) {
    const copy: Document = {};
    const source = value as Document;
    for (const k of Object.keys(source)) copy[k] = cloneDocument(source[k]);
    return copy as T;
  }
  return value;
}
