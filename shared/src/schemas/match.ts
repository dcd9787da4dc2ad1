import { z } from 'zod';
import { idSchema, pageQuerySchema } from './common.js';
import { listingSchema } from './listing.js';

export const matchStatuses = ['proposed', 'accepted', 'declined', 'completed', 'expired'] as const;
export const matchStatusSchema = z.enum(matchStatuses);
export type MatchStatus = z.infer<typeof matchStatusSchema>;

export const proposeMatchBodySchema = z.strictObject({
  needId: idSchema,
  offerId: idSchema,
  note: z.string().trim().max(1000).optional(),
});
/** Accepting a funding match may name the sum committed; by default the offer's most or what the need lacks. */
export const acceptMatchBodySchema = z.strictObject({
  amount: z.number().positive().max(1e10).optional(),
});
/** Proposing a bundle: one match per offer, for one need. */
export const proposeBundleBodySchema = z.strictObject({
  needId: idSchema,
  offerIds: z
    .array(idSchema)
    .min(2)
    .max(5)
    .refine((ids) => new Set(ids).size === ids.length, 'each offer once'),
  note: z.string().trim().max(1000).optional(),
});
export const declineMatchBodySchema = z.strictObject({ reason: z.string().trim().max(500).optional() });
export const completeMatchBodySchema = z.strictObject({
  evidence: z.strictObject({
    summary: z.string().trim().min(2, 'say what was delivered').max(2000),
    amount: z.number().nonnegative().max(1e10).optional(),
    deliveredAt: z.iso.datetime({ offset: true }).optional(),
  }),
});
export const reviewMatchBodySchema = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
});
export const matchListQuerySchema = pageQuerySchema.extend({ status: matchStatusSchema.optional() }).strict();
export const matchIdParamsSchema = z.strictObject({ id: idSchema });
export const evidenceFileParamsSchema = z.strictObject({ id: idSchema, fileId: idSchema });
/** An evidence upload carries the file only: any other form field is refused. */
export const evidenceUploadFieldsSchema = z.strictObject({});

/** The most photos and documents one match keeps as evidence of what was delivered. */
export const MAX_EVIDENCE_FILES = 10;

/** A photo or document one side attached as evidence of what was delivered. */
export const evidenceFileSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  uploadedAt: z.string(),
  /** The user who attached it, and the side they act for. */
  uploadedBy: z.string(),
  side: z.enum(['need', 'offer']),
});
export type EvidenceFile = z.infer<typeof evidenceFileSchema>;

/** How well a pair fits, in words: 很合适 / 较合适 / 可以考虑. */
export const matchLabels = ['high', 'mid', 'low'] as const;
export const matchLabelSchema = z.enum(matchLabels);
export type MatchLabel = z.infer<typeof matchLabelSchema>;

export const recommendationReasonSchema = z.object({
  factor: z.string(),
  points: z.number(),
  max: z.number(),
  detail: z.string(),
});

export const matchReviewSchema = z.object({
  side: z.enum(['need', 'offer']),
  rating: z.number(),
  comment: z.string().optional(),
  createdAt: z.string(),
});

/**
 * What the caller may do with the match now, decided by the server's match policy for the caller (all false for
 * anyone who is not a side). A client shows what these allow and decides none of it itself.
 */
export const matchActionsSchema = z.object({
  /** The match waits for the caller: to answer the proposal, to complete it, or to review it. */
  yourTurn: z.boolean(),
  canAccept: z.boolean(),
  canDecline: z.boolean(),
  canComplete: z.boolean(),
  canReview: z.boolean(),
  canAttachEvidence: z.boolean(),
});
export type MatchActions = z.infer<typeof matchActionsSchema>;

export const matchSchema = z.object({
  id: z.string(),
  needId: z.string(),
  offerId: z.string(),
  status: matchStatusSchema,
  /** The score shown when the match was proposed, with its reasons and label: it does not change afterwards. */
  score: z.number(),
  reasons: z.array(recommendationReasonSchema),
  label: matchLabelSchema.optional(),
  /** Funding: the sum committed on acceptance (yuan). */
  amount: z.number().optional(),
  /** Volunteers, places...: how many units of the need's capacity this match covers, once accepted. */
  units: z.number().optional(),
  proposedBy: z.string(),
  /** Which side the caller is on, when the caller is a side. */
  yourSide: z.enum(['need', 'offer']).optional(),
  ...matchActionsSchema.partial().shape,
  conversationId: z.string().optional(),
  deadline: z.string(),
  overdue: z.boolean(),
  note: z.string().optional(),
  declineReason: z.string().optional(),
  evidence: z
    .object({ summary: z.string(), amount: z.number().optional(), deliveredAt: z.string().optional() })
    .optional(),
  evidenceFiles: z.array(evidenceFileSchema),
  reviews: z.array(matchReviewSchema),
  history: z.array(z.object({ status: matchStatusSchema, by: z.string().optional(), at: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Match = z.infer<typeof matchSchema>;
export const matchEnvelopeSchema = z.object({ match: matchSchema });

/** The other side's contact details, shown only once a match is accepted. */
export const contactSchema = z.object({
  name: z.string(),
  organizationName: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
});

/** For a need: which offers cover it, and what is still open. */
export const coverageSchema = z.object({
  needId: z.string(),
  kinds: z.array(
    z.object({
      kind: z.string(),
      offers: z.array(listingSchema.pick({ id: true, title: true, kind: true })),
    }),
  ),
  amount: z.object({ asked: z.number().optional(), covered: z.number() }).optional(),
  capacity: z.object({ asked: z.number(), covered: z.number() }),
  open: z.boolean(),
});

export const recommendationsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(10),
  locale: z.enum(['zh-CN', 'en']).optional(),
});
export const recommendationsSchema = z.object({
  matches: z.array(
    z.object({
      listing: listingSchema,
      score: z.number(),
      label: matchLabelSchema,
      reasons: z.array(recommendationReasonSchema),
    }),
  ),
  excluded: z.array(
    z.object({
      listing: listingSchema,
      reasons: z.array(z.object({ factor: z.string(), detail: z.string() })),
    }),
  ),
});
export type Recommendations = z.infer<typeof recommendationsSchema>;

/** A base operator's nudge to the side of an overdue proposal that has not answered. */
export const remindMatchBodySchema = z.strictObject({ note: z.string().trim().max(500).optional() });
export const overdueMatchListQuerySchema = pageQuerySchema.strict();

export const bundlesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(10).default(3),
  locale: z.enum(['zh-CN', 'en']).optional(),
});
/** Sets of two or more open, eligible offers that together cover what no single one does. */
export const bundlesSchema = z.object({
  bundles: z.array(
    z.object({
      offers: z.array(listingSchema),
      /** What the set gives together toward what the need still lacks. */
      covers: z.object({ amount: z.number().optional(), capacity: z.number().optional() }),
      /** The mean of the offers' match scores. */
      score: z.number(),
      /** The combined explanation, in the caller's language. */
      detail: z.string(),
      /** Each offer's own score and its share of the bundle. */
      parts: z.array(
        z.object({
          offerId: z.string(),
          score: z.number(),
          amount: z.number().optional(),
          capacity: z.number().optional(),
        }),
      ),
    }),
  ),
});
export type Bundles = z.infer<typeof bundlesSchema>;
export const bundleEnvelopeSchema = z.object({ matches: z.array(matchSchema) });

export const eligibilityQuerySchema = z.strictObject({
  /** One of the caller's needs, to judge the district rule by; the caller's organization's district otherwise. */
  needId: idSchema.optional(),
  locale: z.enum(['zh-CN', 'en']).optional(),
});
/** An offer's eligibility rules and, for the caller, which of them they meet (absent when unknown). */
export const eligibilityViewSchema = z.object({
  rules: z.array(
    z.object({
      rule: z.enum([
        'eligibility.orgTypes',
        'eligibility.registeredOnly',
        'eligibility.minGrade',
        'eligibility.districts',
      ]),
      detail: z.string(),
      met: z.boolean().optional(),
    }),
  ),
  /** Whether the caller may propose a match with this offer; absent for a visitor. */
  eligible: z.boolean().optional(),
});
export type EligibilityView = z.infer<typeof eligibilityViewSchema>;
