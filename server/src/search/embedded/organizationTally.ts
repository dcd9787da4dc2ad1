/**
 * Which organization name and verified badge the index's listings carry, per organization, and how many carry
 * each: what a start compares with the organizations changed since the snapshot (search/snapshots.ts), so that
 * only the listings of an organization whose name or badge really differs are read again, without decoding every
 * stored listing. Kept up as listings are upserted and deleted (from the stored listing each carries), and saved
 * in the snapshot with the rest of the index.
 */
import type { SearchDocument } from '../port.js';

type StoredListing = SearchDocument['listing'];

/** What a snapshot keeps: per organization id, each name-and-badge key with how many listings carry it. */
export type OrganizationTallyParts = [organizationId: string, carried: [key: string, listings: number][]][];

/** The key of a name and badge as a listing carries them (`organizationName`, `verified`). */
export function organizationKey(name: string | null | undefined, verified: boolean): string {
  return JSON.stringify([name ?? null, verified]);
}

export class OrganizationTally {
  private readonly byOrganization = new Map<string, Map<string, number>>();

  /** Counts a stored listing (one without an organization is not counted). */
  add(listing: StoredListing): void {
    if (!listing?.organizationId) return;
    const key = organizationKey(listing.organizationName, listing.verified);
    let carried = this.byOrganization.get(listing.organizationId);
    if (!carried) this.byOrganization.set(listing.organizationId, (carried = new Map()));
    carried.set(key, (carried.get(key) ?? 0) + 1);
  }

  /** Uncounts a stored listing that `add` counted. */
  remove(listing: StoredListing): void {
    if (!listing?.organizationId) return;
    const carried = this.byOrganization.get(listing.organizationId);
    if (!carried) return;
    const key = organizationKey(listing.organizationName, listing.verified);
    const n = (carried.get(key) ?? 0) - 1;
    if (n > 0) carried.set(key, n);
    else carried.delete(key);
    if (carried.size === 0) this.byOrganization.delete(listing.organizationId);
  }

  /** The name-and-badge keys an organization's indexed listings carry (with how many each); none indexed: undefined. */
  of(organizationId: string): ReadonlyMap<string, number> | undefined {
    return this.byOrganization.get(organizationId);
  }

  exportParts(): OrganizationTallyParts {
    return [...this.byOrganization].map(([id, carried]) => [id, [...carried]]);
  }

  static fromParts(parts: OrganizationTallyParts): OrganizationTally {
    const tally = new OrganizationTally();
    for (const [id, carried] of parts) tally.byOrganization.set(id, new Map(carried));
    return tally;
  }
}
