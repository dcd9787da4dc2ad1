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
 * the difference, so an event seen twice, or an edit of the district or domains, counts right.
 */
const listingMarkSchema = new Schema(
  {
    createdAt: { type: Date, required: true },
    side: { type: String, required: true },
    district: { type: String, required: true },
    domains: { type: [String], default: [] },
  },
  { versionKey: false, strict: 'throw', collection: 'stat_listing_marks' },
);

export const ListingMarkModel = mongoose.model('StatListingMark', listingMarkSchema);

export interface ListingMark {
  _id: Types.ObjectId;
  createdAt: Date;
  side: 'need' | 'offer';
  district: string;
  domains: string[];
}

/** The counters' format version: a server that finds another rebuilds them. */
const counterStateSchema = new Schema(
  { _id: { type: String, required: true }, version: { type: Number, required: true }, rebuiltAt: Date },
  { versionKey: false, strict: 'throw', collection: 'stat_state' },
);

export const CounterStateModel = mongoose.model('StatCounterState', counterStateSchema);
