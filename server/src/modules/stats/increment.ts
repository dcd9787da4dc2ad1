import type { ListingCountModel, MatchCountModel } from './model.js';

interface Delta {
  key: object;
  inc: Record<string, number>;
}

/**
 * Applies `$inc` to each counter, creating those that do not exist yet, in one round trip. The writes go in order:
 * when a concurrent writer created one of these counters first (a duplicate key), the writes before it went
 * through and it is tried again with the ones after it, once.
 */
export async function increment(
  model: typeof ListingCountModel | typeof MatchCountModel,
  deltas: Iterable<Delta>,
): Promise<void> {
  const writes = [];
  for (const { key, inc } of deltas) {
    const moved = Object.fromEntries(Object.entries(inc).filter(([, by]) => by !== 0));
    if (Object.keys(moved).length)
      writes.push({ updateOne: { filter: key, update: { $inc: moved }, upsert: true } });
  }
  let from = 0;
  for (let tried = 0; from < writes.length; tried++) {
    try {
      // Straight to the driver: keys and `$inc` paths are ours, numbers and strings, with nothing for mongoose's
      // casting of each write to change (the same command is sent), and its cost on every counted change.
      await model.collection.bulkWrite(writes.slice(from), { ordered: true });
      return;
    } catch (err) {
      const failed = (err as { writeErrors?: { index: number; code?: number }[] }).writeErrors?.[0];
      if (tried > 0 || failed?.code !== 11000) throw err;
      from += failed.index;
    }
  }
}
