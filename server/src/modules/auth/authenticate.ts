import type { Request, RequestHandler } from 'express';
import type { Role } from '@app/shared';
import { forbidden, unauthenticated } from '../../lib/errors.js';
import type { UserRecord } from '../users/model.js';
import { recentUser } from '../users/read.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The signed-in account, loaded once per request from the session. */
    user?: UserRecord;
  }
}

/** Loads the session's user; a session from before a password change, or of a deleted user, is ended. */
export const loadUser: RequestHandler = async (req, _res, next) => {
  const userId = req.session?.userId;
  if (!userId) return next();
  const user = await recentUser(userId);
  if (!user || (user.authVersion ?? 0) !== (req.session.authVersion ?? 0)) {
    delete req.session.userId;
    delete req.session.authVersion;
    return next();
  }
  req.user = user;
  next();
};

/** The signed-in user, or a 401. */
export function currentUser(req: Request): UserRecord {
  if (!req.user) throw unauthenticated();
  return req.user;
}

/** Route guard: signed in, and (when roles are given) holding one of them. */
export function requireUser(roles?: readonly Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) return next(unauthenticated());
    if (roles && !roles.includes(req.user.role)) return next(forbidden('auth.roleMayNot'));
    next();
  };
}
