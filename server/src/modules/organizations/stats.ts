import type { Types } from 'mongoose';
import { OrganizationModel } from './model.js';

/*
 * The organizations' read functions for the statistics module: it never touches OrganizationModel itself.
 */

/** Organizations whose profile names one of these bases as theirs (organization id → base id). */
export async function organizationsPlacedIn(baseIds: Types.ObjectId[]): Promise<Map<string, string>> {
  if (!baseIds.length) return new Map();
  const rows = await OrganizationModel.aggregate<{ _id: Types.ObjectId; baseId: Types.ObjectId }>([
    { $match: { baseId: { $in: baseIds } } },
    { $project: { baseId: 1 } },
  ]);
  return new Map(rows.map((r) => [String(r._id), String(r.baseId)]));
}

/** Organizations of a service domain. */
export async function organizationIdsOfDomain(domain: string): Promise<Types.ObjectId[]> {
  const rows = await OrganizationModel.aggregate<{ _id: Types.ObjectId }>([
    { $match: { domains: domain } },
    { $project: { _id: 1 } },
  ]);
  return rows.map((r) => r._id);
}

/** Organizations waiting for verification now, in a district, of a domain, or among some organizations. */
export async function pendingVerifications(scope: {
  district?: string;
  domain?: string;
  organizationIds?: Types.ObjectId[];
}): Promise<number> {
  const rows = await OrganizationModel.aggregate<{ n: number }>([
    {
      $match: {
        'verification.status': 'pending',
        ...(scope.district ? { district: scope.district } : {}),
        ...(scope.domain ? { domains: scope.domain } : {}),
        ...(scope.organizationIds ? { _id: { $in: scope.organizationIds } } : {}),
      },
    },
    { $count: 'n' },
  ]);
  return rows[0]?.n ?? 0;
}
