import { ObjectId } from 'bson';
import { describe, expect, it } from 'vitest';
import { encodeDocument, idKeyOf } from './bsonBytes.js';
import { keyOf } from './keys.js';

describe('index keys', () => {
  it('of ObjectIds and dates are equal exactly when their values are', () => {
    const ids = Array.from({ length: 2000 }, () => new ObjectId());
    const keys = new Set(ids.map(keyOf));
    expect(keys.size).toBe(ids.length);
    for (const id of ids.slice(0, 50)) {
      expect(keyOf(new ObjectId(id.toHexString()))).toBe(keyOf(id));
      expect(idKeyOf(encodeDocument({ _id: id }))).toBe(keyOf(id));
    }
    const times = [0, 1, -1, 1733011200000, 1733011200001, 8.64e15, -8.64e15];
    expect(new Set(times.map((t) => keyOf(new Date(t)))).size).toBe(times.length);
    expect(keyOf(new Date(1733011200000))).toBe(keyOf(new Date('2024-12-01T00:00:00Z')));
    expect(new Set([keyOf(ids[0]), keyOf(ids[0]!.toHexString()), keyOf(new Date(5)), keyOf(5)]).size).toBe(4);
  });
});
