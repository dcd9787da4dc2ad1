/**
 * What an accepted match commits, and taking it from both listings so that neither is ever over-committed.
 *
 * - A funding offer makes `capacity` awards (1 when unset), each of at most `amount.max`; every accepted match
 *   takes one award. It stays open while awards remain.
 * - A funding need with an amount stays open until the accepted amounts reach what it asks (`amount.max`, or
 *   `amount.min` without a max); a match commits the sum named on acceptance, by default the smaller of the
 *   offer's `amount.max` and what the need still lacks.
 * - Any other pair commits units (volunteers, places...): as many as both the offer has left and the need still
 *   lacks; each side stays open until its capacity (1 when unset) is taken.
 * Each take is a conditional update inside the accepting transaction: whatever the timing, a second accept finds
 * the condition false and is refused.
 */
import type { ClientSession } from 'mongoose';
import { conflict, validationFailed } from '../../lib/errors.js';
import { ListingModel, type ListingRecord } from '../listings/model.js';

type Amounts = Pick<ListingRecord, 'kind' | 'amount' | 'capacity' | 'capacityUsed' | 'amountCommitted'>;

export interface Commitment {
  /** Yuan committed, on a funding match. */
  amount?: number;
  /** Units of the need's capacity covered, when the need is not judged by amount. */
  units?: number;
}

/** What a funding need asks in all, or undefined when it is not judged by amount. */
export function askedAmount(need: Pick<ListingRecord, 'kind' | 'amount'>): number | undefined {
  if (need.kind !== 'funding') return undefined;
  return need.amount?.max ?? need.amount?.min ?? undefined;
}

/** What a need still lacks: yuan for a funding need with an amount, otherwise units. */
export function stillLacking(need: Amounts): { amount?: number; units?: number } {
  const asked = askedAmount(need);
  if (asked !== undefined) return { amount: Math.max(0, asked - (need.amountCommitted ?? 0)) };
  return { units: Math.max(0, (need.capacity ?? 1) - (need.capacityUsed ?? 0)) };
}

/** Units an offer still has to give (awards for a funding offer). */
export const unitsLeft = (offer: { capacity?: number | null; capacityUsed?: number | null }): number =>
  Math.max(0, (offer.capacity ?? 1) - (offer.capacityUsed ?? 0));

const isFunding = (need: Amounts, offer: Amounts) => need.kind === 'funding' || offer.kind === 'funding';

/** What accepting this pair would commit, refusing a sum above the offer's award or the need's lack. */
export function planCommitment(need: Amounts, offer: Amounts, requested?: number): Commitment {
  const lack = stillLacking(need);
  if (!isFunding(need, offer)) {
    if (requested !== undefined) throw validationFailed('match.amountOnlyFunding');
    const units = Math.min(lack.units ?? 0, unitsLeft(offer));
    if (units <= 0) throw conflict('match.nothingLeft');
    return { units };
  }
  const award = offer.kind === 'funding' ? (offer.amount?.max ?? undefined) : undefined;
  const fallback = [award, lack.amount].filter((n): n is number => n !== undefined);
  const amount = requested ?? (fallback.length ? Math.min(...fallback) : undefined);
  if (amount !== undefined && award !== undefined && amount > award)
    throw conflict('match.aboveAward', { award }, [
      { path: 'amount', code: 'amount.aboveAward', message: { key: 'match.atMost', params: { max: award } } },
    ]);
  if (amount !== undefined && lack.amount !== undefined && amount > lack.amount)
    throw conflict('match.needLacksOnly', { lack: lack.amount }, [
      {
        path: 'amount',
        code: 'amount.overCommitted',
        message: { key: 'match.atMost', params: { max: lack.amount } },
      },
    ]);
  if (lack.amount === 0 || lack.units === 0) throw conflict('match.alreadyCovered');
  return { ...(amount !== undefined ? { amount } : {}), ...(lack.units !== undefined ? { units: 1 } : {}) };
}

/*
 * Each take below is one update that also marks the listing matched when it takes the last of it. Whether it does
 * is worked out from the listing as this transaction read it: a change committed since would make this update
 * a write conflict, and the transaction is tried again from its reads.
 */
const matchedWhen = (full: boolean) => (full ? { status: 'matched' } : {});

/** What a take did: whether the listing is now used up (and `matched`), and the listing as the take left it. */
export interface Taken {
  full: boolean;
  listing: ListingRecord;
}

/**
 * One take, as the command mongoose's `findOneAndUpdate` would send (the schema's `updatedAt` in `$set`) but
 * straight to the driver: the ids are ObjectIds and the amounts numbers already, nothing for mongoose to cast.
 */
const takeOne = async (
  filter: Record<string, unknown>,
  update: { $inc: Record<string, number>; $set: Record<string, unknown> },
  session: ClientSession,
) =>
  (await ListingModel.collection.findOneAndUpdate(
    filter,
    { ...update, $set: { ...update.$set, updatedAt: new Date() } },
    { returnDocument: 'after', session },
  )) as ListingRecord | null;

/** Takes the commitment from the offer: one award of a funding offer, otherwise the units given. */
export async function takeFromOffer(
  offer: ListingRecord,
  c: Commitment,
  session: ClientSession,
): Promise<Taken> {
  const take = offer.kind === 'funding' ? 1 : (c.units ?? 1);
  const capacity = offer.capacity ?? 1;
  const full = (offer.capacityUsed ?? 0) + take >= capacity;
  const listing = await takeOne(
    { _id: offer._id, status: 'open', capacityUsed: { $lte: capacity - take } },
    { $inc: { capacityUsed: take, amountCommitted: c.amount ?? 0 }, $set: matchedWhen(full) },
    session,
  );
  if (!listing) throw conflict('match.noCapacity', { title: offer.title });
  return { full, listing };
}

/** Takes the commitment from the need: the amount of a funding need, otherwise the units. */
export async function takeFromNeed(
  need: ListingRecord,
  c: Commitment,
  session: ClientSession,
): Promise<Taken> {
  const asked = askedAmount(need);
  if (asked !== undefined) {
    const amount = c.amount ?? 0;
    const full = (need.amountCommitted ?? 0) + amount >= asked;
    const listing = await takeOne(
      { _id: need._id, status: 'open', amountCommitted: { $lte: asked - amount } },
      {
        $inc: { amountCommitted: amount },
        // Covered in full, the need counts as one unit taken, so its capacity reads as covered too.
        $set: full ? { ...matchedWhen(full), capacityUsed: need.capacity ?? 1 } : {},
      },
      session,
    );
    if (!listing) throw conflict('match.overCommitted', { title: need.title });
    return { full, listing };
  }
  const units = c.units ?? 1;
  const capacity = need.capacity ?? 1;
  const full = (need.capacityUsed ?? 0) + units >= capacity;
  const listing = await takeOne(
    { _id: need._id, status: 'open', capacityUsed: { $lte: capacity - units } },
    { $inc: { capacityUsed: units }, $set: matchedWhen(full) },
    session,
  );
  if (!listing) throw conflict('match.noCapacity', { title: need.title });
  return { full, listing };
}
