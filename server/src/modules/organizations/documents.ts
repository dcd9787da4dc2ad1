import { MAX_UPLOAD_BYTES } from '@app/shared';
import type { Readable } from 'node:stream';
import type { AppContext } from '../../context.js';
import { forbidden, notFound, validationFailed } from '../../lib/errors.js';
import { storeUpload } from '../../lib/storage/uploads.js';
import { baseRunBy } from '../bases/runBy.js';
import type { UserRecord } from '../users/model.js';
import { OrganizationModel, type OrganizationRecord } from './model.js';
import { organizationPolicy as policy } from './policy.js';
import { findOrganization } from './service.js';

export const MAX_DOCUMENT_BYTES = MAX_UPLOAD_BYTES;
const MAX_DOCUMENTS = 20;

export function organizationDocuments(ctx: AppContext) {
  return {
    async add(
      user: UserRecord,
      id: string,
      file: Express.Multer.File | undefined,
      kind: 'registration-certificate' | 'other',
    ) {
      const org = await findOrganization(id);
      if (!policy.isMember(user, org)) throw forbidden('organization.membersAttach');
      if ((org.documents?.length ?? 0) >= MAX_DOCUMENTS)
        throw validationFailed('organization.maxDocuments', undefined, { max: MAX_DOCUMENTS });
      const stored = await storeUpload(ctx.storage, file, 'document');
      const updated = await OrganizationModel.findByIdAndUpdate(
        id,
        { $push: { documents: { kind, ...stored, uploadedBy: user._id } } },
        { returnDocument: 'after' },
      ).lean<OrganizationRecord>();
      if (!updated) {
        await ctx.storage.remove(stored.storageKey);
        throw notFound('Organization');
      }
      return updated;
    },

    async open(
      user: UserRecord | undefined,
      id: string,
      documentId: string,
    ): Promise<{ stream: Readable; contentType: string; filename: string; size: number }> {
      const org = await findOrganization(id);
      if (!policy.canSeePrivate(user, await baseRunBy(user), org))
        throw forbidden('organization.documentsSeen');
      const doc = org.documents?.find((d) => String(d._id) === documentId);
      if (!doc) throw notFound('Document');
      return {
        stream: await ctx.storage.open(doc.storageKey),
        contentType: doc.contentType,
        filename: doc.filename,
        size: doc.size,
      };
    },
  };
}
