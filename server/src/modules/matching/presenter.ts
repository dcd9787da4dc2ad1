import type { Match } from '@app/shared';
import type { UserRecord } from '../users/model.js';
import type { MatchRecord } from './model.js';
import { matchPolicy } from './policy.js';

/** The match as its sides see it, with what the viewer may do with it now. */
export function presentMatch(m: MatchRecord, viewer: UserRecord | undefined, now = new Date()): Match {
  const yourSide = matchPolicy.sideOf(viewer, m);
  return {
    id: String(m._id),
    needId: String(m.needId),
    offerId: String(m.offerId),
    status: m.status,
    score: m.score,
    reasons: (m.reasons ?? []).map((r) => ({
      factor: r.factor,
      points: r.points,
      max: r.max,
      detail: r.detail,
    })),
    ...(m.label ? { label: m.label } : {}),
    ...(m.amount != null ? { amount: m.amount } : {}),
    ...(m.units != null ? { units: m.units } : {}),
    proposedBy: String(m.proposedBy),
    ...(yourSide ? { yourSide } : {}),
    ...matchPolicy.actionsFor(viewer, m),
    ...(m.conversationId ? { conversationId: String(m.conversationId) } : {}),
    deadline: m.deadline.toISOString(),
    overdue: m.status === 'proposed' && m.deadline.getTime() < now.getTime(),
    ...(m.note ? { note: m.note } : {}),
    ...(m.declineReason ? { declineReason: m.declineReason } : {}),
    ...(m.evidence?.summary
      ? {
          evidence: {
            summary: m.evidence.summary,
            ...(m.evidence.amount != null ? { amount: m.evidence.amount } : {}),
            ...(m.evidence.deliveredAt ? { deliveredAt: m.evidence.deliveredAt.toISOString() } : {}),
          },
        }
      : {}),
    evidenceFiles: (m.evidenceFiles ?? []).map((f) => ({
      id: String(f._id),
      filename: f.filename,
      contentType: f.contentType,
      size: f.size,
      uploadedAt: f.uploadedAt.toISOString(),
      uploadedBy: String(f.uploadedBy),
      side: f.side,
    })),
    reviews: (m.reviews ?? []).map((r) => ({
      side: r.side,
      rating: r.rating,
      ...(r.comment ? { comment: r.comment } : {}),
      createdAt: r.createdAt.toISOString(),
    })),
    history: (m.history ?? []).map((h) => ({
      status: h.status,
      ...(h.by ? { by: String(h.by) } : {}),
      at: h.at.toISOString(),
    })),
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}
