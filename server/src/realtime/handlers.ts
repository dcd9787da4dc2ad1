import type { z } from 'zod';
import { clientEventSchemas, type ClientEventName, type ErrorBody, type Locale } from '@app/shared';
import type { AppContext } from '../context.js';
import { AppError, rateLimited } from '../lib/errors.js';
import { parseInput } from '../lib/http/validate.js';
import { localeOfAccount } from '../lib/http/locale.js';
import { translate } from '../lib/messages/index.js';
import { conversationService, findForMember } from '../modules/conversations/service.js';
import type { UserRecord } from '../modules/users/model.js';
import { TokenBucket } from './rateLimit.js';
import { rooms } from './rooms.js';
import type { RealtimeSocket } from './types.js';

/** Per socket: 20 events a second, bursts of 40. */
export const SOCKET_EVENTS_PER_SECOND = 20;
export const SOCKET_EVENT_BURST = 40;

type Answer = { ok: true } & Record<string, unknown>;
type Failure = { ok: false; error: ErrorBody['error'] };

function failure(ctx: AppContext, err: unknown, event: string, locale: Locale): Failure {
  if (err instanceof AppError) {
    const details = err.detailsIn(locale);
    return {
      ok: false,
      error: {
        code: err.code,
        message: err.messageIn(locale),
        ...(details?.length ? { details } : {}),
      },
    };
  }
  ctx.logger.error({ err, event }, 'socket event failed');
  return { ok: false, error: { code: 'internal', message: translate('request.internal', locale) } };
}

/**
 * Wires the client events of one socket. Every event is rate limited, validated with the shared schema, and
 * handed to the conversations service, which checks membership through the policy each time.
 */
export function registerHandlers(ctx: AppContext, socket: RealtimeSocket, user: UserRecord): void {
  const conversations = conversationService(ctx);
  const bucket = new TokenBucket(SOCKET_EVENTS_PER_SECOND, SOCKET_EVENT_BURST);
  const locale = localeOfAccount(user, socket.request.headers['accept-language']);

  // Before any handler, for every event (also unknown ones): an empty bucket answers rate_limited.
  socket.use((packet, next) => {
    if (bucket.take()) return next();
    const ack = packet[packet.length - 1];
    if (typeof ack === 'function')
      ack(failure(ctx, rateLimited('request.tooManyEvents'), String(packet[0]), locale));
  });

  function handle<E extends ClientEventName>(
    event: E,
    run: (payload: z.output<(typeof clientEventSchemas)[E]>) => Promise<Answer>,
  ) {
    socket.on(event as never, async (...args: unknown[]) => {
      const last = args[args.length - 1];
      const ack = typeof last === 'function' ? (last as (answer: Answer | Failure) => void) : undefined;
      try {
        const payload = parseInput(
          clientEventSchemas[event],
          args[0] === ack ? undefined : args[0],
          `${event} payload`,
        );
        ack?.(await run(payload as never));
      } catch (err) {
        ack?.(failure(ctx, err, event, locale));
      }
    });
  }

  handle('message:send', async ({ conversationId, body, clientId }) => {
    const { message } = await conversations.send(user, conversationId, { body, clientId });
    return { ok: true, message };
  });

  handle('message:read', async ({ conversationId, upTo }) => {
    await conversations.markRead(user, conversationId, upTo);
    return { ok: true };
  });

  handle('typing', async ({ conversationId }) => {
    await conversations.typing(user, conversationId);
    return { ok: true };
  });

  handle('conversation:join', async ({ conversationId }) => {
    await findForMember(user, conversationId);
    await socket.join(rooms.conversation(conversationId));
    return { ok: true };
  });
}
