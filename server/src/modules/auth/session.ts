import session from 'express-session';
import MongoStore from 'connect-mongo';
import mongoose from 'mongoose';
import type { RequestHandler } from 'express';
import type { AppContext } from '../../context.js';
import { RecentSessionStore, recentSessions } from './recentSessions.js';

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    authVersion?: number;
    csrfToken?: string;
  }
}

export const SESSION_COOKIE = 'rl.sid';
const SESSION_TTL_SECONDS = 14 * 24 * 3600;
const TOUCH_AFTER_SECONDS = 24 * 3600;

interface SessionParts {
  middleware: RequestHandler;
  store: MongoStore;
}

const built = new WeakMap<AppContext, SessionParts>();

/**
 * The session middleware for this context: sessions live in MongoDB (collection `sessions`), the cookie is httpOnly
 * and SameSite=Lax, Secure behind TLS. HTTP and Socket.IO share the one instance.
 */
export function sessionParts(ctx: AppContext): SessionParts {
  const existing = built.get(ctx);
  if (existing) return existing;
  const secret = ctx.config.SESSION_SECRET;
  if (!secret) throw new Error('SESSION_SECRET must be resolved before the app is built');
  const store = MongoStore.create({
    client: mongoose.connection.getClient() as never,
    dbName: mongoose.connection.name,
    collectionName: 'sessions',
    ttl: SESSION_TTL_SECONDS,
    autoRemove: 'interval',
    autoRemoveInterval: 10,
    // Move a session's expiry forward at most once a day: otherwise every request of a signed-in user is a
    // database write (an fsync on the embedded engine), which dominated the cost of reading.
    touchAfter: TOUCH_AFTER_SECONDS,
    stringify: false,
  });
  const middleware = session({
    name: SESSION_COOKIE,
    secret,
    // Each request reads its session: from those read in the last moments when there (recentSessions.ts).
    store: new RecentSessionStore(store, TOUCH_AFTER_SECONDS * 1000),
    resave: false,
    saveUninitialized: false,
    rolling: false,
    proxy: ctx.config.TRUST_PROXY,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.TRUST_PROXY ? 'auto' : false,
      maxAge: SESSION_TTL_SECONDS * 1000,
    },
  });
  const parts = { middleware, store };
  built.set(ctx, parts);
  return parts;
}

/** Ends every stored session of one user (password change, role change). */
export async function endSessionsOf(userId: string): Promise<number> {
  recentSessions.forget({ tags: [userId] });
  const result = await mongoose.connection.collection('sessions').deleteMany({ 'session.userId': userId });
  recentSessions.forget({ tags: [userId] });
  return result.deletedCount;
}
