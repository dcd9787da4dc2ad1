import { z } from 'zod';

/** A MongoDB ObjectId as the API spells it: 24 lowercase hex characters. */
export const idSchema = z.string().regex(/^[0-9a-f]{24}$/, 'must be an id of 24 hex characters');

/** `?page=1&pageSize=20`, pageSize at most 100. */
export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

/** The answer shape of every paged list. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
