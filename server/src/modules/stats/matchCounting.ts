import { Types } from 'mongoose';
import type { AppContext } from '../../context.js';
import { committedListings, committedMatch } from '../matching/events.js';
import { listingFacts, type ListingFacts } from '../listings/stats.js';
import {
  everyMatchTimeline,
  matchTimeline,
  matchTotal,
  timelineOf,
  type MatchTimeline,
  type StoredMatch,
} from '../matching/stats.js';
import { increment } from './increment.js';
import {
  counterOf,
  markOf,
  sameMark,
  tallyMatch,
  type MarkFields,
  type MatchDelta,
  type Place,
} from './matchMarks.js';
import { CounterStateModel, MatchCountModel, MatchMarkModel, type MatchMark } from './model.js';
import { dayKey } from './period.js';

/*
 * Counters of what the matches did (model.ts), so that a view reads a few thousand counters instead of every
 * match of two periods and the facts of their needs. Kept like the listing counters (counting.ts): a subscriber
 * of the match events re-reads the match, compares what it adds now with what it last counted of it (its mark)
 * and moves the counters by the difference, so an event delivered twice moves nothing. A listing's change
 * re-counts its matches (its district, domains and amount scope them). Rebuilt from the matches when the marks
 * do not cover them.
 */

const VERSION = 3;
const STATE_ID = 'matches';
const BATCH = 2000;

/** A counter's buckets: the Shanghai day and month of the instant. */
const counterPlace: Place = (at) => {
  const day = dayKey(at);
  return [day, day.slice(0, 7)];
};

/** The facts a match's mark reads: its need's, and once it is completed its offer's. */
const factsOf = (t: MatchTimeline) => listingFacts(t.completedAt ? [t.needId, t.offerId] : [t.needId]);

/** A listing as a match's writer had it at hand (the match event's payload carries it in the writer's process). */
export interface ListingAtHand {
  _id: Types.ObjectId;
  side: ListingFacts['side'];
  kind: string;
  district: string;
  domains?: string[] | null;
  amount?: { min?: number | null; max?: number | null } | null;
}

/**
 * The facts a match's mark reads, from the listings at hand when they hold them all (as `listingFacts` gives
 * them), else read.
 */
function factsAtHand(t: MatchTimeline, listings: readonly ListingAtHand[] = []) {
  const ids = t.completedAt ? [t.needId, t.offerId] : [t.needId];
  const facts = new Map<string, ListingFacts>();
  for (const l of listings) {
    if (!ids.some((id) => id.equals(l._id))) continue;
    facts.set(String(l._id), {
      side: l.side,
      kind: l.kind,
      district: l.district,
      domains: l.domains ?? [],
      ...(l.amount ? { amount: l.amount as ListingFacts['amount'] } : {}),
    });
  }
  return facts.size === ids.length ? facts : factsOf(t);
}

/** What a match adds now (null: no such match). */
async function currentMark(id: Types.ObjectId): Promise<MarkFields | null> {
  const t = await matchTimeline(id);
  if (!t) return null;
  return markOf(t, await factsOf(t));
}

/**
 * Brings the counters in line with one match as it is now (absent: as if it had never been), as countListing does
 * (counting.ts): the mark swapped in one atomic step, the counters moved by the difference in one round trip, and
 * the match and its listings' facts read once more to check that what was swapped in is still the match's.
 * `committed`: the match as its writer committed it a moment ago (a proposal, an acceptance), not read again; it
 * has just changed, so its mark is swapped without reading it first. `listings`: its listings as the writer had
 * them, whose facts are not read before the swap (the check after it reads them, as after any read).
 */
export async function countMatch(
  matchId: string,
  committed?: StoredMatch,
  tries = 3,
  listings?: readonly ListingAtHand[],
): Promise<void> {
  if (!Types.ObjectId.isValid(matchId)) return;
  const id = new Types.ObjectId(matchId);
  const timeline = committed ? timelineOf(committed) : await matchTimeline(id);
  const mark = timeline ? markOf(timeline, await factsAtHand(timeline, listings)) : null;
  if (!committed) {
    const counted = await MatchMarkModel.findById(id).lean<MatchMark>();
    if (mark ? counted && sameMark(counted, mark) : !counted) return;
  }
  // Swapping the mark in one atomic step decides who moves the counters: a second delivery finds its own mark.
  const before = mark
    ? await MatchMarkModel.findOneAndReplace({ _id: id }, mark, {
        upsert: true,
        returnDocument: 'before',
      }).lean<MatchMark>()
    : await MatchMarkModel.findOneAndDelete({ _id: id }).lean<MatchMark>();
  if (before && mark && sameMark(before, mark)) return;
  const deltas = new Map<string, MatchDelta>();
  if (before) tallyMatch(deltas, before, -1, counterPlace);
  if (mark) tallyMatch(deltas, mark, 1, counterPlace);
  await increment(MatchCountModel, deltas.values());
  // Another delivery may have read the match or its listings before a later change: count again if so. The
  // match's first mark (its proposal's, swapped in first) needs its need's facts alone read again: every
  // delivery of a later event of the match swaps after it and checks its own (matches are never deleted), but a
  // change of the need's district or domains found no mark of this match to count again.
  const again =
    timeline && committed && !before
      ? markOf(timeline, await factsOf(timeline))
      : await currentMark(id);
  if (again && mark ? sameMark(again, mark) : !again && !mark) return;
  if (tries > 1) await countMatch(matchId, undefined, tries - 1);
  else throw new Error(`match ${matchId} changed under every count of it`);
}

/** Re-counts the matches of a listing (on either side): its district, domains or amount may have changed. */
export async function recountMatchesOf(listingId: string): Promise<void> {
  if (!Types.ObjectId.isValid(listingId)) return;
  const id = new Types.ObjectId(listingId);
  const marks = await MatchMarkModel.find({ $or: [{ needId: id }, { offerId: id }] })
    .select({ _id: 1 })
    .lean<{ _id: Types.ObjectId }[]>();
  for (const m of marks) await countMatch(String(m._id));
}

/** Rebuilds every match counter and mark from the matches. */
export async function rebuildMatchCounts(): Promise<{ matches: number; counters: number }> {
  const timelines = await everyMatchTimeline();
  const ids = new Map<string, Types.ObjectId>();
  for (const t of timelines) {
    ids.set(t.need, t.needId);
    if (t.completedAt) ids.set(t.offer, t.offerId);
  }
  const facts = await listingFacts([...ids.values()]);
  const marks = timelines.map((t) => markOf(t, facts));
  const counts = new Map<string, MatchDelta>();
  for (const m of marks) tallyMatch(counts, m, 1, counterPlace);
  await Promise.all([MatchCountModel.deleteMany({}), MatchMarkModel.deleteMany({})]);
  const rows = [...counts.values()].map(counterOf);
  for (let i = 0; i < rows.length; i += BATCH)
    await MatchCountModel.insertMany(rows.slice(i, i + BATCH), { lean: true });
  for (let i = 0; i < marks.length; i += BATCH)
    await MatchMarkModel.insertMany(marks.slice(i, i + BATCH), { lean: true });
  await CounterStateModel.updateOne(
    { _id: STATE_ID },
    { $set: { version: VERSION, rebuiltAt: new Date() } },
    { upsert: true },
  );
  return { matches: marks.length, counters: rows.length };
}

/**
 * Rebuilds the match counters when they do not cover the matches (another format version, or not as many marks
 * as matches: data loaded in bulk). Run at start, before the subscriber delivers anything.
 */
export async function ensureMatchCounts(): Promise<boolean> {
  const [state, marks, matches] = await Promise.all([
    CounterStateModel.findById(STATE_ID).lean(),
    MatchMarkModel.estimatedDocumentCount(),
    matchTotal(),
  ]);
  if (state?.version === VERSION && marks === matches) return false;
  await rebuildMatchCounts();
  return true;
}

const MATCH_EVENTS = [
  'match.proposed',
  'match.accepted',
  'match.declined',
  'match.completed',
  'match.expired',
  'match.evidenceAttached',
] as const;

/** Keeps the match counters with every event that changes what a match adds to them. */
export function subscribeMatchCounters(ctx: AppContext): void {
  for (const event of MATCH_EVENTS)
    ctx.events.on(event, (payload) => {
      const listings = committedListings(payload);
      return countMatch(
        payload.matchId,
        committedMatch(payload),
        3,
        listings ? [listings.need, listings.offer] : undefined,
      );
    });
}
