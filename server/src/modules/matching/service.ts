import mongoose, { trusted, type ClientSession } from 'mongoose';
import { defaultLocale, type Locale } from '@app/shared';
import type { AppContext } from '../../context.js';
import { conflict, forbidden, notFound } from '../../lib/errors.js';
import { recordListingChange } from '../../search/outbox.js';
import { ListingModel, type ListingRecord } from '../listings/model.js';
import { planCommitment, takeFromNeed, takeFromOffer } from './commitment.js';
import { proposalFor } from './proposal.js';
import type { UserRecord } from '../users/model.js';
import { MatchModel, RESPONSE_DAYS, type MatchRecord } from './model.js';
import { matchPolicy as policy } from './policy.js';
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
    if (!updated) throw conflict(`The match is no longer ${from}`);
    return updated;
  };

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

    /** Proposes one match per offer for one need, all or none: a bundle in one step. */
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
      const created = await mongoose.connection.transaction(async (session) => {
        const out: MatchRecord[] = [];
        for (const d of drafts) {
          const [m] = await MatchModel.create(
            [
              {
                ...d,
                proposedBy: user._id,
                ...(note ? { note } : {}),
                deadline: new Date(now + RESPONSE_DAYS * DAY),
                history: [{ status: 'proposed', by: user._id, at: new Date(now) }],
              },
            ],
            { session },
          );
          out.push(m!.toObject());
        }
        return out;
      });
      for (const m of created)
        ctx.events.emit('match.proposed', { ...matchParties(m, user), side: m.proposedSide });
      return created;
    },

    /** Accepts within the deadline, taking capacity of both listings in one transaction. */
    async accept(user: UserRecord, id: string, amount?: number): Promise<MatchRecord> {
      const m = await findVisibleMatch(user, id);
      if (!policy.canRespond(user, m)) throw forbidden('Only the side that received the proposal accepts it');
      if (m.status !== 'proposed') throw conflict(`A ${m.status} match cannot be accepted`);
      const updated = await mongoose.connection.transaction(async (session) => {
        // One operation at a time: a transaction's operations must not run in parallel.
        const need = await ListingModel.findById(m.needId).session(session).lean<ListingRecord>();
        const offer = await ListingModel.findById(m.offerId).session(session).lean<ListingRecord>();
        if (!need || !offer) throw conflict('A listing of this match is gone');
        if (need.status !== 'open' || offer.status !== 'open')
          throw conflict('The need is already covered or the offer has nothing left');
        const commitment = planCommitment(need, offer, amount);
        await takeFromOffer(offer, commitment, session);
        await takeFromNeed(need, commitment, session);
        await recordListingChange(offer._id, session);
        await recordListingChange(need._id, session);
        return transition(user, m, 'proposed', 'accepted', { ...commitment }, session);
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
      await Promise.all([
        ctx.events.emitAndWait('listing.changed', { listingId: String(m.needId), change: 'matched' }),
        ctx.events.emitAndWait('listing.changed', { listingId: String(m.offerId), change: 'matched' }),
      ]);
      ctx.events.emit('match.accepted', {
        ...matchParties(updated, user),
        side: updated.proposedSide === 'need' ? 'offer' : 'need',
      });
      return updated;
    },

    async decline(user: UserRecord, id: string, reason?: string): Promise<MatchRecord> {
      const m = await findVisibleMatch(user, id);
      if (!policy.canRespond(user, m))
        throw forbidden('Only the side that received the proposal declines it');
      const updated = await transition(
        user,
        m,
        'proposed',
        'declined',
        reason ? { declineReason: reason } : {},
      );
      ctx.events.emit('match.declined', matchParties(updated, user));
      return updated;
    },

    async complete(
      user: UserRecord,
      id: string,
      evidence: { summary: string; amount?: number; deliveredAt?: string },
    ) {
      const m = await findVisibleMatch(user, id);
      const updated = await transition(user, m, 'accepted', 'completed', {
        evidence: {
          // What was delivered: the sum committed unless the evidence says otherwise.
          ...(m.amount != null ? { amount: m.amount } : {}),
          ...evidence,
          deliveredAt: evidence.deliveredAt ? new Date(evidence.deliveredAt) : new Date(),
        },
      });
      ctx.events.emit('match.completed', matchParties(updated, user));
      return updated;
    },

    /** One review per side, once the match is completed. */
    async review(user: UserRecord, id: string, rating: number, comment?: string): Promise<MatchRecord> {
      const m = await findVisibleMatch(user, id);
      const side = policy.sideOf(user, m)!;
      if (m.status !== 'completed') throw conflict('Only a completed match is reviewed');
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
        { returnDocument: 'after' },
      ).lean<MatchRecord>();
      if (!updated) throw conflict('Your side has already reviewed this match');
      ctx.events.emit('match.reviewed', matchParties(updated, user));
      return updated;
    },
  };
}
