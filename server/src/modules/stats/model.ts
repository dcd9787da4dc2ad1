import mongoose, { Schema, type Types } from 'mongoose';

/*
 * The statistics module's own collections: counters of listings posted, kept by a subscriber of `listing.changed`
 * and rebuilt from the listings when they do not cover them (counting.ts). Nothing else reads or writes them.
 */

/**
 * How many listings were posted in one bucket of time (a Shanghai month `YYYY-MM`, or a day `YYYY-MM-DD`), on one
 * side, in one district: `n` in all, `priority` of them in one of the policy's priority domains; per domain,
 * `domains[d]` of them have d and `priorityBy[d]` have d and a priority domain; `pairs['d|e']` have both d and e
 * (a domain's own breakdown by the others). A few thousand rows a year, whatever the number of listings.
 */
const listingCountSchema = new Schema(
  {
    bucket: { type: String, required: true },
    side: { type: String, required: true },
    district: { type: String, required: true },
    // No defaults: an upsert's `$inc` of `domains.x` must not meet a default of `domains`.
    n: { type: Number },
    priority: { type: Number },
    domains: { type: Schema.Types.Mixed },
    priorityBy: { type: Schema.Types.Mixed },
    pairs: { type: Schema.Types.Mixed },
  },
  { versionKey: false, strict: 'throw', minimize: false, collection: 'stat_listing_counts' },
);
// Unique per bucket, side and district; its first field answers the readers' buckets of a period.
listingCountSchema.index({ bucket: 1, side: 1, district: 1 }, { unique: true });

export const ListingCountModel = mongoose.model('StatListingCount', listingCountSchema);

/**
 * What each listing adds to the counters now: the subscriber compares it with the listing and moves the counts by
 * the difference, so an event seen twice, or an edit of the district or domains, counts right. One string per
 * listing (counting.ts `markOf`: when it was posted, its side, district and domains, as a JSON array), not five
 * fields and an array: the embedded database holds a mark for every listing in memory, and one string costs a
 * third of those objects.
 */
const listingMarkSchema = new Schema(
  { m: { type: String, required: true } },
  { versionKey: false, strict: 'throw', collection: 'stat_listing_marks' },
);

export const ListingMarkModel = mongoose.model('StatListingMark', listingMarkSchema);

export interface ListingMark {
  _id: Types.ObjectId;
  m: string;
}

/** The counters' format version: a server that finds another rebuilds them. */
const counterStateSchema = new Schema(
  { _id: { type: String, required: true }, version: { type: Number, required: true }, rebuiltAt: Date },
  { versionKey: false, strict: 'throw', collection: 'stat_state' },
);

export const CounterStateModel = mongoose.model('StatCounterState', counterStateSchema);

/**
 * What the matches whose need lies in one district did in one bucket of time (a Shanghai month or day), kept by a
 * subscriber of the match events (matchCounting.ts): `c` for all of them, `d[domain]` for those whose need has
 * the domain, each a `MatchSection` (matchMarks.ts): sums, and per-id or per-duration counts where a figure is a
 * distinct count or a median; a domain's needs met in `m[domain]`, apart, so that a view without a domain reads
 * `c` and `m` only.
 */
const matchCountSchema = new Schema(
  {
    bucket: { type: String, required: true },
    district: { type: String, default: '' },
    c: { type: Schema.Types.Mixed },
    d: { type: Schema.Types.Mixed },
    m: { type: Schema.Types.Mixed },
  },
  { versionKey: false, strict: 'throw', minimize: false, collection: 'stat_match_counts' },
);
matchCountSchema.index({ bucket: 1, district: 1 }, { unique: true });

export const MatchCountModel = mongoose.model('StatMatchCount', matchCountSchema);

/** What each match adds to the counters now (its mark): the subscriber moves the counters by the difference. */
const matchMarkSchema = new Schema(
  {
    needId: { type: Schema.Types.ObjectId, required: true },
    offerId: { type: Schema.Types.ObjectId, required: true },
    needOrgId: { type: Schema.Types.ObjectId },
    offerOrgId: { type: Schema.Types.ObjectId },
    /** The need's district ('' when the need is gone) and domains. */
    district: { type: String, default: '' },
    domains: { type: [String], default: [] },
    proposedAt: { type: Date, required: true },
    deadline: { type: Date, required: true },
    /** The Shanghai day of the deadline (`YYYY-MM-DD`): today's deadlines up to now are read by it. */
    deadlineDay: { type: String, required: true },
    acceptedAt: Date,
    declinedAt: Date,
    completedAt: Date,
    expiredAt: Date,
    /** Yuan put in, for a completed funding match. */
    funds: { type: Number, default: 0 },
  },
  { versionKey: false, strict: 'throw', collection: 'stat_match_marks' },
);
matchMarkSchema.index({ needId: 1 });
matchMarkSchema.index({ offerId: 1 });
matchMarkSchema.index({ needOrgId: 1 });
matchMarkSchema.index({ offerOrgId: 1 });
matchMarkSchema.index({ deadlineDay: 1 });

export const MatchMarkModel = mongoose.model('StatMatchMark', matchMarkSchema);

export interface MatchMark {
  _id: Types.ObjectId;
  needId: Types.ObjectId;
  offerId: Types.ObjectId;
  needOrgId?: Types.ObjectId;
  offerOrgId?: Types.ObjectId;
  district: string;
  domains: string[];
  proposedAt: Date;
  deadline: Date;
  deadlineDay: string;
  acceptedAt?: Date;
  declinedAt?: Date;
  completedAt?: Date;
  expiredAt?: Date;
  funds: number;
}
