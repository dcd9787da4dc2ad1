import { Types } from 'mongoose';
import { isPriorityDomain } from '@app/shared';
import type { AppContext } from '../../context.js';
import { committedListing } from '../listings/events.js';
import {
  countedListing,
  countedListingOf,
  everyCountedListing,
  listingTotal,
  type CountedListing,
} from '../listings/stats.js';
import { increment } from './increment.js';
import { recountMatchesOf, subscribeMatchCounters } from './matchCounting.js';
import { CounterStateModel, ListingCountModel, ListingMarkModel, type ListingMark } from './model.js';
import { dayKey } from './period.js';

/*
 * Counters of listings posted (model.ts), so that a dashboard view reads a few thousand counters instead of every
 * listing of two periods. Kept by a subscriber of `listing.changed`: it compares the listing with what it last
 * counted of it (its mark) and moves the counters by the difference, so an event delivered twice, an edit of
 * the district or domains, or a listing gone, all count right. Rebuilt from the listings themselves when they
 * do not match (at start, after bulk loads that bypass the services: the seed, the demo history, tests).
 */

/** 2: a listing's mark is one string (model.ts). */
const VERSION = 2;
const STATE_ID = 'listings';
const BATCH = 2000;

type Counted = Omit<CountedListing, '_id'>;

/** A counter's identity. */
interface CounterKey {
  bucket: string;
  side: string;
  district: string;
}

/** What one listing adds to each of its two counters (its day's and its month's), as `$inc` paths. */
function incrementsOf(l: Counted, sign: 1 | -1): { key: CounterKey; inc: Record<string, number> }[] {
  const day = dayKey(l.createdAt);
  const domains = [...new Set(l.domains ?? [])];
  const priority = domains.some(isPriorityDomain);
  const inc: Record<string, number> = { n: sign };
  if (priority) inc.priority = sign;
  for (const d of domains) {
    inc[`domains.${d}`] = sign;
    if (priority) inc[`priorityBy.${d}`] = sign;
    for (const e of domains) if (e !== d) inc[`pairs.${d}|${e}`] = sign;
  }
  return [day, day.slice(0, 7)].map((bucket) => ({
    key: { bucket, side: l.side, district: l.district },
    inc,
  }));
}

interface Delta {
  key: CounterKey;
  inc: Record<string, number>;
}

const keyText = (k: CounterKey) => `${k.bucket}|${k.side}|${k.district}`;

/** Adds `sign` times a listing's counts into `into`, per counter. */
function tally(into: Map<string, Delta>, l: Counted, sign: 1 | -1): void {
  for (const { key, inc } of incrementsOf(l, sign)) {
    const text = keyText(key);
    const delta = into.get(text) ?? into.set(text, { key, inc: {} }).get(text)!;
    for (const [path, by] of Object.entries(inc)) delta.inc[path] = (delta.inc[path] ?? 0) + by;
  }
}

/** A listing's mark: what it adds to the counters, one string equal for listings that count the same. */
const markOf = (l: Counted): string =>
  JSON.stringify([+l.createdAt, l.side, l.district, ...[...new Set(l.domains ?? [])].sort()]);

/** What a mark counted. */
function countedOf(mark: string): Counted {
  const [ms, side, district, ...domains] = JSON.parse(mark) as [number, Counted['side'], string, ...string[]];
  return { createdAt: new Date(ms), side, district, domains };
}

/**
 * Brings the counters in line with one listing as it is now (absent: as if it were never posted). Swapping the
 * mark in one atomic step decides who moves the counters, by the difference from the mark it replaced, so each
 * state is counted in and out once. A delivery that read the listing before a later change may swap in an
 * older mark than another delivery did: so each swapper reads the listing once more and counts again when it is
 * no longer what it swapped in. The last swapper's check comes after every swap, so the last mark is the
 * listing's state (another swapper's mark is that swapper's to check: the listing alone is read again).
 */
export async function countListing(
  listingId: string,
  committed?: CountedListing,
  options: { created?: boolean; tries?: number } = {},
): Promise<void> {
  const { created = false, tries = 3 } = options;
  if (!Types.ObjectId.isValid(listingId)) return;
  // As its writer committed it (checked below like a read), or read now.
  const now = committed ? countedListingOf(committed) : await countedListing(listingId);
  const mark = now ? markOf(now) : null;
  // A creation's delivery finds no mark (but when delivered again): it swaps its mark in without reading first.
  if (!created || !now) {
    const counted = await ListingMarkModel.findById(listingId).lean<ListingMark>();
    if (mark ? counted?.m === mark : !counted) return;
  }
  // Straight to the driver: a mark is one string under the listing's id, nothing for mongoose to cast or to make
  // a document of (as its findOneAndReplace does of every replacement); the same command is sent.
  const marks = ListingMarkModel.collection;
  const before = (
    mark
      ? await marks.findOneAndReplace(
          { _id: now!._id },
          { m: mark },
          { upsert: true, returnDocument: 'before' },
        )
      : await marks.findOneAndDelete({ _id: new Types.ObjectId(listingId) })
  ) as ListingMark | null;
  if (before && before.m === mark) return;
  const deltas = new Map<string, Delta>();
  if (before) tally(deltas, countedOf(before.m), -1);
  if (now) tally(deltas, now, 1);
  await increment(ListingCountModel, deltas.values());
  // The listing's first mark, swapped in by its creation's delivery: every other delivery swaps after this one and
  // checks its own swap, and listings are never deleted (no delivery can find it gone and leave no mark), so the
  // last swap is checked whoever made it. Nothing to check here.
  if (created && !before) return;
  const again = await countedListing(listingId);
  if ((again ? markOf(again) : null) === mark) return;
  if (tries > 1) await countListing(listingId, undefined, { tries: tries - 1 });
  else throw new Error(`listing ${listingId} changed under every count of it`);
}

/** A whole counter from the sums of its `$inc` paths. */
function counterRow(key: CounterKey, inc: Record<string, number>) {
  const row = { ...key, n: 0, priority: 0, domains: {}, priorityBy: {}, pairs: {} } as Record<
    string,
    unknown
  >;
  for (const [path, by] of Object.entries(inc)) {
    if (!by) continue;
    const dot = path.indexOf('.');
    if (dot < 0) row[path] = by;
    else (row[path.slice(0, dot)] as Record<string, number>)[path.slice(dot + 1)] = by;
  }
  return row;
}

/** Rebuilds every counter and mark from the listings. */
export async function rebuildListingCounts(): Promise<{ listings: number; counters: number }> {
  const listings = await everyCountedListing();
  const counts = new Map<string, Delta>();
  for (const l of listings) tally(counts, { ...l, domains: l.domains ?? [] }, 1);
  await Promise.all([ListingCountModel.deleteMany({}), ListingMarkModel.deleteMany({})]);
  const rows = [...counts.values()].map(({ key, inc }) => counterRow(key, inc));
  for (let i = 0; i < rows.length; i += BATCH)
    await ListingCountModel.insertMany(rows.slice(i, i + BATCH), { lean: true });
  const marks = listings.map((l) => ({ _id: l._id, m: markOf(l) }));
  for (let i = 0; i < marks.length; i += BATCH)
    await ListingMarkModel.insertMany(marks.slice(i, i + BATCH), { lean: true });
  await CounterStateModel.updateOne(
    { _id: STATE_ID },
    { $set: { version: VERSION, rebuiltAt: new Date() } },
    { upsert: true },
  );
  return { listings: listings.length, counters: rows.length };
}

/**
 * Rebuilds the counters when they do not cover the listings (another format version, or not as many marks as
 * listings: data loaded in bulk). Run at start, before the subscriber delivers anything.
 */
export async function ensureListingCounts(): Promise<boolean> {
  const [state, marks, listings] = await Promise.all([
    CounterStateModel.findById(STATE_ID).lean(),
    ListingMarkModel.estimatedDocumentCount(),
    listingTotal(),
  ]);
  if (state?.version === VERSION && marks === listings) return false;
  await rebuildListingCounts();
  return true;
}

/** Keeps the counters with every listing written through the listing service, and every match event. */
export function subscribeStatCounters(ctx: AppContext): void {
  // A listing's district, domains or amount scope its matches' figures too.
  ctx.events.on('listing.changed', async (changed) => {
    const { listingId, change, factsChanged } = changed;
    // A change that left the listing's side, kind, district, domains and amount as they were (a title, a
    // capacity, a close) left what the counters read of it (when it was posted, its side, district and domains)
    // as it was too, and what its matches' counters read: nothing to count. The counted state is the earlier
    // change's, whose delivery counts it (its outbox entry stays until it has).
    if (factsChanged === false) return;
    await countListing(listingId, committedListing(changed), { created: change === 'created' });
    // A new listing has no matches counted yet (a match proposed since counts it itself).
    if (change !== 'created') await recountMatchesOf(listingId);
  });
  subscribeMatchCounters(ctx);
}
