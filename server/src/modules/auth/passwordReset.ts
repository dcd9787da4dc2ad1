import { createHash, randomBytes } from 'node:crypto';
import type { Request } from 'express';
import { Schema, model, trusted, type Types } from 'mongoose';
import { isLocale, type Locale } from '@app/shared';
import type { AppContext } from '../../context.js';
import { validationFailed } from '../../lib/errors.js';
import { localeOf } from '../../lib/http/locale.js';
import { queueEmail } from '../notifications/email.js';
import { UserModel, type UserRecord } from '../users/model.js';
import { hashPassword } from './password.js';
import { endSessionsOf } from './session.js';

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

function resetEmail(ctx: AppContext, token: string, locale: Locale) {
  // The site's address from configuration, never from the request's Host header (a forged host would send the
  // token elsewhere).
  const link = `${ctx.config.CORS_ORIGINS[0] ?? ''}/reset-password?token=${token}`;
  const minutes = RESET_LINK_TTL_MS / 60_000;
  return locale === 'en'
    ? {
        subject: '[ResourceLink] Reset your password',
        text: `Open this link within ${minutes} minutes to choose a new password (it works once):\n\n${link}\n\nIf you did not ask for it, ignore this email.`,
      }
    : {
        subject: '【资源链】重设密码',
        text: `请在 ${minutes} 分钟内打开以下链接设置新密码（链接只能使用一次）：\n\n${link}\n\n如果不是您本人申请，请忽略此邮件。`,
      };
}

export function passwordResetService(ctx: AppContext) {
  return {
    /** Mails a reset link to the account of this email, if there is one; the answer never tells. */
    async request(req: Request, email: string): Promise<void> {
      const user = await UserModel.findOne({ email }).lean<UserRecord>();
      if (!user) return;
      const token = await issueResetToken(user._id);
      const locale = isLocale(user.locale) ? user.locale : localeOf(req);
      await queueEmail({ userId: user._id, to: user.email, ...resetEmail(ctx, token, locale) });
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
