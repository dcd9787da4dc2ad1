import { z } from 'zod';
import { idSchema, pageQuerySchema } from './common.js';
import {
  districtCodeSchema,
  domainSchema,
  isStreetOfDistrict,
  isSubkindOfKind,
  kindSchema,
  listingStatusSchema,
  orgTypeSchema,
  sideSchema,
  streetCodeSchema,
  subkindSchema,
} from '../taxonomy/index.js';

const isoDate = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

export const locationSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});

/** Yuan (CNY); either bound may be left out. */
export const amountSchema = z
  .strictObject({
    min: z.number().nonnegative().max(1e10).optional(),
    max: z.number().nonnegative().max(1e10).optional(),
  })
  .refine((a) => a.min === undefined || a.max === undefined || a.min <= a.max, {
    path: ['max'],
    message: 'max must not be below min',
  });

/** What an offer demands of whoever takes it. */
export const eligibilitySchema = z.strictObject({
  orgTypes: z.array(orgTypeSchema).min(1).max(10).optional(),
  registeredOnly: z.boolean().optional(),
  minGrade: z.number().int().min(1).max(5).optional(),
  districts: z.array(districtCodeSchema).min(1).max(16).optional(),
});
export type Eligibility = z.infer<typeof eligibilitySchema>;

const listingFields = {
  side: sideSchema,
  kind: kindSchema,
  subkind: subkindSchema.optional(),
  title: z.string().trim().min(2, 'at least 2 characters').max(80, 'at most 80 characters'),
  description: z.string().trim().min(1, 'required').max(4000, 'at most 4000 characters'),
  domains: z.array(domainSchema).min(1, 'choose at least one domain').max(8),
  district: districtCodeSchema,
  street: streetCodeSchema.optional(),
  location: locationSchema.optional(),
  amount: amountSchema.optional(),
  capacity: z.number().int().min(1).max(100_000).optional(),
  startsAt: isoDate.optional(),
  endsAt: isoDate.optional(),
  eligibility: eligibilitySchema.optional(),
};

type ListingShape = {
  kind?: string;
  subkind?: string | null;
  district?: string;
  street?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  side?: string;
  eligibility?: unknown;
};

/** Rules across fields, shared by create and update. */
const crossFieldRules = <T extends z.ZodType<ListingShape>>(schema: T) =>
  schema
    .refine((v) => !v.subkind || !v.kind || isSubkindOfKind(v.subkind, v.kind), {
      path: ['subkind'],
      message: 'the sub-kind does not belong to that kind',
    })
    .refine((v) => !v.street || !v.district || isStreetOfDistrict(v.street, v.district), {
      path: ['street'],
      message: 'the street is not in that district',
    })
    .refine((v) => !v.startsAt || !v.endsAt || Date.parse(v.startsAt) <= Date.parse(v.endsAt), {
      path: ['endsAt'],
      message: 'the end is before the start',
    })
    .refine((v) => !v.eligibility || v.side !== 'need', {
      path: ['eligibility'],
      message: 'only offers set eligibility rules',
    });

export const createListingBodySchema = crossFieldRules(z.strictObject(listingFields));
export type CreateListingBody = z.infer<typeof createListingBodySchema>;

/** Editable fields; null clears an optional one. Side and kind are fixed once posted. */
export const updateListingBodySchema = crossFieldRules(
  z
    .strictObject({
      subkind: listingFields.subkind.unwrap().nullable(),
      title: listingFields.title,
      description: listingFields.description,
      domains: listingFields.domains,
      district: listingFields.district,
      street: listingFields.street.unwrap().nullable(),
      location: locationSchema.nullable(),
      amount: amountSchema.nullable(),
      capacity: listingFields.capacity.unwrap().nullable(),
      startsAt: isoDate.nullable(),
      endsAt: isoDate.nullable(),
      eligibility: eligibilitySchema.nullable(),
    })
    .partial(),
);
export type UpdateListingBody = z.infer<typeof updateListingBodySchema>;

export const listingSchema = z.object({
  id: z.string(),
  side: sideSchema,
  kind: kindSchema,
  subkind: subkindSchema.optional(),
  title: z.string(),
  description: z.string(),
  domains: z.array(domainSchema),
  district: z.string(),
  street: z.string().optional(),
  location: z.object({ lat: z.number(), lng: z.number() }).optional(),
  amount: z.object({ min: z.number().optional(), max: z.number().optional() }).optional(),
  capacity: z.number().optional(),
  capacityUsed: z.number().optional(),
  startsAt: z.string().optional(),
  endsAt: z.string().optional(),
  eligibility: eligibilitySchema.optional(),
  status: listingStatusSchema,
  ownerId: z.string(),
  organizationId: z.string().optional(),
  organizationName: z.string().optional(),
  verified: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Listing = z.infer<typeof listingSchema>;
export const listingEnvelopeSchema = z.object({ listing: listingSchema });
export const listingIdParamsSchema = z.strictObject({ id: idSchema });

/** One value or several (`domain=elderly&domain=disability`), each checked against the taxonomy. */
const oneOrMany = <T extends z.ZodType>(item: T, max = 20) =>
  z
    .union([item, z.array(item).max(max)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]));

export const searchSorts = ['relevance', 'newest', 'amount'] as const;

/** Buckets of `amount.max` the search counts listings in (yuan): below 10,000, 10,000-49,999, 50,000-199,999, 200,000 up. */
export const amountBuckets = ['lt10k', '10k-50k', '50k-200k', 'gte200k'] as const;
export type AmountBucket = (typeof amountBuckets)[number];
/** The bucket of a listing's `amount.max`. */
export function amountBucketOf(max: number): AmountBucket {
  return max < 10_000 ? 'lt10k' : max < 50_000 ? '10k-50k' : max < 200_000 ? '50k-200k' : 'gte200k';
}
/** The `amountMin`/`amountMax` of a search that keeps one bucket. */
export const amountBucketBounds: Record<AmountBucket, { min?: number; max?: number }> = {
  lt10k: { max: 9_999.99 },
  '10k-50k': { min: 10_000, max: 49_999.99 },
  '50k-200k': { min: 50_000, max: 199_999.99 },
  gte200k: { min: 200_000 },
};
const yuanBound = z.coerce.number().nonnegative().max(1e10).optional();

export const searchQuerySchema = pageQuerySchema
  .extend({
    q: z.string().trim().max(200, 'at most 200 characters').optional(),
    side: sideSchema.optional(),
    kind: oneOrMany(kindSchema),
    subkind: oneOrMany(subkindSchema),
    domain: oneOrMany(domainSchema),
    district: oneOrMany(districtCodeSchema),
    street: oneOrMany(streetCodeSchema),
    sort: z.enum(searchSorts).default('relevance'),
    /** Keep listings whose `amount.max` is at least this (yuan). */
    amountMin: yuanBound,
    /** Keep listings whose `amount.max` is at most this (yuan). */
    amountMax: yuanBound,
  })
  .strict();
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const facetCountsSchema = z.record(z.string(), z.number());
export const searchResultSchema = z.object({
  items: z.array(
    listingSchema.extend({
      highlight: z.object({ title: z.string().optional(), description: z.string().optional() }).optional(),
    }),
  ),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  facets: z.object({
    kind: facetCountsSchema,
    domain: facetCountsSchema,
    district: facetCountsSchema,
    /** Counts per bucket of `amount.max` (see amountBuckets). */
    amount: facetCountsSchema,
  }),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const myListingsQuerySchema = pageQuerySchema
  .extend({ status: listingStatusSchema.optional(), side: sideSchema.optional() })
  .strict();
