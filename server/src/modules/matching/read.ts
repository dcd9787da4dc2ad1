import { trusted } from 'mongoose';
import type { Side } from '@app/shared';
import { objectIdsOf } from '../../lib/ids.js';
import { ListingModel } from '../listings/model.js';
import { organizationFacts } from '../organizations/read.js';
import { userNames } from '../users/read.js';
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

/** A listing as far as naming goes. */
type Titled = { _id: unknown; title: string };

/**
 * The names of each match asked for, by match id; a match that is gone is missing from the map. `known`: matches
 * at hand (as their writer committed them), not read again; `listings`: listings at hand, whose titles are not
 * read again. An owner's name is looked up only for a side without an organization to name it.
 */
export async function matchNames(
  matchIds: readonly string[],
  known: readonly Named[] = [],
  listings: readonly Titled[] = [],
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
  const titles = new Map(listings.map((l) => [String(l._id), l.title]));
  const untitled = matches.flatMap((m) => [m.needId, m.offerId]).filter((id) => !titles.has(String(id)));
  const orgs = await organizationFacts(matches.flatMap((m) => [m.needOrgId, m.offerOrgId]).filter(Boolean));
  const orgName = (orgId: unknown) => (orgId ? orgs.get(String(orgId))?.name : undefined);
  // Owners are named only where their side has no organization's name.
  const unnamed = matches.flatMap((m) => [
    ...(orgName(m.needOrgId) === undefined ? [String(m.needOwnerId)] : []),
    ...(orgName(m.offerOrgId) === undefined ? [String(m.offerOwnerId)] : []),
  ]);
  const [read, users] = await Promise.all([
    untitled.length
      ? ListingModel.find({ _id: trusted({ $in: untitled }) })
          .select({ title: 1 })
          .lean<Titled[]>()
      : [],
    unnamed.length ? userNames(unnamed) : new Map<string, string>(),
  ]);
  for (const l of read) titles.set(String(l._id), l.title);
  for (const m of matches) {
    const side = (listingId: unknown, orgId: unknown, ownerId: unknown): MatchSideNames => ({
      listingTitle: titles.get(String(listingId)) ?? '',
      party: orgName(orgId) ?? users.get(String(ownerId)) ?? '',
    });
    out.set(String(m._id), {
      matchId: String(m._id),
      need: side(m.needId, m.needOrgId, m.needOwnerId),
      offer: side(m.offerId, m.offerOrgId, m.offerOwnerId),
    });
  }
  return out;
}
