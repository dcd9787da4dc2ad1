import { trusted } from 'mongoose';
import { ListingModel, type ListingRecord } from '../listings/model.js';
import { askedAmount } from './commitment.js';
import { MatchModel } from './model.js';

/**
 * How far a listing is covered by its accepted and completed matches. For a need: the listings answering it,
 * grouped by kind, the sum committed toward what it asks and how much of its capacity is taken. For an offer:
 * the needs it answers, what it has awarded in all and how many of its awards or units are taken.
 */
export async function listingCoverage(listing: ListingRecord) {
  const isNeed = listing.side === 'need';
  const matches = await MatchModel.find({
    [isNeed ? 'needId' : 'offerId']: listing._id,
    status: trusted({ $in: ['accepted', 'completed'] }),
  })
    .select({ needId: 1, offerId: 1, amount: 1 })
    .lean();
  const otherIds = matches.map((m) => (isNeed ? m.offerId : m.needId));
  const others = otherIds.length
    ? await ListingModel.find({ _id: trusted({ $in: otherIds }) }).lean<ListingRecord[]>()
    : [];
  const kinds = new Map<string, { id: string; title: string; kind: string }[]>();
  for (const o of others)
    kinds.set(o.kind, [...(kinds.get(o.kind) ?? []), { id: String(o._id), title: o.title, kind: o.kind }]);
  const covered = matches.reduce((sum, m) => sum + (m.amount ?? 0), 0);
  // A need asks its amount; an offer gives at most one award's maximum per award.
  const asked = isNeed
    ? askedAmount(listing)
    : listing.kind === 'funding' && listing.amount?.max != null
      ? listing.amount.max * (listing.capacity ?? 1)
      : undefined;
  const capacity = listing.capacity ?? 1;
  return {
    needId: String(listing._id),
    kinds: [...kinds].map(([kind, list]) => ({ kind, offers: list })),
    ...(asked != null || covered ? { amount: { ...(asked != null ? { asked } : {}), covered } } : {}),
    capacity: { asked: capacity, covered: Math.min(capacity, listing.capacityUsed ?? 0) },
    open: listing.status === 'open',
  };
}
