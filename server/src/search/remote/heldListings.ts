/**
 * The candidates' listings a worker already holds, so that the primary does not send them again. A recommendation
 * asks for ~160 candidates, most of them the newest listings of a domain or a district that the last
 * recommendations asked for too; each came as ~0.9 KB of JSON that the worker decoded again. On each connection
 * the host (`SentListings`) decides, candidate by candidate, either to send the listing and have the worker keep it
 * in a numbered slot, or to name the slot that holds the same bytes already; the worker (`HeldListings`) only does
 * what the answer says, in the order its answers come, so the two sides never disagree about a slot. Both start
 * empty with the connection and end with it. A listing changed since it was sent has other bytes and is sent again;
 * one is kept only when asked for a second time (the words' candidates of one subject seldom come again).
 * The candidates' listings are decoded when they come (the ranking reads every one), not left to be parsed on
 * first read as a search's are.
 */

/** How many listings a worker holds for its connection (about 2–4 KB each decoded; the host keeps their bytes). */
export const HELD_LISTINGS = 2048;

/** What a candidates answer says about its listings (protocol.ts `AnswerFrame`). */
export interface HeldInstructions {
  /** For each listing that follows the answer (`listed`), the slot to keep it in; -1: not kept. */
  keep: number[];
  /** `[position, slot]`: a hit whose listing is the one held in the slot, as it was before this answer. */
  reuse: number[];
}

interface Slot {
  id: string;
  bytes: Uint8Array;
  /** Reused since the clock hand last passed: passed over once more (the clock's second chance). */
  used: boolean;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0;

/** The host's side of one connection: the bytes of the listing in each of the worker's slots. */
export class SentListings {
  private readonly slots: (Slot | undefined)[];
  private readonly slotOf = new Map<string, number>();
  private hand = 0;
  /** Listings sent once and not kept: the second time one is asked for, it is kept. */
  private seenOnce = new Set<string>();

  constructor(readonly capacity = HELD_LISTINGS) {
    this.slots = new Array<Slot | undefined>(capacity);
  }

  /**
   * Where a candidate's listing comes from in the answer being written: `{ slot, send: false }` when the worker
   * holds these very bytes, else `{ slot, send: true }`: send them, and the worker keeps them in `slot`.
   * Called in the order the answers are written.
   */
  place(id: string, bytes: Uint8Array): { slot: number; send: boolean } {
    const at = this.slotOf.get(id);
    if (at !== undefined) {
      const slot = this.slots[at]!;
      if (sameBytes(slot.bytes, bytes)) {
        slot.used = true;
        return { slot: at, send: false };
      }
      // Changed since it was sent: the new bytes go into the same slot.
      this.slots[at] = { id, bytes: bytes.slice(), used: true };
      return { slot: at, send: true };
    }
    // Kept only once asked for again: most candidates found by a subject's own words are asked for once, and a
    // listing kept costs the worker's collector more than one it drops (it is copied out of the young space).
    if (!this.seenOnce.has(id)) {
      if (this.seenOnce.size >= this.capacity * 8) this.seenOnce = new Set();
      this.seenOnce.add(id);
      return { slot: -1, send: true };
    }
    this.seenOnce.delete(id);
    const free = this.freeSlot();
    const old = this.slots[free];
    if (old) this.slotOf.delete(old.id);
    this.slots[free] = { id, bytes: bytes.slice(), used: false };
    this.slotOf.set(id, free);
    return { slot: free, send: true };
  }

  /** The next slot the clock hand finds empty or not reused since it last passed (passing clears the mark). */
  private freeSlot(): number {
    for (;;) {
      const at = this.hand;
      this.hand = (this.hand + 1) % this.capacity;
      const slot = this.slots[at];
      if (!slot || !slot.used) return at;
      slot.used = false;
    }
  }
}

/** The worker's side of one connection: the listings it keeps, decoded, by slot. */
export class HeldListings {
  private readonly slots: unknown[] = [];

  /**
   * Gives each hit the listing the answer says: first those named by slot (as the slots were before this answer),
   * then those that came (`listings`, decoded by `decode`, for the hits at `listed`), kept in their slots.
   */
  settle(
    hits: { listing?: unknown }[],
    listed: readonly number[],
    listings: readonly string[],
    held: HeldInstructions,
    decode: (text: string) => unknown,
  ): void {
    for (let i = 0; i < held.reuse.length; i += 2) {
      const slot = held.reuse[i + 1]!;
      if (!(slot in this.slots)) throw new Error(`search host: no listing held in slot ${slot}`);
      hits[held.reuse[i]!]!.listing = this.slots[slot];
    }
    listed.forEach((at, i) => {
      const listing = decode(listings[i]!);
      hits[at]!.listing = listing;
      const slot = held.keep[i]!;
      if (slot >= 0) this.slots[slot] = listing;
    });
  }
}
