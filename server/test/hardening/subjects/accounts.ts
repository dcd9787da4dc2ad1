/** Subjects of the accounts area: an organization, a document of it, a notification. */
import { notificationService } from '../../../src/modules/notifications/service.js';
import { OrganizationModel, type OrganizationRecord } from '../../../src/modules/organizations/model.js';
import { storeDocument } from '../../factories.js';
import { subjectKinds } from './subject.js';

/**
 * Its members own an organization (and its documents); an operator's "colleague" relation is the base's: the
 * organization is resident in the base the operator runs (world.residentOfOwnBase); the stranger is resident in
 * another base.
 */
const members = {
  owner: ['organization', 'funder'],
  colleague: ['organization', 'funder', 'operator'],
  stranger: 'organization',
} as const;

export const accountSubjects = subjectKinds({
  organization: {
    ...members,
    build: async (_world, holder) => {
      const org = await OrganizationModel.findById(holder.user.organizationId).lean<OrganizationRecord>();
      return { id: String(org!._id), org: org!, holders: [holder] };
    },
  },
  document: {
    ...members,
    build: async (world, holder) => {
      const documentId = await storeDocument(world.server, holder.user.organizationId!, holder.user._id);
      const org = await OrganizationModel.findById(holder.user.organizationId).lean<OrganizationRecord>();
      return { id: String(org!._id), org: org!, documentId: String(documentId), holders: [holder] };
    },
  },
  // Per user: anyone signed in has their own; a colleague's is someone else's all the same.
  notification: {
    owner: ['resident', 'organization', 'funder', 'operator', 'bureau'],
    colleague: ['organization', 'funder'],
    stranger: 'resident',
    build: async (world, holder) => {
      const notification = await notificationService(world.server.ctx).notify(holder.user._id, {
        type: 'match.proposed',
        title: '有新的匹配提议',
        link: '/matches',
      });
      return { id: notification!.id, holders: [holder] };
    },
  },
});
