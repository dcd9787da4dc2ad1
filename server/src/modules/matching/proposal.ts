/**
 * Everything a proposal checks before a match exists (both listings, who proposes, eligibility) and the score it
 * keeps: computed by the same scoring, with the same text relevance of the pair, as the recommendations showed.
 */
import { trusted } from 'mongoose';
import type { Locale } from '@app/shared';
import { conflict, forbidden, notFound, validationFailed } from '../../lib/errors.js';
import { ListingModel, type ListingRecord } from '../listings/model.js';
import { listingPolicy } from '../listings/policy.js';
import { presentListings } from '../listings/presenter.js';
import type { UserRecord } from '../users/model.js';
import {
  matchOrganizations,
  organizationOf,
  PROVIDER_RECORD_FIELDS,
  providerRecordsFilter,
  tallyProviderRecords,
} from './context.js';
import { checkEligibility } from './eligibility.js';
import { MatchModel, type MatchRecord } from './model.js';

/** A match of a pair in these states stands in the way of another proposal of the pair. */
const UNDER_WAY: readonly MatchRecord['status'][] = ['proposed', 'accepted'];
import { scoreCandidate } from './score.js';
import { textRelevance } from './textMatch.js';
import type { EligibilityFailure } from './types.js';

/** The refusal of a pair an eligibility rule forbids: a 409 naming each failed rule. */
export function eligibilityRefusal(failures: EligibilityFailure[]) {
  const rules = {
    'zh-CN': failures.map((f) => f.detail['zh-CN']).join('；'),
    en: failures.map((f) => f.detail.en).join('; '),
  };
  return conflict(
    'match.notEligibleRules',
    { rules },
    failures.map((f) => ({ code: f.factor, path: f.factor, message: f.detail })),
  );
}

/** Checks a proposal of this pair by this user and returns the new match's fields, and the two listings read. */
export async function proposalFor(user: UserRecord, needId: string, offerId: string, locale: Locale) {
  // Both listings in one read.
  const pair = await ListingModel.find({ _id: trusted({ $in: [needId, offerId] }) }).lean<ListingRecord[]>();
  const need = pair.find((l) => l._id.equals(needId));
  const offer = pair.find((l) => l._id.equals(offerId));
  if (!need || !offer) throw notFound('Listing');
  if (need.side !== 'need' || offer.side !== 'offer') throw validationFailed('match.needAndOffer');
  const ownsNeed = listingPolicy.canEdit(user, need);
  const ownsOffer = listingPolicy.canEdit(user, offer);
  if (ownsNeed === ownsOffer) throw forbidden(ownsNeed ? 'match.bothYours' : 'match.proposeFromOwn');
  if (need.status !== 'open' || offer.status !== 'open') throw conflict('match.bothOpen');
  // In one read: a match of this pair under way, and every match of the offer's owner (its provider record).
  const offerOwner = String(offer.ownerId);
  const matches = await MatchModel.find({
    $or: [
      { needId: need._id, offerId: offer._id, status: trusted({ $in: UNDER_WAY }) },
      ...providerRecordsFilter([offerOwner]),
    ],
  })
    .select({ ...PROVIDER_RECORD_FIELDS, needId: 1, offerId: 1 })
    .lean<MatchRecord[]>();
  const underWay = matches.some(
    (m) => m.needId.equals(need._id) && m.offerId.equals(offer._id) && UNDER_WAY.includes(m.status),
  );
  if (underWay) throw conflict('match.underWay');

  const [needView, offerView] = await presentListings([need, offer]);
  const orgs = await matchOrganizations([needView!.organizationId, offerView!.organizationId]);
  const orgOf = organizationOf(orgs);
  const failures = checkEligibility(offerView!, orgOf(needView!), needView!);
  if (failures.length) throw eligibilityRefusal(failures);
  const records = tallyProviderRecords([offerOwner], matches);
  // Scored from the proposer's listing, as its recommendations were.
  const [subject, candidate] = ownsNeed ? [needView!, offerView!] : [offerView!, needView!];
  const { score, reasons, label } = scoreCandidate({
    subject,
    candidate,
    subjectOrg: orgOf(subject),
    candidateOrg: orgOf(candidate),
    textRelevance: textRelevance(needView!, offerView!),
    providerRecord: records.get(String(ownsNeed ? offer.ownerId : need.ownerId)),
    locale,
  });
  const fields = {
    needId: need._id,
    offerId: offer._id,
    needOwnerId: need.ownerId,
    offerOwnerId: offer.ownerId,
    ...(need.organizationId ? { needOrgId: need.organizationId } : {}),
    ...(offer.organizationId ? { offerOrgId: offer.organizationId } : {}),
    score,
    reasons,
    label,
    proposedSide: ownsNeed ? ('need' as const) : ('offer' as const),
  };
  return { fields, listings: { need, offer } };
}
