import { Types, trusted } from 'mongoose';
import type { Readable } from 'node:stream';
import { MAX_EVIDENCE_FILES } from '@app/shared';
import type { AppContext } from '../../context.js';
import { conflict, forbidden, notFound } from '../../lib/errors.js';
import { writeWithEvents } from '../../lib/outbox.js';
import { storeUpload } from '../../lib/storage/uploads.js';
import type { UserRecord } from '../users/model.js';
import { MatchModel, type MatchRecord } from './model.js';
import { matchPolicy as policy } from './policy.js';
import { findMatch, findVisibleMatch, matchParties } from './service.js';
import './events.js';

/** Refuses an upload the match's stage does not take, saying why. */
function refuseUnlessOpen(m: MatchRecord): void {
  if (policy.acceptsEvidence(m)) return;
  if (m.status === 'completed') throw conflict('evidence.afterReview');
  throw conflict('evidence.acceptFirst', { status: m.status });
}

const tooMany = () => conflict('evidence.tooMany', { max: MAX_EVIDENCE_FILES });

/** Photos and documents that show what a match delivered, kept in the same storage as verification documents. */
export function matchEvidence(ctx: AppContext) {
  return {
    /**
     * Attaches one file for the caller's side. Checked before anything is stored: the side, the stage, the count,
     * then the content; the write re-checks stage and count, so a race never leaves more files or a stray one.
     */
    async attach(user: UserRecord, id: string, file: Express.Multer.File | undefined): Promise<MatchRecord> {
      const m = await findVisibleMatch(user, id);
      const side = policy.sideOf(user, m);
      if (!side || !policy.canAttachEvidence(user, m)) throw forbidden('evidence.sidesOnly');
      refuseUnlessOpen(m);
      if ((m.evidenceFiles?.length ?? 0) >= MAX_EVIDENCE_FILES) throw tooMany();
      const stored = await storeUpload(ctx.storage, file, 'evidence');
      const fileId = new Types.ObjectId();
      const updated = await writeWithEvents(ctx.events, async (session, record) => {
        const pushed = await MatchModel.findOneAndUpdate(
          {
            _id: m._id,
            [`evidenceFiles.${MAX_EVIDENCE_FILES - 1}`]: trusted({ $exists: false }),
            $or: [{ status: 'accepted' }, { status: 'completed', 'reviews.0': trusted({ $exists: false }) }],
          },
          { $push: { evidenceFiles: { _id: fileId, ...stored, uploadedBy: user._id, side } } },
          { returnDocument: 'after', session },
        ).lean<MatchRecord>();
        if (pushed)
          await record('match.evidenceAttached', {
            ...matchParties(pushed, user),
            fileId: String(fileId),
            contentType: stored.contentType,
            size: stored.size,
            side,
          });
        return pushed;
      });
      if (!updated) {
        await ctx.storage.remove(stored.storageKey);
        refuseUnlessOpen(await findMatch(id));
        throw tooMany();
      }
      return updated;
    },

    /** One evidence file to download; to anyone but the two sides, neither the match nor the file exists. */
    async open(
      user: UserRecord | undefined,
      id: string,
      fileId: string,
    ): Promise<{ stream: Readable; contentType: string; filename: string; size: number }> {
      const m = await findVisibleMatch(user, id);
      if (!policy.canSeeEvidence(user, m)) throw notFound('Match');
      const file = m.evidenceFiles?.find((f) => String(f._id) === fileId);
      if (!file) throw notFound('Evidence file');
      return {
        stream: await ctx.storage.open(file.storageKey),
        contentType: file.contentType,
        filename: file.filename,
        size: file.size,
      };
    },
  };
}
