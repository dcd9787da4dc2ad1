import type { ListingCountModel, MatchCountModel } from './model.js';

/** Applies `$inc` to one counter, creating it if needed (once more if a concurrent writer created it first). */
export async function increment(
  model: typeof ListingCountModel | typeof MatchCountModel,
  { key, inc }: { key: object; inc: Record<string, number> },
): Promise<void> {
  const moved = Object.fromEntries(Object.entries(inc).filter(([, by]) => by !== 0));
  if (!Object.keys(moved).length) return;
  const write = () =>
    (model as typeof ListingCountModel).updateOne(key, { $inc: moved }, { upsert: true }).exec();
  try {
    await write();
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    await write();
  }
}
