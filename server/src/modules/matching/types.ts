import type { Listing, Locale, MatchLabel, Organization } from '@app/shared';

/** What matching needs to know about an organization: enough to judge an offer's eligibility rules. */
export type MatchOrganization = Pick<Organization, 'type' | 'registered' | 'grade'> & {
  name?: string;
  district?: string;
};

/** How the owner of a listing has behaved on the platform so far. */
export interface ProviderRecord {
  /** Share (0..1) of proposed matches answered before their deadline; unknown for a newcomer. */
  responseRate?: number;
  completed: number;
  /** Mean review rating, 1..5. */
  averageRating?: number;
  reviews: number;
}

/** The factors a score is made of; the names are part of the API (`reasons[].factor`). */
export type ScoreFactor = 'domains' | 'kind' | 'place' | 'time' | 'amount' | 'text' | 'record';

/** One named part of a score: `points` of at most `max`, and a sentence in the caller's language. */
export interface ScoreReason {
  factor: ScoreFactor;
  points: number;
  max: number;
  detail: string;
}

export interface MatchScore {
  /** 0..100, always exactly the sum of the reasons' points. */
  score: number;
  reasons: ScoreReason[];
  /** 很合适 / 较合适 / 可以考虑, following the score and what the two listings have in common. */
  label: MatchLabel;
}

export type EligibilityFactor =
  'eligibility.orgTypes' | 'eligibility.registeredOnly' | 'eligibility.minGrade' | 'eligibility.districts';

/** A sentence in both of the platform's languages. */
export type Bilingual = Record<Locale, string>;

export interface EligibilityFailure {
  factor: EligibilityFactor;
  detail: Bilingual;
}

export type MatchListing = Listing;
