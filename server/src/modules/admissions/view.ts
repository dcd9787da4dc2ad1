import { Types, trusted } from 'mongoose';
import type { Application } from '@app/shared';
import { OrganizationModel } from '../organizations/model.js';
import type { UserRecord } from '../users/model.js';
import { ApplicationReviewModel, type ApplicationRecord } from './model.js';
import { admissionPolicy as policy } from './policy.js';
import { presentApplication } from './presenter.js';

/**
 * Applications as this reader may see them, with what a staff screen lists beside each: the applicant's name, how
 * many reviews are in, and whether the reader (a reviewer) has reviewed it.
 */
export async function presentApplicationsFor(
  user: UserRecord | undefined,
  apps: ApplicationRecord[],
): Promise<Application[]> {
  if (!apps.length) return [];
  const ids = apps.map((a) => a._id);
  const orgIds = [...new Set(apps.map((a) => String(a.organizationId)))].map((id) => new Types.ObjectId(id));
  const [orgs, counts, mine] = await Promise.all([
    OrganizationModel.find({ _id: trusted({ $in: orgIds }) })
      .select({ name: 1 })
      .lean<{ _id: Types.ObjectId; name: string }[]>(),
    ApplicationReviewModel.aggregate<{ _id: Types.ObjectId; n: number }>([
      { $match: { applicationId: { $in: ids } } },
      { $group: { _id: '$applicationId', n: { $sum: 1 } } },
    ]),
    user
      ? ApplicationReviewModel.find({ applicationId: trusted({ $in: ids }), reviewerId: user._id })
          .select({ applicationId: 1 })
          .lean<{ applicationId: Types.ObjectId }[]>()
      : [],
  ]);
  const names = new Map(orgs.map((o) => [String(o._id), o.name]));
  const reviewsIn = new Map(counts.map((c) => [String(c._id), c.n]));
  const reviewed = new Set(mine.map((r) => String(r.applicationId)));
  return apps.map((a) => {
    const view = policy.viewOf(user, a);
    return presentApplication(a, view, {
      organizationName: names.get(String(a.organizationId)),
      ...(view === 'staff' ? { reviewsIn: reviewsIn.get(String(a._id)) ?? 0 } : {}),
      ...(policy.isReviewer(user, a) ? { reviewedByMe: reviewed.has(String(a._id)) } : {}),
    });
  });
}

export async function presentApplicationFor(user: UserRecord | undefined, app: ApplicationRecord) {
  return (await presentApplicationsFor(user, [app]))[0]!;
}
