import { ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { decodeDocument, encodeDocument, idKeyOf, type StoredBytes } from './bsonBytes.js';
import { DocumentMap } from './documentMap.js';
import { keyOf } from './keys.js';

/** Documents back to back in one buffer, as a snapshot file holds them, and a view of each. */
function fileOf(count: number): StoredBytes[] {
  const encoded = Array.from({ length: count }, (_, i) =>
    encodeDocument({ _id: new ObjectId(), n: i, text: '社区助餐'.repeat(i % 9), at: new Date(i * 1000) }),
  );
  const file = Buffer.concat([Buffer.from('header'), ...encoded]);
  let at = 6;
  return encoded.map((bytes) => {
    const view = file.subarray(at, at + bytes.length);
    at += bytes.length;
    return view;
  });
}

describe('the documents of a collection', () => {
  it('hold documents read from a file by their offset, and answer as a Map of their bytes would', () => {
    const map = new DocumentMap();
    const model = new Map<string, StoredBytes>();
    const views = fileOf(300);
    for (const bytes of views) {
      map.setFromFile(idKeyOf(bytes), bytes);
      model.set(idKeyOf(bytes), bytes);
    }
    // One from another buffer (not the file's) is kept as it is.
    const apart = encodeDocument({ _id: new ObjectId(), n: -1 });
    map.setFromFile(idKeyOf(apart), apart);
    model.set(idKeyOf(apart), apart);
    // Written since: replaced, added, deleted.
    for (let i = 0; i < 300; i += 7) {
      const id = idKeyOf(views[i]!);
      const doc = { ...decodeDocument(views[i]!), n: i + 1000 };
      map.set(id, encodeDocument(doc));
      model.set(id, encodeDocument(doc));
    }
    const added = encodeDocument({ _id: 'plain', n: 5 });
    map.set(idKeyOf(added), added);
    model.set(idKeyOf(added), added);
    for (let i = 3; i < 300; i += 11) {
      map.delete(idKeyOf(views[i]!));
      model.delete(idKeyOf(views[i]!));
    }
    expect(map.size).toBe(model.size);
    expect([...map.keys()]).toEqual([...model.keys()]);
    expect([...map.entries()].map(([id, b]) => [id, decodeDocument(b)])).toEqual(
      [...model.entries()].map(([id, b]) => [id, decodeDocument(b)]),
    );
    expect([...map].map(([id]) => id)).toEqual([...model.keys()]);
    expect([...map.values()].map((b) => Buffer.from(b))).toEqual([...model.values()].map((b) => Buffer.from(b)));
    for (const id of [...model.keys(), keyOf(new ObjectId())]) {
      expect(map.has(id)).toBe(model.has(id));
      expect(map.get(id) && Buffer.from(map.get(id)!)).toEqual(model.get(id) && Buffer.from(model.get(id)!));
    }
  });
});
