import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { Socket } from 'socket.io';
import type { AppContext } from '../context.js';
import { ConversationModel } from '../modules/conversations/model.js';
import type { UserRecord } from '../modules/users/model.js';
import { recentUser } from '../modules/users/read.js';
import { rooms } from './rooms.js';
import type { RealtimeSocket } from './types.js';

/** The most conversation rooms a socket joins at connection; older ones are joined on `conversation:join`. */
const MAX_JOINED_CONVERSATIONS = 1000;

/**
 * Runs the HTTP session middleware (the same instance the API uses) on the handshake request only, so the
 * session cookie authenticates the socket; later polling requests of the same connection skip the store lookup.
 */
export function sessionOnHandshake(session: RequestHandler) {
  return (
    req: IncomingMessage & { _query?: Record<string, string> },
    res: ServerResponse,
    next: (err?: unknown) => void,
  ) => {
    if (req._query?.sid !== undefined) return next();
    session(req as Request, res as never, next);
  };
}

/**
 * Refuses a browser page of another origin (cross-site WebSocket hijacking): an Origin header must name this
 * server's own host or an origin of the CORS allowlist. Clients without an Origin (not browsers) pass.
 */
export function originAllowed(allowlist: readonly string[]) {
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
    const origin = req.headers.origin;
    if (!origin) return callback(null, true);
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      return callback('origin not allowed', false);
    }
    const ok = host === req.headers.host || allowlist.includes(origin);
    callback(ok ? null : 'origin not allowed', ok);
  };
}

/** Every room a user's socket belongs in from the start: theirs, their organization's, their base's, their conversations'. */
async function roomsOf(user: UserRecord): Promise<string[]> {
  const ways: Record<string, unknown>[] = [{ memberUserIds: user._id }];
  if (user.organizationId) ways.push({ organizationIds: user.organizationId });
  if (user.role === 'operator' && user.baseId) ways.push({ baseId: user.baseId });
  const found = await Promise.all(
    ways.map((filter) =>
      ConversationModel.find(filter)
        .select({ _id: 1 })
        .sort({ lastMessageAt: -1 })
        .limit(MAX_JOINED_CONVERSATIONS)
        .lean<{ _id: unknown }[]>(),
    ),
  );
  const list = [rooms.user(String(user._id))];
  if (user.organizationId) list.push(rooms.org(String(user.organizationId)));
  if (user.role === 'operator' && user.baseId) list.push(rooms.base(String(user.baseId)));
  for (const c of found.flat()) list.push(rooms.conversation(String(c._id)));
  return [...new Set(list)];
}

/** An error the client sees in `connect_error`, with the API's error code in `data`. */
function refusal(code: 'unauthenticated' | 'internal', message: string) {
  return Object.assign(new Error(message), { data: { code } });
}

/**
 * The socket middleware: the session's user, checked as for HTTP (a session from before a password change is
 * refused), becomes the socket's user; the socket joins its rooms before the connection is accepted, so nothing
 * sent after the client's `connect` is missed.
 */
export function authenticateSocket(ctx: AppContext, users: WeakMap<Socket, UserRecord>) {
  return async (socket: RealtimeSocket, next: (err?: Error) => void) => {
    try {
      const session = (socket.request as Request).session;
      const userId = session?.userId;
      if (!userId) return next(refusal('unauthenticated', 'Sign in first'));
      const user = await recentUser(userId);
      if (!user || (user.authVersion ?? 0) !== (session.authVersion ?? 0))
        return next(refusal('unauthenticated', 'Your session has ended; sign in again'));
      users.set(socket, user);
      socket.data = {
        id: String(user._id),
        role: user.role,
        ...(user.organizationId ? { organizationId: String(user.organizationId) } : {}),
        ...(user.baseId ? { baseId: String(user.baseId) } : {}),
      };
      await socket.join(await roomsOf(user));
      next();
    } catch (err) {
      ctx.logger.error({ err }, 'socket handshake failed');
      next(refusal('internal', 'Something went wrong on our side'));
    }
  };
}
