import { z } from 'zod';
import { domainSchema } from '../taxonomy/index.js';
import { idSchema, pageQuerySchema } from './common.js';

/** An entry application (入驻申请) as it moves: submitted → in_review → admitted | rejected, or withdrawn. */
export const applicationStatuses = ['submitted', 'in_review', 'admitted', 'rejected', 'withdrawn'] as const;
export const applicationStatusSchema = z.enum(applicationStatuses);
export type ApplicationStatus = z.infer<typeof applicationStatusSchema>;
/** Statuses in which an application is still open: one such per organization and base. */
export const openApplicationStatuses = ['submitted', 'in_review'] as const;

export const applicationIdParamsSchema = z.strictObject({ id: idSchema });

export const applyBodySchema = z.strictObject({
  organizationId: idSchema,
  /** What the organization means to do while incubating (入驻计划). */
  plan: z.string().trim().min(10).max(4000),
  domains: z.array(domainSchema).max(8).optional(),
});
export type ApplyBody = z.infer<typeof applyBodySchema>;

export const applicationListQuerySchema = pageQuerySchema
  .extend({ status: applicationStatusSchema.optional() })
  .strict();

/** A rubric criterion's key: letters, digits, `-` and `_`, starting with a letter. Scores are keyed by it. */
export const rubricKeySchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'letters, digits, - and _, starting with a letter');

/** One criterion of the collective review's rubric (评分细则). */
export const rubricCriterionSchema = z.strictObject({
  key: rubricKeySchema,
  label: z.string().trim().min(1).max(80),
  weight: z.number().positive().max(100),
  max: z.number().positive().max(1000),
});
export type RubricCriterion = z.infer<typeof rubricCriterionSchema>;

export const formPanelBodySchema = z
  .strictObject({
    reviewerIds: z.array(idSchema).min(1).max(15),
    rubric: z.array(rubricCriterionSchema).min(1).max(12),
    quorum: z.number().int().min(1).max(15),
    /** The weighted mean score (0..100) a panel regards as a pass. */
    passScore: z.number().min(0).max(100),
  })
  .refine((v) => new Set(v.reviewerIds).size === v.reviewerIds.length, {
    path: ['reviewerIds'],
    message: 'a reviewer is named twice',
  })
  .refine((v) => new Set(v.rubric.map((c) => c.key)).size === v.rubric.length, {
    path: ['rubric'],
    message: 'two criteria share a key',
  })
  .refine((v) => v.quorum <= v.reviewerIds.length, {
    path: ['quorum'],
    message: 'the quorum is larger than the panel',
  });
export type FormPanelBody = z.infer<typeof formPanelBodySchema>;

export const submitReviewBodySchema = z.strictObject({
  scores: z.record(rubricKeySchema, z.number()).default({}),
  comment: z.string().trim().max(2000).optional(),
  /** A conflict of interest: the reviewer stands aside and the scores are not counted. */
  conflict: z.boolean().optional(),
});
export type SubmitReviewBody = z.infer<typeof submitReviewBodySchema>;

export const decideApplicationBodySchema = z.strictObject({
  outcome: z.enum(['admitted', 'rejected']),
  reason: z.string().trim().min(2).max(2000),
});
export type DecideApplicationBody = z.infer<typeof decideApplicationBodySchema>;

export const panelSchema = z.object({
  reviewerIds: z.array(z.string()),
  rubric: z.array(rubricCriterionSchema),
  quorum: z.number().int(),
  passScore: z.number(),
});
export type Panel = z.infer<typeof panelSchema>;

/**
 * The entry application. Staff (the base's operators, the bureau, the panel) see all of it; the applicant's members
 * see the status and the decision's outcome, reason and mean score, never the panel, a reviewer or a single score.
 */
export const applicationSchema = z.object({
  id: z.string(),
  baseId: z.string(),
  organizationId: z.string(),
  /** For staff lists: the applicant's name. */
  organizationName: z.string().optional(),
  plan: z.string(),
  domains: z.array(domainSchema),
  status: applicationStatusSchema,
  panel: panelSchema.optional(),
  decision: z
    .object({
      outcome: z.enum(['admitted', 'rejected']),
      reason: z.string(),
      decidedBy: z.string().optional(),
      decidedAt: z.string(),
      tally: z.object({
        counted: z.number().int().optional(),
        recused: z.number().int().optional(),
        meanScore: z.number().nullable(),
      }),
    })
    .optional(),
  /** Staff only: how many reviews are in (counted and recused). */
  reviewsIn: z.number().int().optional(),
  /** A panel member only: whether they have reviewed it yet. */
  reviewedByMe: z.boolean().optional(),
  createdAt: z.string(),
});
export type Application = z.infer<typeof applicationSchema>;
export const applicationEnvelopeSchema = z.object({ application: applicationSchema });

export const reviewSchema = z.object({
  reviewerId: z.string(),
  /** For staff screens: the reviewer's name. */
  reviewerName: z.string().optional(),
  scores: z.record(z.string(), z.number()),
  comment: z.string().optional(),
  recused: z.boolean(),
  /** Σ weight·score/max over the rubric ÷ Σ weight × 100; null for a recusal that gave no scores. */
  weightedScore: z.number().nullable(),
  createdAt: z.string(),
});
export type Review = z.infer<typeof reviewSchema>;
export const reviewEnvelopeSchema = z.object({ review: reviewSchema });
export const reviewListSchema = z.object({ items: z.array(reviewSchema) });
