import type { z } from 'zod';
import { auditEventSchema, pageOf, type auditQuerySchema } from '@app/shared';
import { api, type HttpClient } from './http.js';

export type AuditQuery = Partial<z.infer<typeof auditQuerySchema>>;

/** The audit log, newest first (bureau accounts only). */
export function fetchAuditEvents(query: AuditQuery = {}, client: HttpClient = api) {
  return client.get('/api/audit', { query, schema: pageOf(auditEventSchema) });
}
