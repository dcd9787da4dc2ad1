/**
 * How well what an offer gives answers what a need asks, judged from kind and sub-kind alone (0..1).
 *
 * Same sub-kind fits fully. Within a kind, some sub-kinds stand in for each other (a meeting room and an event
 * space both hold a meeting); others barely do (publicity is no answer to a legal question). Across kinds a few
 * pairs are real answers a base operator would accept: volunteers for a community service, a pro-bono lawyer for a
 * legal need, a mentor for training, a donation of money for goods. Everything else does not fit at all.
 */
import { isSubkindOfKind, subkinds, type Kind } from '@app/shared';

/** Fit when both sides share the kind and at least one leaves the sub-kind open. */
export const OPEN_SUBKIND_FIT = 0.7;
/**
 * Sub-kinds that name a broad kind of help rather than the help itself: two community services may be meals and
 * day care, two pro-bono professionals a lawyer and a first-aid trainer. Sharing one of these says no more than an
 * open sub-kind; the words and domains decide. (Volunteers stay specific enough: counting them broad measured the
 * same and would let a professional outrank volunteers on a call for volunteers.)
 */
export const BROAD_SUBKINDS: ReadonlySet<string> = new Set(['community-service', 'pro-bono']);

/** Fit of two sub-kinds of one kind that are not listed as related. */
export const UNRELATED_SUBKIND_FIT = 0.25;

/**
 * Sub-kind pairs: [asked, given, fit, reverse fit]. The fit is directional where the two differ in reach: a
 * pro-bono professional is a volunteer and more, so answers a call for volunteers well, while untrained volunteers
 * only partly answer a call for professionals. Without a reverse fit the pair fits the same both ways.
 */
const PAIRS: readonly (readonly [string, string, number, number?])[] = [
  // funding
  ['grant', 'subsidy', 0.7],
  ['grant', 'admin-funding', 0.5],
  ['grant', 'donation', 0.6],
  ['subsidy', 'donation', 0.6],
  ['subsidy', 'admin-funding', 0.5],
  ['grant', 'loan', 0.3],
  // venue
  ['meeting-room', 'event-space', 0.6],
  ['exhibition', 'event-space', 0.6],
  ['meeting-room', 'office', 0.4],
  // talent
  ['volunteer', 'pro-bono', 0.8, 0.5],
  ['mentor', 'pro-bono', 0.6],
  ['staff', 'pro-bono', 0.3],
  ['staff', 'volunteer', 0.2, 0.3],
  // service
  ['registration', 'policy', 0.6],
  ['evaluation', 'policy', 0.5],
  ['evaluation', 'training', 0.5],
  ['finance', 'training', 0.35],
  ['legal', 'policy', 0.4],
  ['publicity', 'training', 0.35],
  // goods
  ['equipment', 'supplies', 0.5],
  // across kinds
  ['volunteer', 'community-service', 0.7, 0.6],
  ['community-service', 'pro-bono', 0.5, 0.4],
  ['legal', 'pro-bono', 0.7],
  ['finance', 'pro-bono', 0.7],
  ['publicity', 'pro-bono', 0.7],
  ['evaluation', 'pro-bono', 0.5],
  ['training', 'pro-bono', 0.5],
  ['training', 'mentor', 0.6, 0.5],
  ['evaluation', 'mentor', 0.5],
  ['registration', 'mentor', 0.4],
  ['equipment', 'donation', 0.3, 0.2],
  ['supplies', 'donation', 0.35, 0.2],
  ['equipment', 'subsidy', 0.3, 0.2],
  ['supplies', 'subsidy', 0.3, 0.2],
];

/** Fit by "asked>given". */
const RELATED: ReadonlyMap<string, number> = new Map(
  PAIRS.flatMap(([asked, given, fit, reverse]) => [
    [`${asked}>${given}`, fit] as const,
    [`${given}>${asked}`, reverse ?? fit] as const,
  ]),
);

export type KindRelation = 'same' | 'open' | 'related' | 'unrelated' | 'none';

export interface KindFit {
  fit: number;
  relation: KindRelation;
}

type KindSide = { kind: Kind | string; subkind?: string | undefined };

/** The fit between what a need asks and what an offer gives. */
export function kindFit(need: KindSide, offer: KindSide): KindFit {
  const sameKind = need.kind === offer.kind;
  if (need.subkind && offer.subkind) {
    if (sameKind && need.subkind === offer.subkind)
      return { fit: BROAD_SUBKINDS.has(need.subkind) ? OPEN_SUBKIND_FIT : 1, relation: 'same' };
    const related = RELATED.get(`${need.subkind}>${offer.subkind}`);
    // A pair only counts when both sub-kinds are used under their own kinds.
    const valid = isSubkindOfKind(need.subkind, need.kind) && isSubkindOfKind(offer.subkind, offer.kind);
    if (related !== undefined && valid) return { fit: related, relation: 'related' };
    if (sameKind) return { fit: UNRELATED_SUBKIND_FIT, relation: 'unrelated' };
    return { fit: 0, relation: 'none' };
  }
  if (sameKind) return { fit: OPEN_SUBKIND_FIT, relation: 'open' };
  return { fit: 0, relation: 'none' };
}

/** Every kind whose listings can answer (or be answered by) a listing of this kind and sub-kind. */
export function fittingKinds(side: KindSide): Kind[] {
  const found = new Set<Kind>([side.kind as Kind]);
  if (side.subkind) {
    for (const key of RELATED.keys()) {
      const [a, b] = key.split('>') as [string, string];
      const other = a === side.subkind ? b : undefined;
      const otherKind = other ? subkinds.find(other)?.kind : undefined;
      if (otherKind) found.add(otherKind);
    }
  }
  return [...found];
}
