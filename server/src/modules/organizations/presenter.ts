import type { Organization } from '@app/shared';
import { isRegistered, type OrganizationRecord } from './model.js';

/**
 * The organization as the API shows it. Contact fields and documents only where the policy allows
 * (`withPrivate`); the credit code is public registration information.
 */
export function presentOrganization(org: OrganizationRecord, withPrivate: boolean): Organization {
  return {
    id: String(org._id),
    name: org.name,
    type: org.type as Organization['type'],
    ...(org.creditCode ? { creditCode: org.creditCode } : {}),
    domains: org.domains as Organization['domains'],
    district: org.district,
    ...(org.street ? { street: org.street } : {}),
    description: org.description ?? '',
    grade: org.grade ?? null,
    registered: isRegistered(org),
    verification: {
      status: org.verification?.status ?? 'pending',
      ...(org.verification?.reason ? { reason: org.verification.reason } : {}),
      ...(org.verification?.decidedAt ? { decidedAt: org.verification.decidedAt.toISOString() } : {}),
    },
    ...(org.baseId ? { baseId: String(org.baseId) } : {}),
    ...(withPrivate
      ? {
          ...(org.phone ? { phone: org.phone } : {}),
          ...(org.contactEmail ? { contactEmail: org.contactEmail } : {}),
          documents: (org.documents ?? []).map((d) => ({
            id: String(d._id),
            kind: d.kind,
            filename: d.filename,
            contentType: d.contentType,
            size: d.size,
            uploadedAt: d.uploadedAt.toISOString(),
          })),
        }
      : {}),
    createdAt: org.createdAt.toISOString(),
    updatedAt: org.updatedAt.toISOString(),
  };
}
