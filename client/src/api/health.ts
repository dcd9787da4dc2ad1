import { healthSchema, type Health } from '@app/shared';
import { api, type HttpClient } from './http.js';

/** Which engine runs each concern (GET /api/health). */
export function fetchHealth(client: HttpClient = api): Promise<Health> {
  return client.get('/api/health', { schema: healthSchema });
}
