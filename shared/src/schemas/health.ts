import { z } from 'zod';

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['embedded', 'mongodb', 'none']),
  search: z.enum(['embedded', 'meilisearch', 'none']),
  realtime: z.enum(['memory', 'redis', 'cluster']),
  version: z.string(),
  /** How far the search index trails the database, as this process sees it. */
  searchIndex: z.object({
    /** Changes wait too long, writes stay unconfirmed too long, or the search engine cannot be asked. */
    lagging: z.boolean(),
    /** Listing changes waiting in the outbox to be indexed. */
    queued: z.number().int().nonnegative(),
    oldestQueuedSeconds: z.number().int().nonnegative().nullable(),
    /** Writes sent to the engine without waiting whose outcome is not known yet. */
    unconfirmedWrites: z.number().int().nonnegative(),
    /** Listings whose write the engine refused since this process started (each queued again). */
    failedWrites: z.number().int().nonnegative(),
  }),
});
export type Health = z.infer<typeof healthSchema>;
