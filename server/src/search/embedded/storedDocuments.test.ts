import { describe, expect, it } from 'vitest';
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
