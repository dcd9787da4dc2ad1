import mongoose, { trusted, Types, type ClientSession } from 'mongoose';
import { defaultLocale, type Locale } from '@app/shared';
import type { AppContext } from '../../context.js';
import { conflict, forbidden, notFound } from '../../lib/errors.js';
import { deliverRecorded, recordEvents, writeWithEvents } from '../../lib/outbox.js';
import { ListingModel, type ListingRecord } from '../listings/model.js';
import { listingPolicy } from '../listings/policy.js';
import { planCommitment, takeFromNeed, takeFromOffer, type Taken } from './commitment.js';
import { proposalFor } from './proposal.js';
import type { UserRecord } from '../users/model.js';
import { MatchModel, RESPONSE_DAYS, type MatchRecord } from './model.js';
import { matchPolicy as policy } from './policy.js';
import { announceOpened, openMatchConversationIn } from '../conversations/opening.js';
import { withCommittedMatch, type MatchParties } from './events.js';
import { withCommittedListing } from '../listings/events.js';

const DAY = 86_400_000;

export async function findMatch(id: string): Promise<MatchRecord> {
  // Straight to the driver: a mongoose query would only cast the id (checked first: a malformed one is not found).
  const m = Types.ObjectId.isValid(id)
    ? ((await MatchModel.collection.findOne({ _id: new Types.ObjectId(id) })) as MatchRecord | null)
    : null;
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

export function matchService(ctx: AppContext) {
  const transition = async (
    user: UserRecord,
    m: MatchRecord,
    from: MatchRecord['status'],
    to: MatchRecord['status'],
    extra: Record<string, unknown> = {},
    session?: ClientSession,
  ) => {
    // The command mongoose's `findOneAndUpdate` would send (the schema's `updatedAt` in `$set`), straight to the
    // driver: `extra` holds values typed as stored (the routes' schemas checked them, dates made by the service).
    const at = new Date();
    const update: Record<string, Record<string, unknown>> = {
      $set: { status: to, ...extra, updatedAt: at },
      $push: { history: { status: to, by: user._id, at } },
    };
    const updated = (await MatchModel.collection.findOneAndUpdate({ _id: m._id, status: from }, update, {
      returnDocument: 'after',
      session,
    })) as MatchRecord | null;
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
    /**
     * Proposes a match from one of the user's listings; it keeps the score, reasons and label the pair has now,
     * which are the ones the recommendations show.
     */
    async propose(
      user: UserRecord,
      needId: string,
      offerId: string,
      note?: string,
      locale: Locale = defaultLocale,
    ): Promise<MatchRecord> {
      const [m] = await this.proposeMany(user, needId, [offerId], note, locale);
      return m!;
    },

    /** A bundle in one step: the need's owner proposes one match per offer, all or none. */
    async proposeBundle(
      user: UserRecord,
      needId: string,
      offerIds: readonly string[],
      note?: string,
      locale: Locale = defaultLocale,
    ): Promise<MatchRecord[]> {
      const need = await ListingModel.findById(needId).lean<ListingRecord>();
      if (!need) throw notFound('Listing');
      if (!listingPolicy.canEdit(user, need)) throw forbidden('match.bundleByNeedOwner');
      return this.proposeMany(user, needId, offerIds, note, locale);
    },

    /** Proposes one match per offer for one need, all or none. */
    async proposeMany(
      user: UserRecord,
      needId: string,
      offerIds: readonly string[],
      note?: string,
      locale: Locale = defaultLocale,
    ): Promise<MatchRecord[]> {
      const drafts: Awaited<ReturnType<typeof proposalFor>>[] = [];
      for (const offerId of offerIds) drafts.push(await proposalFor(user, needId, offerId, locale));
      const now = Date.now();
      // All or none: the matches and their events are written in one transaction, the matches in one insert
      // (cast, defaulted, validated and timestamped by the schema as `create` would, without `save`'s machinery).
      return writeWithEvents(ctx.events, async (session, record) => {
        const docs = await MatchModel.insertMany(
          drafts.map((d) => ({
            ...d.fields,
            proposedBy: user._id,
            ...(note ? { note } : {}),
            deadline: new Date(now + RESPONSE_DAYS * DAY),
            history: [{ status: 'proposed', by: user._id, at: new Date(now) }],
          })),
          { session },
        );
        const out: MatchRecord[] = [];
        for (const [i, doc] of docs.entries()) {
          const m = doc.toObject<MatchRecord>();
          // Handed to the subscribers in this process as committed (the counters, the notification).
          await record(
            'match.proposed',
            withCommittedMatch({ ...matchParties(m, user), side: m.proposedSide }, m, drafts[i]!.listings),
          );
          out.push(m);
        }
        return out;
      });
    },

    /** Accepts within the deadline, taking capacity of both listings in one transaction. */
    async accept(user: UserRecord, id: string, amount?: number): Promise<MatchRecord> {
      const m = await findVisibleMatch(user, id);
      if (!policy.canRespond(user, m)) throw forbidden('match.receiverAccepts');
      if (m.status !== 'proposed') throw conflict('match.cannotAccept', { status: m.status });
      const { accepted: updated, recorded, opened } = await mongoose.connection.transaction(async (session) => {
        // One operation at a time: a transaction's operations must not run in parallel. Both listings in one read.
        const pair = (await ListingModel.collection
          .find({ _id: { $in: [m.needId, m.offerId] } }, { session })
          .toArray()) as ListingRecord[];
        const need = pair.find((l) => l._id.equals(m.needId));
        const offer = pair.find((l) => l._id.equals(m.offerId));
        if (!need || !offer) throw conflict('match.listingGone');
        if (need.status !== 'open' || offer.status !== 'open') throw conflict('match.coveredOrSpent');
        const commitment = planCommitment(need, offer, amount);
        const offerTaken = await takeFromOffer(offer, commitment, session);
        const needTaken = await takeFromNeed(need, commitment, session);
        // Capacity and status only: nothing the statistics read of the listings for their matches. Each listing
        // as its take left it goes to the subscribers in this process (the search index), not read again.
        const changed = ({ full, listing }: Taken) => ({
          event: 'listing.changed' as const,
          payload: withCommittedListing(
            {
              listingId: String(listing._id),
              change: full ? ('matched' as const) : ('updated' as const),
              factsChanged: false,
            },
            listing,
          ),
        });
        // The two sides can talk from now on: their conversation is opened with the acceptance, all or none.
        const opened = await openMatchConversationIn(session, {
          matchId: String(m._id),
          memberUserIds: [String(m.needOwnerId), String(m.offerOwnerId)],
          organizationIds: [m.needOrgId, m.offerOrgId].filter(Boolean).map(String),
        });
        const accepted = await transition(
          user,
          m,
          'proposed',
          'accepted',
          { ...commitment, conversationId: opened.conversationId },
          session,
        );
        // The three events in one round trip.
        const recorded = await recordEvents(
          [
            changed(offerTaken),
            changed(needTaken),
            {
              event: 'match.accepted',
              payload: withCommittedMatch(
                {
                  ...matchParties(accepted, user),
                  side: accepted.proposedSide === 'need' ? 'offer' : 'need',
                },
                accepted,
                { need: needTaken.listing, offer: offerTaken.listing },
              ),
            },
          ],
          session,
        );
        return { accepted, recorded, opened };
      });
      if (opened.changed) announceOpened(ctx, opened.conversationId);
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
          // What was delivered: the sum committed unless the evidence says otherwise.
          ...(m.amount != null ? { amount: m.amount } : {}),
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
