/**
 * What the server acknowledged, and what was sent but never answered: after a crash, every acknowledged write
 * must be there, and an unanswered one may or may not be.
 */

interface ListingEntry {
  owner: string;
  /** Titles in the order they were sent; `acked` once the server answered 2xx. */
  writes: { title: string; acked: boolean }[];
}

interface MatchEntry {
  /** The e-mail of a side that may read it. */
  reader: string;
  acceptSent: boolean;
  accepted: boolean;
}

export class Journal {
  readonly listings = new Map<string, ListingEntry>();
  readonly matches = new Map<string, MatchEntry>();
  readonly messages: { conversationId: string; clientId: string; sender: string }[] = [];

  listingCreated(id: string, owner: string, title: string): void {
    this.listings.set(id, { owner, writes: [{ title, acked: true }] });
  }

  listingUpdateSent(id: string, owner: string, title: string): void {
    const entry = this.listings.get(id) ?? { owner, writes: [] };
    entry.writes.push({ title, acked: false });
    this.listings.set(id, entry);
  }

  listingUpdated(id: string, title: string): void {
    const write = this.listings.get(id)?.writes.find((w) => w.title === title);
    if (write) write.acked = true;
  }

  matchProposed(id: string, proposer: string): void {
    this.matches.set(id, { reader: proposer, acceptSent: false, accepted: false });
  }

  matchAcceptSent(id: string, accepter: string): void {
    const entry = this.matches.get(id) ?? { reader: accepter, acceptSent: false, accepted: false };
    entry.acceptSent = true;
    this.matches.set(id, entry);
  }

  matchAccepted(id: string): void {
    const entry = this.matches.get(id);
    if (entry) entry.accepted = true;
  }

  messageSent(conversationId: string, clientId: string, sender: string): void {
    this.messages.push({ conversationId, clientId, sender });
  }

  /**
   * Titles a listing may carry now: the last acknowledged one, or one sent after it and never answered.
   * Undefined when nothing about it was acknowledged.
   */
  allowedTitles(id: string): string[] | undefined {
    const writes = this.listings.get(id)?.writes ?? [];
    const last = writes.map((w) => w.acked).lastIndexOf(true);
    if (last < 0) return undefined;
    return writes.slice(last).map((w) => w.title);
  }

  get acknowledged(): {
    listings: number;
    listingWrites: number;
    matches: number;
    accepts: number;
    messages: number;
  } {
    const writes = [...this.listings.values()].flatMap((l) => l.writes);
    return {
      listings: [...this.listings.keys()].filter((id) => this.allowedTitles(id)).length,
      listingWrites: writes.filter((w) => w.acked).length,
      matches: this.matches.size,
      accepts: [...this.matches.values()].filter((m) => m.accepted).length,
      messages: this.messages.length,
    };
  }
}
