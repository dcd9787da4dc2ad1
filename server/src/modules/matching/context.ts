import { trusted } from 'mongoose';
import type { Listing } from '@app/shared';
import { isRegistered } from '../organizations/model.js';
import { organizationFacts } from '../organizations/read.js';
import { MatchModel, type MatchRecord } from './model.js';
import type { MatchOrganization, ProviderRecord } from './types.js';

/** What matching knows of organizations: type, registered, verified grade and name, by id. */
export async function matchOrganizations(
  ids: readonly (string | undefined)[],
): Promise<Map<string, MatchOrganization>> {
  const orgs = await organizationFacts(ids);
  return new Map(
    [...orgs].map(([id, o]) => [
      id,
      {
        type: o.type as MatchOrganization['type'],
        registered: isRegistered(o),
        // A grade counts once a base has verified the organization, as a registration does.
        grade: o.verification?.status === 'verified' ? (o.grade ?? null) : null,
        name: o.name,
        district: o.district,
      },
    ]),
  );
}

export const organizationOf =
  (orgs: Map<string, MatchOrganization>) => (listing: Pick<Listing, 'organizationId'>) =>
    listing.organizationId ? orgs.get(listing.organizationId) : undefined;

/**
 * Each provider's record, by owner id: the share of proposals made to them that they answered, their completed
 * matches, and their reviews from the other side.
 */
export async function providerRecords(ownerIds: readonly string[]): Promise<Map<string, ProviderRecord>> {
  const ids = [...new Set(ownerIds)];
  if (!ids.length) return new Map();
  const matches = await MatchModel.find({ $or: providerRecordsFilter(ids) })
    .select(PROVIDER_RECORD_FIELDS)
    .lean<RecordedMatch[]>();
  return tallyProviderRecords(ownerIds, matches);
}

/** The matches a provider's record counts: those of its owners, on either side (`$or` branches). */
export const providerRecordsFilter = (ids: readonly string[]) => [
  { needOwnerId: trusted({ $in: ids }) },
  { offerOwnerId: trusted({ $in: ids }) },
];

/** What a provider's record reads of a match. */
export const PROVIDER_RECORD_FIELDS = { needOwnerId: 1, offerOwnerId: 1, proposedSide: 1, status: 1, reviews: 1 };

type RecordedMatch = Pick<MatchRecord, 'needOwnerId' | 'offerOwnerId' | 'proposedSide' | 'status' | 'reviews'>;

/** Each owner's record from matches that include all of theirs (others among them are passed over). */
export function tallyProviderRecords(
  ownerIds: readonly string[],
  matches: readonly RecordedMatch[],
): Map<string, ProviderRecord> {
  const asked = new Set(ownerIds);
  const records = new Map<string, ProviderRecord>();
  const acc = new Map<string, { asked: number; answered: number; completed: number; ratings: number[] }>();
  const entry = (id: string) =>
    acc.get(id) ?? (acc.set(id, { asked: 0, answered: 0, completed: 0, ratings: [] }), acc.get(id)!);
  for (const m of matches) {
    for (const side of ['need', 'offer'] as const) {
      const owner = String(side === 'need' ? m.needOwnerId : m.offerOwnerId);
      if (!asked.has(owner)) continue;
      const e = entry(owner);
      if (m.proposedSide !== side) {
        e.asked++;
        if (m.status !== 'proposed' && m.status !== 'expired') e.answered++;
      }
      if (m.status === 'completed') e.completed++;
      for (const r of m.reviews ?? []) if (r.side !== side) e.ratings.push(r.rating);
    }
  }
  for (const [id, e] of acc) {
    records.set(id, {
      ...(e.asked ? { responseRate: e.answered / e.asked } : {}),
      completed: e.completed,
      ...(e.ratings.length ? { averageRating: e.ratings.reduce((a, b) => a + b, 0) / e.ratings.length } : {}),
      reviews: e.ratings.length,
    });
  }
  return records;
}
