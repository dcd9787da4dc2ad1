import type { OnlineUser } from '../../context.js';
import type { UserRecord } from '../users/model.js';
import type { OrganizationRecord } from '../organizations/model.js';
import type { ConversationRecord } from './model.js';

type Member = Pick<UserRecord, '_id' | 'role' | 'organizationId' | 'baseId'>;
type Membership = Pick<ConversationRecord, 'memberUserIds' | 'organizationIds' | 'baseId'>;
type Org = Pick<OrganizationRecord, '_id' | 'verification' | 'baseId'>;

const same = (a: unknown, b: unknown) => a != null && b != null && String(a) === String(b);

/** Who may do what in conversations: the one place routes and socket events ask, on every read and write. */
export const conversationPolicy = {
  /**
   * A member is a user listed in person, a current member of a listed organization, or, in a base conversation,
   * an operator of that base. Computed from the user as they are now, so leaving an organization ends access.
   */
  isMember(user: Member | undefined, conversation: Membership): boolean {
    if (!user) return false;
    if (conversation.memberUserIds?.some((id) => same(id, user._id))) return true;
    if (user.organizationId && conversation.organizationIds?.some((id) => same(id, user.organizationId)))
      return true;
    return user.role === 'operator' && same(user.baseId, conversation.baseId);
  },

  /** Two users speak for the same side: the same person, colleagues, or operators of one base. */
  sameSide(a: Member, b: OnlineUser): boolean {
    if (same(a._id, b.id)) return true;
    if (same(a.organizationId, b.organizationId)) return true;
    return a.role === 'operator' && b.role === 'operator' && same(a.baseId, b.baseId);
  },

  /** An organization talks with the base it is resident in: its members, or that base's operators. */
  canOpenBase(user: Member, org: Org): boolean {
    if (!org.baseId) return false;
    if (same(user.organizationId, org._id)) return true;
    return user.role === 'operator' && same(user.baseId, org.baseId);
  },

  /** Direct conversations are between two different organizations that a base has verified. */
  canOpenDirect(user: Member, own: Org | null, other: Org): boolean {
    if (!own || !same(user.organizationId, own._id) || same(own._id, other._id)) return false;
    return own.verification?.status === 'verified' && other.verification?.status === 'verified';
  },
};
