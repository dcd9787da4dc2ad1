import mongoose, { trusted, type ClientSession } from 'mongoose';
import type { Listing } from '@app/shared';
import type { AppContext } from '../../context.js';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../lib/errors.js';
import { deliverRecorded, recordEvent, writeWithEvents, type RecordedEvent } from '../../lib/outbox.js';
import { queryTokens } from '../../lib/text/tokenizer.js';
import { ListingModel, type ListingRecord } from '../listings/model.js';
import { listingPolicy } from '../listings/policy.js';
import { presentListings } from '../listings/presenter.js';
import type { UserRecord } from '../users/model.js';
import { matchOrganizations, organizationOf, providerRecords } from './context.js';
import { checkEligibility } from './eligibility.js';
import { MatchModel, RESPONSE_DAYS, type MatchRecord } from './model.js';
import { matchPolicy as policy } from './policy.js';
import { scoreCandidate } from './score.js';
import { openMatchConversation } from '../conversations/opening.js';
import type { MatchParties } from './events.js';
import './events.js';
import '../listings/events.js';

const DAY = 86_400_000;

export async function findMatch(id: string): Promise<MatchRecord> {
  const m = await MatchModel.findById(id).lean<MatchRecord>();
  if (!m) throw notFound('Match');
  return m;
}

/** A match the user may see, or a 404 that does not say whether it exists. */
export async function findVisibleMatch(user: UserRecord | undefined, id: string): Promise<MatchRecord> {
  const m = await findMatch(id);
  if (!policy.canRead(user, m)) throw notFound('Match');
  return m;
}

/** Who the two sides are, and who acted: the payload of every match event. */
export const matchParties = (m: MatchRecord, actor?: UserRecord): MatchParties => ({
  matchId: String(m._id),
  needOwnerId: String(m.needOwnerId),
  offerOwnerId: String(m.offerOwnerId),
  ...(actor ? { actorId: String(actor._id) } : {}),
});

/** Share of the need's title words found in the offer's text: the relevance of a pair proposed by hand. */
function wordOverlap(need: Listing, offer: Listing): number {
  const words = new Set(queryTokens(need.title));
  if (!words.size) return 0;
  const text = `${offer.title} ${offer.description}`;
  return [...words].filter((w) => text.includes(w)).length / words.size;
}

/**
 * Takes one unit of a listing's capacity (its capacity, or 1 when it has none) for an accepted match; the
 * listing becomes `matched` when the last unit is taken. Throws a conflict when none is left.
 */
async function takeCapacity(listing: ListingRecord, session: ClientSession): Promise<RecordedEvent> {
  const capacity = listing.capacity ?? 1;
  const taken = await ListingModel.findOneAndUpdate(
    { _id: listing._id, status: 'open', capacityUsed: trusted({ $lt: capacity }) },
    { $inc: { capacityUsed: 1 } },
    { returnDocument: 'after', session },
  ).lean<ListingRecord>();
  if (!taken) throw conflict('match.noCapacity', { title: listing.title });
  if (taken.capacityUsed >= capacity)
    await ListingModel.updateOne({ _id: listing._id }, { $set: { status: 'matched' } }, { session });
  return recordEvent('listing.changed', { listingId: String(listing._id), change: 'matched' }, session);
}

export function matchService(ctx: AppContext) {
  const transition = async (
    user: UserRecord,
    m: MatchRecord,
    from: MatchRecord['status'],
    to: MatchRecord['status'],
    extra: Record<string, unknown> = {},
    session?: ClientSession,
  ) => {
    const updated = await MatchModel.findOneAndUpdate(
      { _id: m._id, status: from },
      { $set: { status: to, ...extra }, $push: { history: { status: to, by: user._id, at: new Date() } } },
      { returnDocument: 'after', session },
    ).lean<MatchRecord>();
    if (!updated) throw conflict('match.noLonger', { status: from });
    return updated;
  };

  /**
   * A match write and its one event, recorded in the outbox in the same transaction; the event goes to its
   * subscribers (notifications, realtime through them, audit) once the write is committed.
   */
  const writeMatch = async (
    event: 'match.proposed' | 'match.declined' | 'match.completed' | 'match.reviewed',
    fn: (session: ClientSession) => Promise<MatchRecord>,
    payloadOf: (m: MatchRecord) => MatchParties,
  ): Promise<MatchRecord> =>
    writeWithEvents(ctx.events, async (session, record) => {
      const m = await fn(session);
      await record(event, payloadOf(m));
      return m;
    });

  return {
    async propose(user: UserRecord, needId: string, offerId: string, note?: string): Promise<MatchRecord> {
      const [need, offer] = await Promise.all([
        ListingModel.findById(needId).lean<ListingRecord>(),
        ListingModel.findById(offerId).lean<ListingRecord>(),
      ]);
      if (!need || !offer) throw notFound('Listing');
      if (need.side !== 'need' || offer.side !== 'offer') throw validationFailed('match.needAndOffer');
      const ownsNeed = listingPolicy.canEdit(user, need);
      const ownsOffer = listingPolicy.canEdit(user, offer);
      if (ownsNeed === ownsOffer) throw forbidden(ownsNeed ? 'match.bothYours' : 'match.proposeFromOwn');
      if (need.status !== 'open' || offer.status !== 'open') throw conflict('match.bothOpen');
      const active = await MatchModel.exists({
        needId,
        offerId,
        status: trusted({ $in: ['proposed', 'accepted'] }),
      });
      if (active) throw conflict('match.underWay');

      const [needView, offerView] = await presentListings([need, offer]);
      const orgs = await matchOrganizations([needView!.organizationId, offerView!.organizationId]);
      const orgOf = organizationOf(orgs);
      const failures = checkEligibility(offerView!, orgOf(needView!), needView!);
      if (failures.length) {
        throw new AppError(
          'validation_failed',
          'match.notEligible',
          failures.map((f) => ({ path: f.factor, message: f.detail, code: 'eligibility' })),
        );
      }
      const records = await providerRecords([String(offer.ownerId)]);
      const { score } = scoreCandidate({
        subject: needView!,
        candidate: offerView!,
        subjectOrg: orgOf(needView!),
        candidateOrg: orgOf(offerView!),
        textRelevance: wordOverlap(needView!, offerView!),
        providerRecord: records.get(String(offer.ownerId)),
      });
      const proposedSide: 'need' | 'offer' = ownsNeed ? 'need' : 'offer';
      const doc = {
        needId,
        offerId,
        needOwnerId: need.ownerId,
        offerOwnerId: offer.ownerId,
        ...(need.organizationId ? { needOrgId: need.organizationId } : {}),
        ...(offer.organizationId ? { offerOrgId: offer.organizationId } : {}),
        score,
        proposedBy: user._id,
        proposedSide,
        ...(note ? { note } : {}),
        deadline: new Date(Date.now() + RESPONSE_DAYS * DAY),
        history: [{ status: 'proposed' as const, by: user._id, at: new Date() }],
      };
      return writeMatch(
        'match.proposed',
        async (session) => (await MatchModel.create([doc], { session }))[0]!.toObject(),
        (m) => ({ ...matchParties(m, user), side: m.proposedSide }),
      );
    },

    /** Accepts within the deadline, taking capacity of both listings in one transaction. */
    async accept(user: UserRecord, id: string): Promise<MatchRecord> {
      const m = await findVisibleMatch(user, id);
      if (!policy.canRespond(user, m)) throw forbidden('match.receiverAccepts');
      if (m.status !== 'proposed') throw conflict('match.cannotAccept', { status: m.status });
      const { accepted: updated, recorded } = await mongoose.connection.transaction(async (session) => {
        // One operation at a time: a transaction's operations must not run in parallel.
        const need = await ListingModel.findById(m.needId).session(session).lean<ListingRecord>();
        const offer = await ListingModel.findById(m.offerId).session(session).lean<ListingRecord>();
        if (!need || !offer) throw conflict('match.listingGone');
        const offerTaken = await takeCapacity(offer, session);
        const needTaken = await takeCapacity(need, session);
        const accepted = await transition(user, m, 'proposed', 'accepted', {}, session);
        const acceptedEvent = await recordEvent(
          'match.accepted',
          { ...matchParties(accepted, user), side: accepted.proposedSide === 'need' ? 'offer' : 'need' },
          session,
        );
        return { accepted, recorded: [offerTaken, needTaken, acceptedEvent] };
      });
      // The two sides can talk from now on; opening is idempotent by match.
      const conversation = await openMatchConversation(ctx, {
        matchId: String(m._id),
        memberUserIds: [String(m.needOwnerId), String(m.offerOwnerId)],
        organizationIds: [m.needOrgId, m.offerOrgId].filter(Boolean).map(String),
      });
      await MatchModel.updateOne({ _id: m._id }, { $set: { conversationId: conversation._id } });
      updated.conversationId = conversation._id;
      // Search shows the listings' new capacity (or drops them once matched) before the accept is answered.
      await deliverRecorded(ctx.events, recorded);
      return updated;
    },

    async decline(user: UserRecord, id: string, reason?: string): Promise<MatchRecord> {
      const m = await findVisibleMatch(user, id);
      if (!policy.canRespond(user, m)) throw forbidden('match.receiverDeclines');
      return writeMatch(
        'match.declined',
        (session) =>
          transition(user, m, 'proposed', 'declined', reason ? { declineReason: reason } : {}, session),
        (updated) => matchParties(updated, user),
      );
    },

    async complete(
      user: UserRecord,
      id: string,
      evidence: { summary: string; amount?: number; deliveredAt?: string },
    ) {
      const m = await findVisibleMatch(user, id);
      const delivered = {
        evidence: {
          ...evidence,
          deliveredAt: evidence.deliveredAt ? new Date(evidence.deliveredAt) : new Date(),
        },
      };
      return writeMatch(
        'match.completed',
        (session) => transition(user, m, 'accepted', 'completed', delivered, session),
        (updated) => matchParties(updated, user),
      );
    },

    /** One review per side, once the match is completed. */
    async review(user: UserRecord, id: string, rating: number, comment?: string): Promise<MatchRecord> {
      const m = await findVisibleMatch(user, id);
      const side = policy.sideOf(user, m)!;
      if (m.status !== 'completed') throw conflict('match.reviewCompleted');
      return writeMatch(
        'match.reviewed',
        async (session) => {
          const updated = await MatchModel.findOneAndUpdate(
            { _id: m._id, status: 'completed', 'reviews.side': trusted({ $ne: side }) },
            {
              $push: {
                reviews: {
                  side,
                  byUserId: user._id,
                  rating,
                  ...(comment ? { comment } : {}),
                  createdAt: new Date(),
                },
              },
            },
            { returnDocument: 'after', session },
          ).lean<MatchRecord>();
          if (!updated) throw conflict('match.alreadyReviewed');
          return updated;
        },
        (updated) => matchParties(updated, user),
      );
    },
  };
}
