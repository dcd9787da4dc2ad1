import type { Application, Review, RubricCriterion } from '@app/shared';
import type { ApplicationRecord, ApplicationReviewRecord } from './model.js';

export interface ApplicationExtras {
  organizationName?: string;
  reviewsIn?: number;
  reviewedByMe?: boolean;
}

/**
 * The application as its reader may see it. `staff` (the base's operators, the bureau, the panel): everything.
 * `applicant`: status and the decision's outcome, reason and mean score; never the panel, a reviewer or a score.
 */
export function presentApplication(
  a: ApplicationRecord,
  view: 'staff' | 'applicant',
  extras: ApplicationExtras = {},
): Application {
  const staff = view === 'staff';
  const d = a.decision;
  return {
    id: String(a._id),
    baseId: String(a.baseId),
    organizationId: String(a.organizationId),
    ...(extras.organizationName ? { organizationName: extras.organizationName } : {}),
    plan: a.plan,
    domains: (a.domains ?? []) as Application['domains'],
    status: a.status,
    ...(staff && a.panel
      ? {
          panel: {
            reviewerIds: a.panel.reviewerIds.map(String),
            rubric: a.panel.rubric.map((c) => ({ key: c.key, label: c.label, weight: c.weight, max: c.max })),
            quorum: a.panel.quorum,
            passScore: a.panel.passScore,
          },
        }
      : {}),
    ...(d
      ? {
          decision: {
            outcome: d.outcome,
            reason: d.reason,
            ...(staff ? { decidedBy: String(d.decidedBy) } : {}),
            decidedAt: d.decidedAt.toISOString(),
            tally: staff
              ? {
                  counted: d.tally?.counted ?? 0,
                  recused: d.tally?.recused ?? 0,
                  meanScore: d.tally?.meanScore ?? null,
                }
              : { meanScore: d.tally?.meanScore ?? null },
          },
        }
      : {}),
    ...(staff && extras.reviewsIn !== undefined ? { reviewsIn: extras.reviewsIn } : {}),
    ...(extras.reviewedByMe !== undefined ? { reviewedByMe: extras.reviewedByMe } : {}),
    createdAt: a.createdAt.toISOString(),
  };
}

/** One review, for the base's staff only. */
export function presentReview(
  r: ApplicationReviewRecord,
  rubric: RubricCriterion[],
  reviewerName?: string,
): Review {
  const given = (r.scores ?? {}) as Record<string, number>;
  const scores = Object.fromEntries(
    rubric.filter((c) => typeof given[c.key] === 'number').map((c) => [c.key, given[c.key]!]),
  );
  return {
    reviewerId: String(r.reviewerId),
    ...(reviewerName ? { reviewerName } : {}),
    scores,
    ...(r.comment ? { comment: r.comment } : {}),
    recused: r.recused,
    weightedScore: r.weightedScore ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}
