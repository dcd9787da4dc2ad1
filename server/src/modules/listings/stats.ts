import { Types } from 'mongoose';
import { monthIndexExpression, within } from '../../lib/aggregation.js';
import { ListingModel } from './model.js';

/*
 * The listings' read functions for the statistics module: it never touches ListingModel itself.
 */

/** Which listings a figure covers: those in a district, of a domain, of some organizations (a base's). */
export interface ListingScope {
  district?: string;
  domain?: string;
  organizationIds?: Types.ObjectId[];
}

export function listingScopeFilter(scope: ListingScope): Record<string, unknown> {
  return {
    ...(scope.district ? { district: scope.district } : {}),
    ...(scope.domain ? { domains: scope.domain } : {}),
    ...(scope.organizationIds ? { organizationId: { $in: scope.organizationIds } } : {}),
  };
}

/**
 * Listings posted in a range, counted per side, district, month (index into `months`, -1 before), domains, and
 * whether they were posted at or after `splitAt` (`current`) or before it.
 */
export interface PostedGroup {
  current: boolean;
  side: 'need' | 'offer';
  district: string;
  month: number;
  domains: string[];
  count: number;
}

/**
 * Counts the listings posted (created) in `range`, grouped so that every total, district, month and domain figure
 * of the dashboard is a sum over the groups: one pass over the listings of the range.
 */
export async function postedListingGroups(
  scope: ListingScope,
  range: { from: Date; to: Date },
  months: Date[],
  splitAt: Date,
): Promise<PostedGroup[]> {
  const rows = await ListingModel.aggregate<{
    _id: { current: boolean; side: 'need' | 'offer'; district: string; month: number; domains?: string[] };
    count: number;
  }>([
    { $match: { createdAt: within(range), ...listingScopeFilter(scope) } },
    {
      $group: {
        _id: {
          current: { $gte: ['$createdAt', splitAt] },
          side: '$side',
          district: '$district',
          month: monthIndexExpression('$createdAt', months),
          domains: '$domains',
        },
        count: { $sum: 1 },
      },
    },
  ]);
  return rows.map((r) => ({ ...r._id, domains: r._id.domains ?? [], count: r.count }));
}

/** Needs posted in `range` by each of these organizations. */
export async function needsPostedByOrganization(
  scope: ListingScope & { organizationIds: Types.ObjectId[] },
  range: { from: Date; to: Date },
): Promise<Map<string, number>> {
  if (!scope.organizationIds.length) return new Map();
  const rows = await ListingModel.aggregate<{ _id: Types.ObjectId; count: number }>([
    { $match: { createdAt: within(range), side: 'need', ...listingScopeFilter(scope) } },
    { $group: { _id: '$organizationId', count: { $sum: 1 } } },
  ]);
  return new Map(rows.map((r) => [String(r._id), r.count]));
}

/** What the statistics need to know of a listing a match names. */
export interface ListingFacts {
  side: 'need' | 'offer';
  kind: string;
  district: string;
  domains: string[];
  amount?: { min?: number; max?: number };
}

/**
 * The facts of these listings, by id: an indexed lookup in batches, each packed into one document (a document
 * apiece through the driver costs the embedded engine about three times as much).
 */
export async function listingFacts(ids: Types.ObjectId[]): Promise<Map<string, ListingFacts>> {
  const facts = new Map<string, ListingFacts>();
  const BATCH = 5000;
  for (let i = 0; i < ids.length; i += BATCH) {
    const [packed] = await ListingModel.aggregate<{
      listings: (ListingFacts & { _id: Types.ObjectId; amount?: ListingFacts['amount'] | null })[];
    }>([
      { $match: { _id: { $in: ids.slice(i, i + BATCH) } } },
      {
        $group: {
          _id: null,
          listings: {
            $push: {
              _id: '$_id',
              side: '$side',
              kind: '$kind',
              district: '$district',
              domains: '$domains',
              amount: '$amount',
            },
          },
        },
      },
    ]);
    for (const { _id, side, kind, district, domains, amount } of packed?.listings ?? [])
      facts.set(String(_id), { side, kind, district, domains: domains ?? [], ...(amount ? { amount } : {}) });
  }
  return facts;
}

/** What the statistics' counters keep of a listing: when it was posted, its side, district and domains. */
export interface CountedListing {
  _id: Types.ObjectId;
  createdAt: Date;
  side: 'need' | 'offer';
  district: string;
  domains: string[];
}

/** A listing as the counters see it (one read whole, or one its writer handed over). */
export const countedListingOf = (l: CountedListing): CountedListing => ({
  _id: l._id,
  createdAt: l.createdAt,
  side: l.side,
  district: l.district,
  domains: l.domains ?? [],
});

/** One listing as the counters see it (null when there is no such listing). */
export async function countedListing(id: string): Promise<CountedListing | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  // Whole documents are read: the embedded engine's projection costs more than the bytes it saves.
  const l = await ListingModel.findById(id).lean<CountedListing>();
  return l && countedListingOf(l);
}

/** Every listing as the counters see it (to rebuild them from the listings themselves). */
export async function everyCountedListing(): Promise<CountedListing[]> {
  return (await ListingModel.find().lean<CountedListing[]>()).map(countedListingOf);
}

/** How many listings there are (the store's own estimate: a cheap check that the counters cover them all). */
export const listingTotal = () => ListingModel.estimatedDocumentCount();
