import type { AppContext } from '../../context.js';
import { forbidden } from '../../lib/errors.js';
import { OrganizationModel, type OrganizationRecord } from '../organizations/model.js';
import { UserModel, type UserRecord } from '../users/model.js';
import { findVisibleMatch } from './service.js';
import { matchPolicy } from './policy.js';
import './events.js';

/**
 * The other side's contact details (PIPL: minimum necessary): only to a side of an accepted or completed match,
 * and every reveal is an audited event. An organization's own contact fields come first; the owner's email and
 * phone stand in when the organization has none (a resident has no organization).
 */
export function contactService(ctx: AppContext) {
  return {
    async reveal(user: UserRecord, matchId: string, ip?: string) {
      const m = await findVisibleMatch(user, matchId);
      if (m.status !== 'accepted' && m.status !== 'completed') {
        throw forbidden('match.contactAfterAccept');
      }
      const side = matchPolicy.sideOf(user, m);
      const otherOwnerId = side === 'need' ? m.offerOwnerId : m.needOwnerId;
      const otherOrgId = side === 'need' ? m.offerOrgId : m.needOrgId;
      const [owner, org] = await Promise.all([
        UserModel.findById(otherOwnerId).select({ name: 1, email: 1, phone: 1 }).lean<UserRecord>(),
        otherOrgId
          ? OrganizationModel.findById(otherOrgId)
              .select({ name: 1, phone: 1, contactEmail: 1 })
              .lean<OrganizationRecord>()
          : null,
      ]);
      ctx.events.emit('contact.revealed', {
        matchId,
        revealedUserId: String(otherOwnerId),
        actorId: String(user._id),
        ip,
      });
      return {
        name: owner?.name ?? '',
        ...(org ? { organizationName: org.name } : {}),
        ...(org?.contactEmail || owner?.email ? { email: org?.contactEmail ?? owner!.email } : {}),
        ...(org?.phone || owner?.phone ? { phone: org?.phone ?? owner!.phone! } : {}),
      };
    },
  };
}
