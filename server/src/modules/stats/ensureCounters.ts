import { ensureListingCounts } from './counting.js';
import { ensureMatchCounts } from './matchCounting.js';

/**
 * The statistics' counters of listings and matches, rebuilt when they do not cover them (a bulk load, an
 * upgrade): run once at start, before requests are taken, by whichever process holds the database.
 */
export async function ensureStatCounters(): Promise<boolean> {
  const rebuilt = [await ensureListingCounts(), await ensureMatchCounts()];
  return rebuilt.some(Boolean);
}
