import { trusted } from 'mongoose';
import type { Side } from '@app/shared';
import { objectIdsOf } from '../../lib/ids.js';
import { ListingModel } from '../listings/model.js';
import { organizationFacts } from '../organizations/read.js';
import { UserModel } from '../users/model.js';
import { MatchModel, type MatchRecord } from './model.js';

/** One side of a match as people name it: its listing's title and who stands behind it. */
export interface MatchSideNames {
  listingTitle: string;
  /** The side's organization, or the owner's own name when the listing is not posted for one (a resident). */
  party: string;
}

/** How a match is named to people (notifications, the audit log): both listings and both parties. */
export type MatchNames = Record<Side, MatchSideNames> & { matchId: string };

type Named = Pick<
  MatchRecord,
  '_id' | 'needId' | 'offerId' | 'needOwnerId' | 'offerOwnerId' | 'needOrgId' | 'offerOrgId'
>;

const byId = <T extends { _id: unknown }>(docs: T[]) => new Map(docs.map((d) => [String(d._id), d]));

/**
 * The names of each match asked for, by match id; a match that is gone is missing from the map. `known`: matches
 * at hand (as their writer committed them), not read again.
 */
export async function matchNames(
  matchIds: readonly string[],
  known: readonly Named[] = [],
): Promise<Map<string, MatchNames>> {
  const ids = objectIdsOf(matchIds);
  const out = new Map<string, MatchNames>();
  if (!ids.length) return out;
  const given = new Map(known.map((m) => [String(m._id), m]));
  const unread = ids.filter((id) => !given.has(String(id)));
  const matches = [
    ...ids.flatMap((id) => given.get(String(id)) ?? []),
    ...(unread.length
      ? await MatchModel.find({ _id: trusted({ $in: unread }) })
          .select({ needId: 1, offerId: 1, needOwnerId: 1, offerOwnerId: 1, needOrgId: 1, offerOrgId: 1 })
          .lean<Named[]>()
      : []),
  ];
  const listingIds = matches.flatMap((m) => [m.needId, m.offerId]);
  const orgIds = matches.flatMap((m) => [m.needOrgId, m.offerOrgId]).filter(Boolean);
  const userIds = matches.flatMap((m) => [m.needOwnerId, m.offerOwnerId]);
  const [listings, orgs, users] = await Promise.all([
    ListingModel.find({ _id: trusted({ $in: listingIds }) })
      .select({ title: 1 })
      .lean<{ _id: unknown; title: string }[]>(),
    organizationFacts(orgIds),
    UserModel.find({ _id: trusted({ $in: userIds }) })
      .select({ name: 1 })
      .lean<{ _id: unknown; name: string }[]>(),
  ]).then(([l, o, u]) => [byId(l), o, byId(u)] as const);
  for (const m of matches) {
    const side = (listingId: unknown, orgId: unknown, ownerId: unknown): MatchSideNames => ({
      listingTitle: listings.get(String(listingId))?.title ?? '',
      party: (orgId ? orgs.get(String(orgId))?.name : undefined) ?? users.get(String(ownerId))?.name ?? '',
    });
    out.set(String(m._id), {
      matchId: String(m._id),
      need: side(m.needId, m.needOrgId, m.needOwnerId),
      offer: side(m.offerId, m.offerOrgId, m.offerOwnerId),
    });
  }
  return out;
}
