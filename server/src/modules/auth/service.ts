import type { Request } from 'express';
import type { RegisterBody, UpdateSelfBody } from '@app/shared';
import type { AppContext } from '../../context.js';
import { AppError, conflict, unauthenticated } from '../../lib/errors.js';
import { destroySession, regenerateSession, saveSession } from '../../lib/session.js';
import { UserModel, type UserRecord } from '../users/model.js';
import { hashPassword, verifyPassword } from './password.js';
import { lockDurationMs } from './rateLimits.js';
import { endSessionsOf } from './session.js';
import './events.js';

/** One message for wrong password, unknown email and locked account alike. */
const LOGIN_REFUSED = 'auth.loginRefused';

/** Starts a fresh session for the user: a new session id, so a fixed id from before login is worthless. */
async function signIn(req: Request, user: UserRecord): Promise<void> {
  await regenerateSession(req);
  req.session.userId = String(user._id);
  req.session.authVersion = user.authVersion ?? 0;
  await saveSession(req);
}

export function authService(ctx: AppContext) {
  return {
    async register(req: Request, body: RegisterBody): Promise<UserRecord> {
      if (await UserModel.exists({ email: body.email })) {
        throw conflict('auth.emailTaken', undefined, [
          { path: 'email', message: 'field.alreadyRegistered', code: 'duplicate' },
        ]);
      }
      const user = await UserModel.create({
        email: body.email,
        passwordHash: await hashPassword(body.password),
        name: body.name,
        role: body.role,
      });
      await signIn(req, user.toObject());
      ctx.events.emit('auth.registered', {
        userId: String(user._id),
        role: body.role,
        actorId: String(user._id),
        ip: req.ip,
      });
      return user.toObject();
    },

    async login(req: Request, email: string, password: string): Promise<UserRecord> {
      const user = await UserModel.findOne({ email }).lean<UserRecord>();
      const passwordOk = await verifyPassword(user?.passwordHash, password);
      const now = Date.now();
      const locked = Boolean(user?.lockedUntil && user.lockedUntil.getTime() > now);
      if (!user || !passwordOk || locked) {
        if (user && !locked) {
          const failures = (user.failedLogins ?? 0) + 1;
          const lockMs = lockDurationMs(failures);
          await UserModel.updateOne(
            { _id: user._id },
            { $set: { failedLogins: failures, ...(lockMs ? { lockedUntil: new Date(now + lockMs) } : {}) } },
          );
        }
        ctx.events.emit('auth.loginFailed', {
          userId: user ? String(user._id) : undefined,
          locked,
          ip: req.ip,
        });
        throw unauthenticated(LOGIN_REFUSED);
      }
      if (user.failedLogins || user.lockedUntil) {
        await UserModel.updateOne(
          { _id: user._id },
          { $set: { failedLogins: 0 }, $unset: { lockedUntil: 1 } },
        );
      }
      await signIn(req, user);
      ctx.events.emit('auth.loggedIn', { userId: String(user._id), actorId: String(user._id), ip: req.ip });
      return user;
    },

    async logout(req: Request): Promise<void> {
      const userId = req.session?.userId;
      if (req.session) await destroySession(req);
      if (userId) ctx.events.emit('auth.loggedOut', { userId, actorId: userId, ip: req.ip });
    },

    /** One's own name and language; the language decides the words of messages and error answers. */
    async updateSelf(user: UserRecord, body: UpdateSelfBody): Promise<UserRecord> {
      const updated = await UserModel.findOneAndUpdate(
        { _id: user._id },
        { $set: body },
        { returnDocument: 'after' },
      ).lean<UserRecord>();
      if (!updated) throw unauthenticated();
      return updated;
    },

    async changePassword(req: Request, user: UserRecord, currentPassword: string, newPassword: string) {
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        throw new AppError('validation_failed', 'auth.currentPasswordWrong', [
          { path: 'currentPassword', message: 'field.wrongPassword', code: 'wrong_password' },
        ]);
      }
      const updated = await UserModel.findOneAndUpdate(
        { _id: user._id },
        { $set: { passwordHash: await hashPassword(newPassword) }, $inc: { authVersion: 1 } },
        { returnDocument: 'after' },
      ).lean<UserRecord>();
      if (!updated) throw unauthenticated();
      await endSessionsOf(String(user._id));
      await signIn(req, updated);
      ctx.events.emit('auth.passwordChanged', {
        userId: String(user._id),
        actorId: String(user._id),
        ip: req.ip,
      });
    },
  };
}
