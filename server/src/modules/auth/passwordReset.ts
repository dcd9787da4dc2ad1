import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { Schema, model, trusted, type Types } from 'mongoose';
import { isLocale } from '@app/shared';
import type { AppContext } from '../../context.js';
import { validationFailed } from '../../lib/errors.js';
import { localeOf } from '../../lib/http/locale.js';
import { UserModel, type UserRecord } from '../users/model.js';
import { hashPassword } from './password.js';
import { endSessionsOf } from './session.js';
import './events.js';

/** How long a reset link works. */
export const RESET_LINK_TTL_MS = 60 * 60_000;

/** One reset link: only the sha256 of its token is kept, so a copy of the database opens no account. */
const passwordResetSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    tokenHash: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date },
  },
  { timestamps: { createdAt: true, updatedAt: false }, strict: 'throw', versionKey: false },
);
passwordResetSchema.index({ tokenHash: 1 }, { unique: true });
passwordResetSchema.index({ userId: 1 });
export const PasswordResetModel = model('PasswordReset', passwordResetSchema);

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** A fresh reset token for the user, stored as its hash; the token itself only travels in the email. */
export async function issueResetToken(userId: Types.ObjectId | string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await PasswordResetModel.create({
    userId,
    tokenHash: hashOf(token),
    expiresAt: new Date(now.getTime() + RESET_LINK_TTL_MS),
  });
  return token;
}

export function passwordResetService(ctx: AppContext) {
  return {
    /** Mails a reset link to the account of this email, if there is one; the answer never tells. */
    async request(req: Request, email: string): Promise<void> {
      const user = await UserModel.findOne({ email }).lean<UserRecord>();
      if (!user) return;
      const token = await issueResetToken(user._id);
      // The site's address from configuration, never from the request's Host header (a forged host would send
      // the token elsewhere).
      const link = `${ctx.config.CORS_ORIGINS[0] ?? ''}/reset-password?token=${token}`;
      // Answered once the email is in the outbox.
      await ctx.events.emitAndWait('auth.passwordResetRequested', {
        userId: String(user._id),
        email: user.email,
        link,
        locale: isLocale(user.locale) ? user.locale : localeOf(req),
        minutesValid: RESET_LINK_TTL_MS / 60_000,
      });
    },

    /**
     * Sets the new password through a link that is valid, unused and unexpired, using it up; every session of the
     * account ends and any other link it had stops working.
     */
    async confirm(req: Request, token: string, newPassword: string, now = new Date()): Promise<void> {
      const used = await PasswordResetModel.findOneAndUpdate(
        { tokenHash: hashOf(token), usedAt: null, expiresAt: trusted({ $gt: now }) },
        { $set: { usedAt: now } },
        { returnDocument: 'after' },
      ).lean();
      if (!used) throw validationFailed('auth.resetLinkInvalid');
      const updated = await UserModel.findOneAndUpdate(
        { _id: used.userId },
        {
          $set: { passwordHash: await hashPassword(newPassword), failedLogins: 0 },
          $unset: { lockedUntil: 1 },
          $inc: { authVersion: 1 },
        },
      ).lean<UserRecord>();
      if (!updated) throw validationFailed('auth.resetLinkInvalid');
      await PasswordResetModel.updateMany({ userId: used.userId, usedAt: null }, { $set: { usedAt: now } });
      await endSessionsOf(String(used.userId));
      ctx.events.emit('auth.passwordChanged', {
        userId: String(used.userId),
        actorId: String(used.userId),
        ip: req.ip,
        via: 'reset',
      });
    },
  };
}
