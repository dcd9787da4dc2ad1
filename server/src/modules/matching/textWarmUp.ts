/**
 * Text relevance's word caches filled after the server listens: the words of the newest open listings, cut a
 * slice at a time. A process starts with empty caches, so after every start or deploy each of its first
 * recommendations cut the words of the ~150 candidates it had not met (jieba, numbering, sorting): in the
 * 1,000-user load run, the workers spent about 100 ms a second on those cuts in the run's first 20 s against about
 * 45 ms later (docs/benchmarks/load.md). Here that work is done once, before the users come back or between their
 * requests: each slice yields to the event loop, so a request waits for at most one slice.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { ListingModel } from '../listings/model.js';
import { rememberWords, wordCacheSizes, type ListingText } from './textMatch.js';

export interface TextWarmUpOptions {
  /**
   * At most this many listings of each side; the caches' own bounds cap it too. The newest come first: the
   * candidates by domain and nearby are the newest open listings.
   */
  perSide?: number;
  /** Listings cut between two turns of the event loop. */
  slice?: number;
  /** Stops the warm-up (the server closing); it ends after the slice under way. */
  signal?: AbortSignal;
}

/**
 * Bounded for memory: measured in process on generated listings, a cached offer takes about 3 KiB of RSS and a
 * need about 4.6 KiB, so 3,000 of each are about 23 MiB (the caches' own bounds, 20,000 of each, about 150
 * MiB). The candidates by domain (60) and nearby (40) are the newest open listings of their side, which
 * the newest 3,000 mostly hold; those found by words can be of any age and are cut when first met.
 */
export const WARM_UP_PER_SIDE = 3_000;
/** About 0.4 ms of CPU a listing: a request waits for at most about 10 ms behind a slice. */
const SLICE = 25;

/** Cuts the newest open listings' words into the caches; resolves with how many of each side it cut. */
export async function warmTextCaches(
  options: TextWarmUpOptions = {},
): Promise<Record<ListingText['side'], number>> {
  const { perSide = WARM_UP_PER_SIDE, slice = SLICE, signal } = options;
  const cut = { offer: 0, need: 0 };
  for (const side of ['offer', 'need'] as const) {
    const room = wordCacheSizes()[side];
    const most = Math.min(perSide, room.most - room.held);
    if (most <= 0 || signal?.aborted) continue;
    const cursor = ListingModel.find({ status: 'open', side })
      .sort({ _id: -1 })
      .select({ title: 1, description: 1, updatedAt: 1 })
      .limit(most)
      .lean<{ _id: unknown; title: string; description: string; updatedAt: Date }[]>()
      .cursor({ batchSize: slice });
    try {
      let inSlice = 0;
      for await (const record of cursor) {
        if (signal?.aborted) break;
        const listing = {
          id: String(record._id),
          side,
          title: record.title,
          description: record.description,
          updatedAt: record.updatedAt.toISOString(),
        };
        if (rememberWords(listing)) cut[side]++;
        if (++inSlice >= slice) {
          inSlice = 0;
          await nextTurn();
        }
      }
    } finally {
      await cursor.close();
    }
  }
  return cut;
}
