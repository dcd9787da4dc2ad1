import { z } from 'zod';
import { idSchema } from './common.js';
import { districtCodeSchema, domainSchema, kindSchema, sideSchema } from '../taxonomy/index.js';

/** The most saved searches one user keeps. */
export const SAVED_SEARCHES_MAX = 20;

const filters = {
  /** Words that must all appear in a new listing's title or description. */
  q: z.string().trim().min(1).max(100).optional(),
  side: sideSchema.optional(),
  kind: z.array(kindSchema).max(10).optional(),
  domain: z.array(domainSchema).max(10).optional(),
  district: z.array(districtCodeSchema).max(16).optional(),
};

/** A search to be told about: the query and filters of `GET /api/search` (several values of a filter are OR-ed). */
export const createSavedSearchBodySchema = z
  .strictObject({ name: z.string().trim().min(1).max(60).optional(), ...filters })
  .refine(
    (s) => Boolean(s.q || s.side || s.kind?.length || s.domain?.length || s.district?.length),
    'give words or at least one filter',
  );
export type CreateSavedSearchBody = z.infer<typeof createSavedSearchBodySchema>;

export const savedSearchSchema = z.object({
  id: idSchema,
  name: z.string(),
  q: z.string().optional(),
  side: sideSchema.optional(),
  kind: z.array(kindSchema),
  domain: z.array(domainSchema),
  district: z.array(z.string()),
  createdAt: z.iso.datetime(),
});
export type SavedSearch = z.infer<typeof savedSearchSchema>;

export const savedSearchEnvelopeSchema = z.object({ savedSearch: savedSearchSchema });
export const savedSearchListSchema = z.object({ items: z.array(savedSearchSchema) });
export const savedSearchIdParamsSchema = z.strictObject({ id: idSchema });
