import type { MatchActions } from '@app/shared';
import type { UserRecord } from '../users/model.js';
import type { MatchRecord } from './model.js';

type Sides = Pick<MatchRecord, 'needOwnerId' | 'offerOwnerId' | 'needOrgId' | 'offerOrgId' | 'proposedSide'>;
type Stage = Pick<MatchRecord, 'status' | 'reviews'>;
type Clock = Pick<MatchRecord, 'status' | 'deadline'>;

const same = (a: unknown, b: unknown) => a != null && b != null && String(a) === String(b);

/** Who may do what with a match: only its two sides (owners, and members of the owning organizations). */
export const matchPolicy = {
  /** The side the user acts for, if any. */
  sideOf(user: UserRecord | undefined, m: Sides): 'need' | 'offer' | undefined {
    if (!user) return undefined;
    if (same(user._id, m.needOwnerId) || same(user.organizationId, m.needOrgId)) return 'need';
    if (same(user._id, m.offerOwnerId) || same(user.organizationId, m.offerOrgId)) return 'offer';
    return undefined;
  },
  canRead(user: UserRecord | undefined, m: Sides) {
    return this.sideOf(user, m) !== undefined;
  },
  /** Accepting or declining is for the side that did not propose. */
  canRespond(user: UserRecord | undefined, m: Sides) {
    const side = this.sideOf(user, m);
    return side !== undefined && side !== m.proposedSide;
  },
  /** A proposal still unanswered past its deadline: what reaches the base (overdue queue, reminders). */
  isOverdue: (m: Clock, now = new Date()) => m.status === 'proposed' && m.deadline.getTime() < now.getTime(),
  /**
   * Staff follow an overdue proposal: the bureau any, an operator one in its base's scope (`inBaseScope`, decided
   * by the overdue queue's rule). They read it and remind the side that has not answered; they never answer for it.
   */
  staffMayFollow(user: UserRecord | undefined, m: Clock, inBaseScope: boolean, now = new Date()) {
    if (!this.isOverdue(m, now)) return false;
    return user?.role === 'bureau' || (user?.role === 'operator' && inBaseScope);
  },
  /** Evidence files are attached by the two sides, and by nobody else. */
  canAttachEvidence(user: UserRecord | undefined, m: Sides) {
    return this.sideOf(user, m) !== undefined;
  },
  /** Evidence files are listed and downloaded by the two sides, as they read the match. */
  canSeeEvidence(user: UserRecord | undefined, m: Sides) {
    return this.canRead(user, m);
  },
  /**
   * When evidence may be attached: while the match is under way, and once completed until the first review, so
   * that a side may add a photo it forgot when completing, but a review always judges the evidence it saw.
   */
  acceptsEvidence(m: Stage) {
    return m.status === 'accepted' || (m.status === 'completed' && !(m.reviews ?? []).length);
  },
  /** Either side closes an accepted match with evidence of what was delivered. */
  canComplete(user: UserRecord | undefined, m: Sides & Stage) {
    return m.status === 'accepted' && this.sideOf(user, m) !== undefined;
  },
  /** Each side reviews the other once, after completion. */
  canReview(user: UserRecord | undefined, m: Sides & Stage) {
    const side = this.sideOf(user, m);
    return m.status === 'completed' && side !== undefined && !(m.reviews ?? []).some((r) => r.side === side);
  },
  /**
   * What the user may do with the match now, as the presenter sends it: a client shows these and works none of
   * them out (it cannot: who proposed for which side is the server's to know).
   */
  actionsFor(user: UserRecord | undefined, m: Sides & Stage): MatchActions {
    const respond = m.status === 'proposed' && this.canRespond(user, m);
    const canComplete = this.canComplete(user, m);
    const canReview = this.canReview(user, m);
    return {
      yourTurn: respond || canComplete || canReview,
      canAccept: respond,
      canDecline: respond,
      canComplete,
      canReview,
      canAttachEvidence: this.canAttachEvidence(user, m) && this.acceptsEvidence(m),
    };
  },
};
