import session, { type SessionData } from 'express-session';
import { RecentlyRead } from '../../lib/recentlyRead.js';

/**
 * Sessions read by the requests of the last moments: every request with a session cookie reads its session, and a
 * signed-in user's session changes rarely (sign-in, the CSRF token's making, sign-out, once a day its expiry).
 * Each is kept tagged with its user, so that ending a user's sessions forgets them. Writes go through the store
 * below, which forgets the session here and (through the realtime layer) in the other server processes.
 */
export const recentSessions = new RecentlyRead<SessionData>('sessions', {
  freshMs: 30_000,
  maxEntries: 20_000,
});

type Stored = SessionData & { lastModified?: Date };

const expired = (s: SessionData, now: number) => {
  const expires = s.cookie?.expires;
  return expires !== undefined && expires !== null && new Date(expires).getTime() <= now;
};

/** express-session mutates what a store hands it: each request gets its own copy. */
const copy = (s: SessionData): SessionData => structuredClone(s);

/**
 * An express-session store in front of another (connect-mongo's): reads come from the recent sessions when there
 * and not expired; every write forgets the session first and again when done.
 */
export class RecentSessionStore extends session.Store {
  constructor(
    private readonly stored: session.Store,
    /** connect-mongo's `touchAfter`, in ms: a touch within it writes nothing. */
    private readonly touchAfterMs: number,
  ) {
    super();
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    const now = Date.now();
    const hit = recentSessions.peek(sid, now);
    if (hit && !expired(hit, now)) return callback(null, copy(hit));
    const began = recentSessions.beginRead();
    this.stored.get(sid, (err, found) => {
      if (!err && found) recentSessions.keep(sid, copy(found), began, found.userId);
      callback(err, found);
    });
  }

  override set(sid: string, s: SessionData, callback?: (err?: unknown) => void): void {
    recentSessions.forget({ keys: [sid] });
    this.stored.set(sid, s, (err) => {
      recentSessions.forget({ keys: [sid] });
      callback?.(err);
    });
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    recentSessions.forget({ keys: [sid] });
    this.stored.destroy(sid, (err) => {
      recentSessions.forget({ keys: [sid] });
      callback?.(err);
    });
  }

  override touch(sid: string, s: SessionData, callback?: (err?: unknown) => void): void {
    const lastModified = (s as Stored).lastModified?.getTime() ?? 0;
    // The store writes only when the last write is older than touchAfter: then what is kept is out of date.
    const writes = !(lastModified > 0 && Date.now() - lastModified < this.touchAfterMs);
    if (!this.stored.touch) return callback?.();
    this.stored.touch(sid, s, ((err?: unknown) => {
      if (writes) recentSessions.forget({ keys: [sid] });
      callback?.(err);
    }) as () => void);
  }
}
