import type { AppContext } from '../../context.js';
import type { DomainEventMap } from '../../lib/events.js';
import { auditTypes, type AuditEvent } from '@app/shared';
import { AuditEventModel } from './model.js';

type AuditType = AuditEvent['type'];

/** Subject of each audited event: which record it is about. */
function subjectOf(
  type: AuditType,
  payload: Record<string, unknown>,
): { subjectType?: string; subjectId?: string } {
  if (type.startsWith('organization.'))
    return { subjectType: 'organization', subjectId: String(payload.organizationId) };
  if (type.startsWith('booking.')) return { subjectType: 'booking', subjectId: String(payload.bookingId) };
  if (type.startsWith('event.')) return { subjectType: 'event', subjectId: String(payload.eventId) };
  if (type === 'contact.revealed') return { subjectType: 'match', subjectId: String(payload.matchId) };
  return payload.userId ? { subjectType: 'user', subjectId: String(payload.userId) } : {};
}

/** Writes every security-relevant domain event to the audit log. */
export function subscribeAuditLog(ctx: AppContext): void {
  for (const type of auditTypes) {
    ctx.events.on(type as keyof DomainEventMap, async (event) => {
      const payload = event as unknown as Record<string, unknown> & { actorId?: string; ip?: string };
      const { actorId, ip, ...detail } = payload;
      await AuditEventModel.create({ type, actorId, ip, ...subjectOf(type, payload), detail });
    });
  }
}
