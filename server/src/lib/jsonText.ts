/**
 * JSON written out as it was read. An answer made of records kept as JSON text (the embedded search index keeps
 * each listing as the JSON of its API form) can put those texts into its body as they are, instead of serializing
 * the objects parsed from them a second time: `parseKeepingText` parses a record and remembers its text for the
 * object it gave; `jsonOf` hands that text back for the very same object, and JSON.stringify's for anything else.
 * The text is what JSON.stringify made of the object's value, so the bytes are the same either way. An object
 * parsed here must not be changed afterwards (its remembered text would no longer say what it holds).
 */
const texts = new WeakMap<object, string>();

export function parseKeepingText(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (typeof value === 'object' && value !== null) texts.set(value, text);
  return value;
}

/** The value as JSON: the text it was parsed from when `parseKeepingText` gave it, else JSON.stringify's. */
export function jsonOf(value: unknown): string {
  const kept = typeof value === 'object' && value !== null ? texts.get(value) : undefined;
  return kept ?? JSON.stringify(value);
}

/** An object's JSON with one more property at its end, as `{ ...value, [key]: extra }` would serialize. */
export function jsonWith(value: object, key: string, extra: unknown): string {
  if (extra === undefined) return jsonOf(value);
  if (Object.hasOwn(value, key)) return JSON.stringify({ ...value, [key]: extra });
  const json = jsonOf(value);
  const tail = `${JSON.stringify(key)}:${JSON.stringify(extra)}}`;
  return json === '{}' ? `{${tail}` : `${json.slice(0, -1)},${tail}`;
}

/** A body already serialized as JSON, which `mountRoute` sends as it is (`application/json`). */
export class JsonText {
  constructor(readonly text: string) {}
}
