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
  return withLast(jsonOf(value), key, extra);
}

/** An object's JSON text (as JSON.stringify writes it) with a property added at its end. */
function withLast(json: string, key: string, extra: unknown): string {
  const tail = `${JSON.stringify(key)}:${JSON.stringify(extra)}}`;
  return json === '{}' ? `{${tail}` : `${json.slice(0, -1)},${tail}`;
}

/**
 * `jsonWith` for an object known by its JSON text (as JSON.stringify writes it), parsing it only when the key may
 * be among its properties already.
 */
export function textWith(text: string, key: string, extra: unknown): string {
  if (extra === undefined) return text;
  if (text.includes(`${JSON.stringify(key)}:`)) return jsonWith(parseKeepingText(text) as object, key, extra);
  return withLast(text, key, extra);
}

/** Properties set by `setParsedOnRead` and not read since: their holder, name and JSON text. */
const unread = new WeakMap<object, { key: string; text: string }>();

/**
 * Makes `holder[key]` the value of a JSON text (an object's, as JSON.stringify writes it) that is parsed, with its
 * text kept, when the property is first read or replaced: a reader that only writes it out as JSON
 * (`unreadText`) never parses it. One such property per holder.
 */
export function setParsedOnRead(holder: object, key: string, text: string): void {
  const settle = (value: unknown) => {
    unread.delete(holder);
    Object.defineProperty(holder, key, { value, writable: true, enumerable: true, configurable: true });
  };
  unread.set(holder, { key, text });
  Object.defineProperty(holder, key, {
    get() {
      const value = parseKeepingText(text);
      settle(value);
      return value;
    },
    set: settle,
    enumerable: true,
    configurable: true,
  });
}

/** The JSON text of `holder[key]` when `setParsedOnRead` gave it and it was neither read nor replaced since. */
export function unreadText(holder: object, key: string): string | undefined {
  const kept = unread.get(holder);
  return kept?.key === key ? kept.text : undefined;
}

/** A body already serialized as JSON, which `mountRoute` sends as it is (`application/json`). */
export class JsonText {
  constructor(readonly text: string) {}
}
