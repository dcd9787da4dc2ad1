import { fileTypeFromBuffer } from 'file-type';
import multer from 'multer';
import type { Readable } from 'node:stream';
import type { RequestHandler } from 'express';
import type { AppContext } from '../../context.js';
import { forbidden, notFound, payloadTooLarge, validationFailed } from '../../lib/errors.js';
import { baseRunBy } from '../bases/runBy.js';
import type { UserRecord } from '../users/model.js';
import { OrganizationModel, type OrganizationRecord } from './model.js';
import { organizationPolicy as policy } from './policy.js';
import { findOrganization } from './service.js';

export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
const MAX_DOCUMENTS = 20;
/** What a certificate scan may be, judged by its content, never by its name. */
const ALLOWED_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);

/** Reads one multipart file into memory, with size limits that become 413s. */
export function singleFileUpload(field: string, maxBytes: number): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024 },
  }).single(field);
  return (req, res, next) =>
    upload(req, res, (err: unknown) => {
      if (!err) return next();
      const code = (err as { code?: string }).code;
      if (code === 'LIMIT_FILE_SIZE')
        return next(payloadTooLarge(`The file is larger than ${Math.round(maxBytes / 1048576)} MB`));
      if (typeof code === 'string' && code.startsWith('LIMIT_'))
        return next(validationFailed(`Upload refused: ${code}`));
      next(validationFailed('Malformed upload'));
    });
}

/** Checks an uploaded file's real type; returns its MIME type or throws a 400. */
export async function sniffAllowedType(data: Buffer | undefined): Promise<string> {
  if (!data?.length) throw validationFailed('Attach a file', [{ path: 'file', message: 'required' }]);
  const type = await fileTypeFromBuffer(data);
  if (!type || !ALLOWED_TYPES.has(type.mime)) {
    throw validationFailed('Only JPEG, PNG, WebP images and PDF files are accepted', [
      { path: 'file', message: 'unsupported file type', code: 'file_type' },
    ]);
  }
  return type.mime;
}

const safeFilename = (name: string) => name.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 100) || 'document';

export function organizationDocuments(ctx: AppContext) {
  return {
    async add(
      user: UserRecord,
      id: string,
      file: Express.Multer.File | undefined,
      kind: 'registration-certificate' | 'other',
    ) {
      const org = await findOrganization(id);
      if (!policy.isMember(user, org)) throw forbidden('Only members may attach documents');
      if ((org.documents?.length ?? 0) >= MAX_DOCUMENTS)
        throw validationFailed(`At most ${MAX_DOCUMENTS} documents`);
      const contentType = await sniffAllowedType(file?.buffer);
      const storageKey = await ctx.storage.put(file!.buffer);
      const updated = await OrganizationModel.findByIdAndUpdate(
        id,
        {
          $push: {
            documents: {
              kind,
              filename: safeFilename(file!.originalname),
              contentType,
              size: file!.size,
              storageKey,
              uploadedBy: user._id,
            },
          },
        },
        { returnDocument: 'after' },
      ).lean<OrganizationRecord>();
      if (!updated) throw notFound('Organization');
      return updated;
    },

    async open(
      user: UserRecord | undefined,
      id: string,
      documentId: string,
    ): Promise<{ stream: Readable; contentType: string; filename: string }> {
      const org = await findOrganization(id);
      if (!policy.canSeePrivate(user, await baseRunBy(user), org))
        throw forbidden("Only members and the organization's base staff see documents");
      const doc = org.documents?.find((d) => String(d._id) === documentId);
      if (!doc) throw notFound('Document');
      return {
        stream: await ctx.storage.open(doc.storageKey),
        contentType: doc.contentType,
        filename: doc.filename,
      };
    },
  };
}
