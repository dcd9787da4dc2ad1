import { z } from 'zod';

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['embedded', 'mongodb', 'none']),
  search: z.enum(['embedded', 'meilisearch', 'none']),
  realtime: z.enum(['memory', 'redis']),
  version: z.string(),
});
export type Health = z.infer<typeof healthSchema>;
