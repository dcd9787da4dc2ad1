import { describe, expect, it } from 'vitest';
import { HeldListings, SentListings } from './heldListings.js';
import { answerFrames, FrameReader, type AnswerFrame } from './protocol.js';

/** A small random generator with a seed, so that a failure repeats. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
}

describe('the listings a worker holds for its connection', () => {
  it('gives every candidate the listing as it is now, sending only those the worker does not hold so', () => {
    for (const [seed, capacity] of [
      [1, 1],
      [2, 3],
      [3, 8],
      [4, 40],
    ] as const) {
      const next = random(seed);
      const sent = new SentListings(capacity);
      const held = new HeldListings();
      // 30 listings whose texts change now and then; each answer asks for up to 12 of them, each once.
      const versions = Array.from({ length: 30 }, () => 0);
      const textOf = (n: number) => JSON.stringify({ id: `l${n}`, title: `第${n}条`, version: versions[n] });
      let came = 0;
      let asked = 0;
      for (let round = 0; round < 400; round++) {
        if (next() < 0.2) versions[Math.floor(next() * 30)]!++;
        const ids = [
          ...new Set(Array.from({ length: 1 + Math.floor(next() * 12) }, () => Math.floor(next() * 30))),
        ];
        const hits = ids.map((n) => ({ id: `l${n}`, listingJson: Buffer.from(textOf(n)) }));
        // The host's answer, then the worker's reading of it, as over the RPC.
        const [answer, ...texts] = new FrameReader().pushTexts(
          answerFrames(round, 'findCandidates', hits, sent),
        );
        const frame = JSON.parse(answer!) as Extract<AnswerFrame, { result: unknown }>;
        const result = frame.result as { id: string; listing?: unknown }[];
        held.settle(result, frame.listed ?? [], texts, frame.held!, (text) => JSON.parse(text));
        expect(result.map((hit) => JSON.stringify(hit.listing))).toEqual(ids.map(textOf));
        came += texts.length;
        asked += ids.length;
      }
      // Held listings are sent again only when changed or put out of their slot.
      if (capacity >= 30) expect(came).toBeLessThan(asked / 4);
      else expect(came).toBeLessThanOrEqual(asked);
    }
  });

  it('refuses an answer naming a slot the worker never filled', () => {
    const hits: { id: string; listing?: unknown }[] = [{ id: 'a' }];
    expect(() =>
      new HeldListings().settle(hits, [], [], { keep: [], reuse: [0, 5] }, (text) => JSON.parse(text)),
    ).toThrow(/no listing held in slot 5/);
  });
});
