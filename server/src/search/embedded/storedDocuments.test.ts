import { describe, expect, it } from 'vitest';
import { jsonOf } from '../../lib/jsonText.js';
import { StoredDocuments, type StoredDocument } from './storedDocuments.js';

/** A record of some size (long descriptions make the pools fill and compact within a test). */
function record(slot: number, round: number): StoredDocument {
  const text = `第${round}轮 ${slot} 为社区老人提供助餐服务。`.repeat(1 + ((slot * 7 + round) % 40));
  return { title: `助餐 ${slot}/${round}`, description: text, organizationName: slot % 3 ? `机构${slot % 11}` : null };
}

function expectSame(read: StoredDocuments, twin: StoredDocuments, slots: number): void {
  for (let slot = 0; slot < slots; slot++) expect(read.get(slot)).toEqual(twin.get(slot));
  // The parts a snapshot writes, compared as bytes (a deep comparison of typed arrays this size is slow).
  const [a, b] = [read.exportParts(slots), twin.exportParts(slots)];
  for (const key of ['bytes', 'offsets', 'lengths'] as const) {
    expect(Buffer.from(a[key].buffer).equals(Buffer.from(b[key].buffer))).toBe(true);
  }
}

describe('stored documents', () => {
  it('read back from a snapshot, keep every record through writes as the ones never read back', () => {
    const twin = new StoredDocuments();
    for (let slot = 0; slot < 600; slot++) twin.set(slot, record(slot, 0));
    const read = StoredDocuments.fromParts(twin.exportParts(600));
    expectSame(read, twin, 600);
    // Replacements, removals and new slots: first a few (the taken-over bytes stay), then until most of them are
    // holes (copied out when the own pool next fills).
    for (let round = 1; round <= 6; round++) {
      const step = round === 1 ? 37 : 2;
      for (let slot = round % 2; slot < 800; slot += step) {
        for (const stored of [twin, read]) {
          if (slot % 5 === 0) stored.unset(slot);
          else stored.set(slot, record(slot, round));
        }
      }
      expectSame(read, twin, 800);
    }
    // And once more through a snapshot of the records read back and written to.
    expectSame(StoredDocuments.fromParts(read.exportParts(800)), twin, 800);
  });
});

/** A record with a listing: stored alone (its texts are the document's), beside other texts, or none. */
function withListing(slot: number, round: number): StoredDocument {
  const doc = record(slot, round);
  if (slot % 4 === 3) return doc;
  const listing = {
    id: `l${slot}`,
    title: slot % 4 === 2 ? `${doc.title} (旧)` : doc.title,
    description: doc.description,
    ...(doc.organizationName ? { organizationName: doc.organizationName } : {}),
    amount: { min: slot, max: slot * 1.5 },
    note: '引号 " 反斜杠 \\ 换行 \n 表情 🙂',
  };
  return { ...doc, listing: listing as unknown as StoredDocument['listing'] };
}

describe("a stored listing's JSON", () => {
  it('is, without decoding, the bytes of what the decoded listing is written out as, and stays so after writes', () => {
    const stored = new StoredDocuments();
    for (let slot = 0; slot < 300; slot++) stored.set(slot, withListing(slot, 0));
    const expected = (slot: number) => {
      const listing = stored.get(slot)?.listing;
      return listing ? Buffer.from(jsonOf(listing)) : undefined;
    };
    const same = (json: Uint8Array | undefined, want: Buffer | undefined) =>
      json && want ? Buffer.from(json).equals(want) : json === want;
    const kinds = { alone: 0, beside: 0, none: 0 };
    const views = new Map<number, Uint8Array | undefined>();
    for (let slot = 0; slot < 300; slot++) {
      const json = stored.listingJson(slot);
      expect(same(json, expected(slot))).toBe(true);
      kinds[slot % 4 === 3 ? 'none' : slot % 4 === 2 ? 'beside' : 'alone']++;
      views.set(slot, json && Buffer.from(json));
      if (json) expect(JSON.parse(Buffer.from(json).toString('utf8'))).toEqual(stored.get(slot)!.listing);
    }
    expect(kinds).toEqual({ alone: 150, beside: 75, none: 75 });
    // Views taken before writes that fill and compact the pool still say what they said.
    const held = [0, 1, 2, 5, 6].map((slot) => [slot, stored.listingJson(slot)!] as const);
    for (let round = 1; round <= 4; round++) {
      for (let slot = 0; slot < 300; slot += 2) stored.set(slot, withListing(slot, round));
    }
    for (const [slot, view] of held) expect(Buffer.from(view).equals(Buffer.from(views.get(slot)!))).toBe(true);
    const read = StoredDocuments.fromParts(stored.exportParts(300));
    for (let slot = 0; slot < 300; slot++) {
      expect(same(read.listingJson(slot), expected(slot))).toBe(true);
    }
    expect(stored.listingJson(300)).toBeUndefined();
    stored.unset(1);
    expect(stored.listingJson(1)).toBeUndefined();
  });
});
