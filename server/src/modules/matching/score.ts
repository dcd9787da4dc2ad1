/**
 * The match score of one candidate for one subject: the sum of named factors, each worth at most its weight.
 * Points are whole numbers, so the score is exactly the sum of its reasons and never above 100.
 */
import { defaultLocale, type Listing, type Locale } from '@app/shared';
import {
  amountFactor,
  domainFactor,
  helpsOrganization,
  kindFactor,
  recordFactor,
  textFactor,
  type FactorResult,
} from './factors.js';
import { placeFactor } from './place.js';
import { say } from './phrases.js';
import { timeFactor } from './time.js';
import { matchLabel } from './label.js';
import type { MatchOrganization, MatchScore, ProviderRecord, ScoreFactor, ScoreReason } from './types.js';
import { FACTOR_ORDER, WEIGHTS, type Weights } from './weights.js';

/** Text relevance from which two listings count as speaking of the same thing for the context factors. */
export const TOPICAL_TEXT = 0.1;
/** The share of the context factors an offer keeps when it has nothing in common with the need. */
const OFF_TOPIC_SHARE = 0.5;
/** The factors that say how well an answer fits (where, when, how much, who), not whether it answers at all. */
const CONTEXT_FACTORS = ['place', 'time', 'amount', 'record'] as const;

export interface ScoreInput {
  subject: Listing;
  candidate: Listing;
  subjectOrg?: MatchOrganization | undefined;
  candidateOrg?: MatchOrganization | undefined;
  /** The search engine's relevance of the candidate to the subject's words, 0..1. */
  textRelevance: number;
  /** The candidate owner's record on the platform; undefined for a newcomer. */
  providerRecord?: ProviderRecord | undefined;
  locale?: Locale;
  /** The moment windows are judged against; now when left out. */
  now?: Date;
  /** Other weights than the documented ones (the evaluation script tries alternatives). */
  weights?: Weights;
  /**
   * False to score only: no reasons come back, and no sentence is built (most of the cost); ranking scores every
   * candidate this way and explains only those it shows.
   */
  explain?: boolean;
}

/** The need and the offer of a pair, whichever of them is the subject. */
export function orient(subject: Listing, candidate: Listing): { need: Listing; offer: Listing } {
  return subject.side === 'need' ? { need: subject, offer: candidate } : { need: candidate, offer: subject };
}

/** A pair's factors other than its text relevance, each as its share and (when explained) its sentence. */
export type PairFactors = Record<Exclude<ScoreFactor, 'text'>, FactorResult>;

/** The factors of the pair that do not read its words: kind, domains, place, time, amount and record. */
export function pairFactors(
  input: Omit<ScoreInput, 'textRelevance'>,
  need: Listing,
  offer: Listing,
): PairFactors {
  const locale = input.locale ?? defaultLocale;
  const now = input.now ?? new Date();
  const explain = input.explain ?? true;
  return {
    kind: kindFactor(need, offer, locale, explain),
    domains: domainFactor(need, offer, locale, explain),
    place: placeFactor(need, offer, locale, explain),
    time: timeFactor(need, offer, now, locale, explain),
    amount: amountFactor(need, offer, locale, explain),
    record: recordFactor(input.providerRecord, locale, explain),
  };
}

const pointsOf = (fraction: number, max: number) => Math.min(max, Math.max(0, Math.round(fraction * max)));

/**
 * The most points a pair can score whatever its text relevance: its other factors as they stand (halving an
 * off-topic pair's context only takes points away) and the text's weight in full. Ranking weighs the words of
 * only the candidates whose bound can still reach the matches it shows.
 */
export function scoreBound(factors: PairFactors, weights: Weights = WEIGHTS): number {
  let bound = 0;
  for (const factor of FACTOR_ORDER) {
    const max = weights[factor];
    if (max === 0) continue;
    bound += factor === 'text' ? max : pointsOf(factors[factor].fraction, max);
  }
  return bound;
}

/** Scores a candidate against the subject; eligibility is not judged here (see checkEligibility). */
export function scoreCandidate(input: ScoreInput): MatchScore {
  const { need, offer } = orient(input.subject, input.candidate);
  return scorePair(input, need, offer, pairFactors(input, need, offer));
}

/** The score of a pair from its other factors (`pairFactors`, made with the same `explain`) and its text relevance. */
export function scorePair(
  input: ScoreInput,
  need: Listing,
  offer: Listing,
  factors: PairFactors,
): MatchScore {
  const locale = input.locale ?? defaultLocale;
  const weights = input.weights ?? WEIGHTS;
  const explain = input.explain ?? true;
  const results: Record<ScoreFactor, FactorResult> = {
    ...factors,
    text: textFactor(input.textRelevance, locale, explain),
  };

  // Nearness, timing, amount and record make a good answer better; they do not make an answer of what is not
  // asked. Where domains say whom the help reaches, an offer with neither a shared or related domain nor shared
  // words keeps half of them. (For help to an organization the sub-kind already names the subject.)
  const onTopic =
    helpsOrganization(need) || results.domains.fraction > 0 || results.text.fraction >= TOPICAL_TEXT;
  if (!onTopic) {
    const halved = explain
      ? say(locale, '（与需求无共同领域或用词，减半计）', ' (halved: nothing in common with the need)')
      : '';
    for (const factor of CONTEXT_FACTORS) {
      const { fraction, detail } = results[factor];
      results[factor] = { fraction: fraction * OFF_TOPIC_SHARE, detail: detail + halved };
    }
  }

  const reasons: ScoreReason[] = [];
  let score = 0;
  for (const factor of FACTOR_ORDER) {
    const max = weights[factor];
    if (max === 0) continue;
    const { fraction, detail } = results[factor];
    const points = pointsOf(fraction, max);
    score += points;
    if (explain) reasons.push({ factor, points, max, detail });
  }
  // Where domains are not compared (help to an organization), a shared one is no evidence for the label either.
  const sharedDomains = helpsOrganization(need)
    ? 0
    : need.domains.filter((d) => offer.domains.includes(d)).length;
  return { score, reasons, label: matchLabel(score, { text: results.text.fraction, sharedDomains }) };
}
