import { Types, trusted } from 'mongoose';
import type { Residency } from '@app/shared';
import { OrganizationModel, type OrganizationRecord } from '../organizations/model.js';
import type { ResidencyRecord } from './model.js';

type OrgSummary = Pick<OrganizationRecord, '_id' | 'name' | 'type' | 'grade'>;

/** Residencies as the API shows them, each with its organization's public summary. */
export async function presentResidencies(records: ResidencyRecord[]): Promise<Residency[]> {
  const orgIds = [...new Set(records.map((r) => String(r.organizationId)))].map(
    (id) => new Types.ObjectId(id),
  );
  const orgs = orgIds.length
    ? await OrganizationModel.find({ _id: trusted({ $in: orgIds }) })
        .select({ name: 1, type: 1, grade: 1 })
        .lean<OrgSummary[]>()
    : [];
  const byId = new Map(orgs.map((o) => [String(o._id), o]));
  return records.map((r) => {
    const org = byId.get(String(r.organizationId));
    return {
      id: String(r._id),
      baseId: String(r.baseId),
      organization: {
        id: String(r.organizationId),
        name: org?.name ?? '',
        type: (org?.type ?? 'social-service') as Residency['organization']['type'],
        ...(org?.grade ? { grade: org.grade } : {}),
      },
      status: r.status,
      admittedAt: r.admittedAt.toISOString(),
      ...(r.endedAt ? { endedAt: r.endedAt.toISOString() } : {}),
      ...(r.endReason ? { endReason: r.endReason } : {}),
      ...(r.applicationId ? { applicationId: String(r.applicationId) } : {}),
    };
  });
}

export async function presentResidency(record: ResidencyRecord): Promise<Residency> {
  return (await presentResidencies([record]))[0]!;
}
