import { z } from 'zod';
import { pageQuerySchema } from './common.js';

/** Security-relevant events the audit log keeps. */
export const auditTypes = [
  'auth.registered',
  'auth.loggedIn',
  'auth.loginFailed',
  'auth.loggedOut',
  'auth.passwordChanged',
  'user.staffCreated',
  'organization.updated',
  'organization.verificationDecided',
  'organization.memberJoined',
  'contact.revealed',
  'base.created',
  'base.updated',
  'application.panelFormed',
  'application.decided',
  'residency.graduated',
  'residency.exited',
  'match.reminded',
  'import.completed',
  'booking.noShow',
  'event.cancelled',
] as const;
export const auditTypeSchema = z.enum(auditTypes);

export const auditQuerySchema = pageQuerySchema.extend({ type: auditTypeSchema.optional() }).strict();

export const auditEventSchema = z.object({
  id: z.string(),
  type: auditTypeSchema,
  actorId: z.string().optional(),
  /** Who acted, named (absent for an unknown or deleted account, and for events no one caused). */
  actor: z.object({ id: z.string(), name: z.string(), role: z.string() }).optional(),
  subjectType: z.string().optional(),
  subjectId: z.string().optional(),
  /** The subject named: an organization's or base's name, a match's two listings, an event's title... */
  subjectName: z.string().optional(),
  ip: z.string().optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
  at: z.string(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
