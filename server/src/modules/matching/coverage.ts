import { trusted } from 'mongoose';
import { validationFailed } from '../../lib/errors.js';
import { ListingModel, type ListingRecord } from '../listings/model.js';
import { MatchModel } from './model.js';

/**
 * What covers a need: the offers of its accepted and completed matches, grouped by kind, the amount they put
 * toward what was asked, and how much of the need's capacity is taken.
 */
export async function needCoverage(need: ListingRecord) {
  if (need.side !== 'need') throw validationFailed('match.coverageForNeeds');
  const matches = await MatchModel.find({
    needId: need._id,
    status: trusted({ $in: ['accepted', 'completed'] }),
  })
    .select({ offerId: 1, evidence: 1 })
    .lean();
  const offers = matches.length
    ? await ListingModel.find({ _id: trusted({ $in: matches.map((m) => m.offerId) }) }).lean<
        ListingRecord[]
      >()
    : [];
  const kinds = new Map<string, { id: string; title: string; kind: string }[]>();
  for (const o of offers)
    kinds.set(o.kind, [...(kinds.get(o.kind) ?? []), { id: String(o._id), title: o.title, kind: o.kind }]);
  const asked = need.amount?.max ?? need.amount?.min;
  // Delivered amounts where the match is completed, otherwise what the offer promises at most.
  const covered = matches.reduce((sum, m) => {
    const offer = offers.find((o) => String(o._id) === String(m.offerId));
    return (
      sum +
      (m.evidence?.amount ?? (offer?.kind === 'funding' ? (offer.amount?.max ?? offer.amount?.min ?? 0) : 0))
    );
  }, 0);
  const capacity = need.capacity ?? 1;
  return {
    needId: String(need._id),
    kinds: [...kinds].map(([kind, list]) => ({ kind, offers: list })),
    ...(asked != null || covered ? { amount: { ...(asked != null ? { asked } : {}), covered } } : {}),
    capacity: { asked: capacity, covered: need.capacityUsed ?? 0 },
    open: need.status === 'open',
  };
}
