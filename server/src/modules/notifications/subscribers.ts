import { trusted, type Types } from 'mongoose';
import type { Message } from '@app/shared';
import type { AppContext } from '../../context.js';
import type { ConversationMembership } from '../conversations/events.js';
import { UserModel } from '../users/model.js';
import { notificationService, type NotificationInput } from './service.js';
import type { MatchParties } from '../matching/events.js';
import '../matching/events.js';

/** The most members of one conversation told about one message (organizations are small). */
const MAX_RECIPIENTS = 200;
const PREVIEW_CHARS = 80;

/** Everyone a message reaches: users listed, members of the listed organizations, operators of the base. */
async function membersOf(c: ConversationMembership): Promise<string[]> {
  const ids = new Set(c.memberUserIds);
  const ways: Record<string, unknown>[] = [];
  if (c.organizationIds.length) ways.push({ organizationId: trusted({ $in: c.organizationIds }) });
  if (c.baseId) ways.push({ role: 'operator', baseId: c.baseId });
  for (const filter of ways) {
    const users = await UserModel.find(filter)
      .select({ _id: 1 })
      .limit(MAX_RECIPIENTS)
      .lean<{ _id: Types.ObjectId }[]>();
    for (const u of users) ids.add(String(u._id));
  }
  return [...ids].slice(0, MAX_RECIPIENTS);
}

/**
 * Notifications from domain events: a message to members who are offline (once per conversation until they
 * read it), and the match events.
 */
export function subscribeNotifications(ctx: AppContext): void {
  const notifications = notificationService(ctx);

  async function messageWhileOffline(message: Message, membership: ConversationMembership) {
    const recipients = (await membersOf(membership)).filter((id) => id !== message.senderId);
    if (!recipients.length) return;
    const online = (await ctx.presence?.onlineUsers(recipients)) ?? new Set<string>();
    const offline = recipients.filter((id) => !online.has(id));
    if (!offline.length) return;
    const sender = await UserModel.findById(message.senderId).select({ name: 1 }).lean<{ name: string }>();
    const senderName = sender?.name ?? '';
    const body =
      message.body.length > PREVIEW_CHARS ? `${message.body.slice(0, PREVIEW_CHARS)}…` : message.body;
    for (const userId of offline) {
      await notifications.notify(userId, {
        unreadKey: `message.offline:${message.conversationId}`,
        type: 'message.offline',
        title: `${senderName} 给您发来了新消息`,
        body,
        link: `/messages/${message.conversationId}`,
        data: { conversationId: message.conversationId, senderId: message.senderId, senderName },
      });
    }
  }

  ctx.events.on('message.created', ({ message, duplicate, membership }) => {
    if (!duplicate) return messageWhileOffline(message, membership);
  });
  subscribeMatchNotifications(ctx, (userId, input) => notifications.notify(userId, input).then(() => {}));
}

const matchWording: Record<'match.proposed' | 'match.accepted' | 'match.overdue', string> = {
  'match.proposed': '您收到了一个新的匹配提议',
  'match.accepted': '您的匹配提议已被接受',
  'match.overdue': '有一个匹配已逾期，请尽快处理',
};

/**
 * Who hears of a match event: a proposal and an acceptance go to the side that did not act; a late answer goes
 * to both sides and to the operators of the base concerned.
 */
export function matchRecipients(event: MatchParties & { operatorIds?: string[] }): string[] {
  const sides = [event.needOwnerId, event.offerOwnerId].filter((id) => id !== event.actorId);
  return [...new Set([...sides, ...(event.operatorIds ?? [])])];
}

/** Match events become notifications of their recipients. */
export function subscribeMatchNotifications(
  ctx: AppContext,
  notify: (userId: string, input: NotificationInput) => Promise<void>,
): void {
  for (const type of ['match.proposed', 'match.accepted', 'match.overdue'] as const) {
    ctx.events.on(type, async (event: MatchParties & { operatorIds?: string[] }) => {
      for (const userId of matchRecipients(event)) {
        await notify(userId, {
          type,
          title: matchWording[type],
          link: `/matches/${event.matchId}`,
          data: { matchId: event.matchId },
        });
      }
    });
  }
}
