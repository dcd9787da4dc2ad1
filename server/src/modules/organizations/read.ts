import { trusted, type Types } from 'mongoose';
import { fieldById, objectIdsOf } from '../../lib/ids.js';
import { OrganizationModel } from './model.js';
import { ORGANIZATION_FACTS, recentOrganizations, type OrganizationFacts } from './recentOrganizations.js';

export type { OrganizationFacts } from './recentOrganizations.js';

/*
 * What other modules (the audit log, listings, matching) may ask about organizations by id. They import these,
 * never the model.
 */

/** Each organization's name, by id; an unknown id is missing from the map. */
export const organizationNames = (ids: readonly string[]) => fieldById(OrganizationModel, ids, 'name');

/**
 * The facts of each organization asked for, by id (an unknown or malformed id is missing from the map): those
 * read in the last moments from memory, the others in one query, then kept. Shared between requests: read only.
 */
export async function organizationFacts(
  ids: readonly (string | Types.ObjectId | null | undefined)[],
): Promise<Map<string, Readonly<OrganizationFacts>>> {
  const found = new Map<string, Readonly<OrganizationFacts>>();
  const missing: string[] = [];
  const now = Date.now();
  for (const id of objectIdsOf(ids.filter((id) => id != null).map(String))) {
    const hit = recentOrganizations.peek(id, now);
    if (hit) found.set(id, hit);
    else missing.push(id);
  }
  if (!missing.length) return found;
  const began = recentOrganizations.beginRead();
  const read = await OrganizationModel.find({ _id: trusted({ $in: missing }) })
    .select(ORGANIZATION_FACTS)
    .lean<OrganizationFacts[]>();
  for (const org of read) {
    const id = String(org._id);
    recentOrganizations.keep(id, org, began);
    found.set(id, org);
  }
  return found;
}
