/**
 * The words a score is shown with: 很合适 (high), 较合适 (mid), 可以考虑 (low). A label follows the evidence, not the
 * sum alone: a pair earns "high" only when the two listings share words or a service domain, so a high score
 * made of kind, place and a good record, with nothing in common about whom it serves, reads "较合适" at most.
 *
 * The thresholds were calibrated on the labelled set (`npm run eval:matching` prints each band's share of pairs an
 * operator judged relevant): at or above HIGH, most pairs are relevant; below MID, few are. With text relevance in
 * proportion (textMatch.ts) scores run lower than before; 65/50 gives, over every need's top ten, 很合适 104 pairs
 * 89.4% relevant, 较合适 235 pairs 36.6%, 可以考虑 51 pairs 11.8% (70/55 left few pairs 很合适 and many relevant ones
 * 可以考虑). Since help to an organization is not judged by domains (factors.ts), a shared domain is no evidence
 * there either; 65/50 then gives 很合适 89 pairs 89.9% relevant, 较合适 245 pairs 44.9%, 可以考虑 56 pairs 5.4%.
 */
import type { MatchLabel } from '@app/shared';

export const LABEL_THRESHOLDS = { high: 65, mid: 50 } as const;
/** Text relevance (0..1) from which the two listings count as saying the same thing. */
export const SHARED_TEXT = 0.25;

export interface LabelEvidence {
  /** The pair's text relevance, 0..1. */
  text: number;
  /** How many of the need's domains the offer shares exactly. */
  sharedDomains: number;
}

/** Whether two listings are about the same thing: they share telling words or a service domain. */
export const sharesSubject = (evidence: LabelEvidence): boolean =>
  evidence.text >= SHARED_TEXT || evidence.sharedDomains > 0;

/** The label of a score given what the two listings have in common. */
export function matchLabel(score: number, evidence: LabelEvidence): MatchLabel {
  if (score >= LABEL_THRESHOLDS.high && sharesSubject(evidence)) return 'high';
  if (score >= LABEL_THRESHOLDS.mid) return 'mid';
  return 'low';
}
