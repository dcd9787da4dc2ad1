import { RecentlyRead } from '../../lib/recentlyRead.js';
import type { OrganizationRecord } from './model.js';

/**
 * What the frequent readers ask of an organization (read.ts, `organizationFacts`): its name and verified badge
 * beside every listing shown, matching's facts (type, credit code, grade, district) for every candidate ranked,
 * and the base and place that scope staff.
 */
export const ORGANIZATION_FACTS = {
  name: 1,
  type: 1,
  creditCode: 1,
  verification: 1,
  grade: 1,
  district: 1,
  street: 1,
  baseId: 1,
} as const;

export type OrganizationFacts = Pick<OrganizationRecord, '_id' | keyof typeof ORGANIZATION_FACTS>;

/**
 * Organizations' facts read by the requests of the last moments: every listing shown names its organization and
 * every ranking reads the facts of a few hundred. Every write through OrganizationModel forgets what it may have
 * changed (model.ts, `forgetOnWrites`), here and, through the realtime layer, in the other server processes.
 */
export const recentOrganizations = new RecentlyRead<OrganizationFacts>('organizations', {
  freshMs: 30_000,
  maxEntries: 20_000,
});
