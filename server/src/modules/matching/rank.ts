/**
 * Ranking: from the candidates the search engine returned for a listing, the best of the other side, and the near
 * misses an eligibility rule ruled out.
 */
import { defaultLocale, type Kind, type Listing, type Locale, type MatchLabel, type Side } from '@app/shared';
import { checkEligibility } from './eligibility.js';
import { fittingKinds, kindFit } from './kindFit.js';
import {
  orient,
  pairFactors,
  scoreBound,
  scoreCandidate,
  scorePair,
  type PairFactors,
  type ScoreInput,
} from './score.js';
import type { EligibilityFactor, MatchOrganization, ProviderRecord, ScoreReason } from './types.js';
import type { Weights } from './weights.js';

export interface RankContext {
  /** The moment windows and expiry are judged against; now when left out. */
  now?: Date;
  /** The organization that owns the subject, if any (a resident's listing has none). */
  subjectOrg?: MatchOrganization | undefined;
  /** The organization that owns a candidate, if any. */
  organizationOf?: (listing: Listing) => MatchOrganization | undefined;
  /** The record of a candidate's owner; undefined for a newcomer. */
  recordOf?: (listing: Listing) => ProviderRecord | undefined;
  /** The search engine's relevance (0..1) of a candidate to the subject; 0 when unknown. */
  relevanceOf?: (listing: Listing) => number;
  weights?: Weights;
}

export interface RankOptions {
  limit?: number;
  locale?: Locale;
}

export interface RankedMatch {
  listing: Listing;
  score: number;
  label: MatchLabel;
  reasons: ScoreReason[];
}

export interface ExcludedCandidate {
  listing: Listing;
  reasons: { factor: EligibilityFactor; detail: string }[];
}

export interface Ranking {
  matches: RankedMatch[];
  excluded: ExcludedCandidate[];
}

const otherSide = (side: Side): Side => (side === 'need' ? 'offer' : 'need');

/**
 * Whether a candidate is open to the subject: the other side, open, not over at `now` (ms), not full, and not the
 * subject owner's own. One that is not at some moment is not at any later one either: the candidates whose owners'
 * records a ranking needs can be picked before it runs.
 */
export function isOpenTo(subject: Listing, candidate: Listing, now: number): boolean {
  if (candidate.side === subject.side || candidate.id === subject.id) return false;
  if (candidate.ownerId === subject.ownerId) return false;
  if (subject.organizationId && candidate.organizationId === subject.organizationId) return false;
  if (candidate.status !== 'open') return false;
  if (candidate.endsAt && Date.parse(candidate.endsAt) < now) return false;
  return !(candidate.capacity !== undefined && (candidate.capacityUsed ?? 0) >= candidate.capacity);
}

/**
 * Whether a candidate can be offered to the subject at all: open to it, and of a kind that can answer it. Those
 * that fail are left out silently.
 */
function isAvailable(subject: Listing, candidate: Listing, now: number): boolean {
  if (!isOpenTo(subject, candidate, now)) return false;
  const { need, offer } = orient(subject, candidate);
  return kindFit(need, offer).fit > 0;
}

/** A candidate on its way through the ranking: its bound first, its score once its words are weighed. */
interface Ranked {
  listing: Listing;
  input: ScoreInput;
  need: Listing;
  offer: Listing;
  factors: PairFactors;
  /** The most it can score (`scoreBound`). */
  bound: number;
  /** `createdAt` in ms, read once for the ties. */
  created: number;
  score: number;
  label: MatchLabel;
  /** The eligibility rules the taker fails (a near miss). */
  rules?: ExcludedCandidate['reasons'];
}

const byScoreThenNewer = (a: Ranked, b: Ranked) =>
  b.score - a.score ||
  b.created - a.created ||
  (a.listing.id < b.listing.id ? -1 : a.listing.id > b.listing.id ? 1 : 0);

/**
 * The first `limit` of the candidates by score (ties: newer first), in order, weighing the words of as few as
 * can decide them: candidates are taken by their bound, highest first, and scored in full until the next bound is
 * below the score of the last one kept, when no candidate left can reach the list. The same list as scoring every
 * candidate and sorting them all.
 */
function best(candidates: Ranked[], limit: number, score: (candidate: Ranked) => void): Ranked[] {
  const kept: Ranked[] = [];
  if (!(limit >= 1)) return kept;
  candidates.sort((a, b) => b.bound - a.bound);
  for (const candidate of candidates) {
    if (kept.length === limit && candidate.bound < kept[limit - 1]!.score) break;
    score(candidate);
    let at = kept.length;
    while (at > 0 && byScoreThenNewer(candidate, kept[at - 1]!) < 0) at--;
    if (at === limit) continue;
    kept.splice(at, 0, candidate);
    if (kept.length > limit) kept.pop();
  }
  return kept;
}

/** Ranks candidates for the subject: matches by score (ties: newer first), and excluded near misses. */
export function rankCandidates(
  subject: Listing,
  candidates: readonly Listing[],
  context: RankContext = {},
  options: RankOptions = {},
): Ranking {
  const locale = options.locale ?? defaultLocale;
  const limit = options.limit ?? 10;
  const now = context.now ?? new Date();
  const eligible: Ranked[] = [];
  const ruledOut: Ranked[] = [];
  const seen = new Set<string>();

  for (const candidate of candidates) {
    if (seen.has(candidate.id) || !isAvailable(subject, candidate, now.getTime())) continue;
    seen.add(candidate.id);
    const candidateOrg = context.organizationOf?.(candidate);
    const { need, offer } = orient(subject, candidate);
    const takerOrg = subject.side === 'need' ? context.subjectOrg : candidateOrg;
    const input: ScoreInput = {
      subject,
      candidate,
      subjectOrg: context.subjectOrg,
      candidateOrg,
      textRelevance: 0,
      providerRecord: context.recordOf?.(candidate),
      locale,
      now,
      ...(context.weights ? { weights: context.weights } : {}),
      // Scored without words: only the matches shown below are explained.
      explain: false,
    };
    const factors = pairFactors(input, need, offer);
    const ranked: Ranked = {
      listing: candidate,
      input,
      need,
      offer,
      factors,
      bound: scoreBound(factors, context.weights),
      created: Date.parse(candidate.createdAt),
      score: 0,
      label: 'low',
    };
    const failures = checkEligibility(offer, takerOrg, need);
    if (failures.length) {
      ranked.rules = failures.map((f) => ({ factor: f.factor, detail: f.detail[locale] }));
      ruledOut.push(ranked);
    } else eligible.push(ranked);
  }
  // The text relevance of a candidate, then its score, only for those whose bound can still reach a list.
  const score = (ranked: Ranked) => {
    ranked.input.textRelevance = context.relevanceOf?.(ranked.listing) ?? 0;
    const { score, label } = scorePair(ranked.input, ranked.need, ranked.offer, ranked.factors);
    ranked.score = score;
    ranked.label = label;
  };
  return {
    matches: best(eligible, limit, score).map(({ listing, score, label, input }) => ({
      listing,
      score,
      label,
      reasons: scoreCandidate({ ...input, explain: true }).reasons,
    })),
    // Near misses in the order they would have ranked, so the closest misses come first.
    excluded: best(ruledOut, limit, score).map(({ listing, rules }) => ({ listing, reasons: rules! })),
  };
}

/** What to ask the search engine for: a plain object the search port turns into its own query. */
export interface CandidateQuery {
  side: Side;
  kind: Kind[];
  status: 'open';
  /** Words of the subject's title, without the asking and offering verbs every listing uses. */
  q: string;
  /** Preferences, not filters: the scorer weighs them, and a near district must not be cut off. */
  near: { district: string; street?: string };
  domain: string[];
  excludeOwnerId: string;
}

/** Words in titles that say "I ask" or "I give" rather than what. */
const FRAME_WORDS = /急需|需要|寻求|寻找|想找|招募|诚招|征集|希望|提供|免费|求助/g;

/** The search the subject's candidates come from. */
export function candidateQuery(subject: Listing): CandidateQuery {
  const q = subject.title
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .replace(FRAME_WORDS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return {
    side: otherSide(subject.side),
    kind: fittingKinds(subject),
    status: 'open',
    q,
    near: { district: subject.district, ...(subject.street ? { street: subject.street } : {}) },
    domain: [...subject.domains],
    excludeOwnerId: subject.ownerId,
  };
}
