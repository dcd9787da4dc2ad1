import { Types } from 'mongoose';
import type { Message } from '@app/shared';
import type { AppContext } from '../../context.js';
import type { ConversationMembership } from '../conversations/events.js';
import { UserModel } from '../users/model.js';
import { recentUser } from '../users/read.js';
import { notificationService, type NotificationInput } from './service.js';
import { committedListings, committedMatch, type MatchParties } from '../matching/events.js';
import { subscribeAccountEmails } from './accountEmails.js';
import { matchNames } from '../matching/read.js';
import { matchNotice, type MatchNoticeType } from './matchWording.js';
import { subscribeAdmissionNotifications } from './admissionNotifications.js';
import '../matching/events.js';
import { subscribeBaseEventNotifications } from './baseEventNotifications.js';

/** The most members of one conversation told about one message (organizations are small). */
const MAX_RECIPIENTS = 200;
const PREVIEW_CHARS = 80;

/** Everyone a message reaches: users listed, members of the listed organizations, operators of the base. */
async function membersOf(c: ConversationMembership): Promise<string[]> {
  const ids = new Set(c.memberUserIds);
  const ways: Record<string, unknown>[] = [];
  // Through the driver, with the ids as stored: the membership names them as strings.
  if (c.organizationIds.length)
    ways.push({ organizationId: { $in: c.organizationIds.map((id) => new Types.ObjectId(id)) } });
  if (c.baseId) ways.push({ role: 'operator', baseId: new Types.ObjectId(c.baseId) });
  for (const filter of ways) {
    const users = await UserModel.collection
      .find(filter, { projection: { _id: 1 }, limit: MAX_RECIPIENTS })
      .toArray();
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
    const unreadKey = `message.offline:${message.conversationId}`;
    const members = (await membersOf(membership)).filter((id) => id !== message.senderId);
    // Those still holding this conversation's unread notification get no second one: not asked after.
    const told = members.length ? await notifications.holdingUnread(members, unreadKey) : new Set<string>();
    const recipients = members.filter((id) => !told.has(id));
    if (!recipients.length) return;
    const online = (await ctx.presence?.onlineUsers(recipients)) ?? new Set<string>();
    const offline = recipients.filter((id) => !online.has(id));
    if (!offline.length) return;
    // The sender made the request that sent it: read a moment ago.
    const sender = await recentUser(message.senderId);
    const senderName = sender?.name ?? '';
    const body =
      message.body.length > PREVIEW_CHARS ? `${message.body.slice(0, PREVIEW_CHARS)}…` : message.body;
    for (const userId of offline) {
      await notifications.notify(
        userId,
        {
          unreadKey,
          type: 'message.offline',
          title: `${senderName} 给您发来了新消息`,
          body,
          link: `/messages/${message.conversationId}`,
          data: { conversationId: message.conversationId, senderId: message.senderId, senderName },
        },
        // Just asked: not asked again per recipient.
        { offline: true },
      );
    }
  }

  ctx.events.on('message.created', ({ message, duplicate, membership }) => {
    if (!duplicate) return messageWhileOffline(message, membership);
  });
  subscribeMatchNotifications(ctx, (userId, input) => notifications.notify(userId, input).then(() => {}));
  subscribeAdmissionNotifications(ctx, (userId, input) => notifications.notify(userId, input).then(() => {}));
  subscribeBaseEventNotifications(ctx, (userId, input) => notifications.notify(userId, input).then(() => {}));
  subscribeAccountEmails(ctx);
}

/**
 * Who hears of a match event: a proposal, an acceptance and new evidence go to the side that did not act; a late
 * answer goes to both sides and to the operators of the base concerned. Where the event names the side that acted
 * (proposals, acceptances, evidence), only the other side is told, also when a colleague of an owner acted.
 */
export function matchRecipients(event: MatchParties & { operatorIds?: string[] }): string[] {
  const sides = event.side
    ? [event.side === 'need' ? event.offerOwnerId : event.needOwnerId]
    : [event.needOwnerId, event.offerOwnerId];
  const others = sides.filter((id) => id !== event.actorId);
  return [...new Set([...others, ...(event.operatorIds ?? [])])];
}

/** Match events become notifications of their recipients, naming the listing and the other side. */
export function subscribeMatchNotifications(
  ctx: AppContext,
  notify: (userId: string, input: NotificationInput) => Promise<void>,
): void {
  const tell = async (
    type: MatchNoticeType,
    event: MatchParties,
    recipients: string[],
    unreadKey?: string,
  ) => {
    if (!recipients.length) return;
    // The match as its writer committed it, when handed over in this process: its listings and owners named.
    const committed = committedMatch(event);
    const listings = committedListings(event);
    const names = (
      await matchNames(
        [event.matchId],
        committed ? [committed] : [],
        listings ? [listings.need, listings.offer] : [],
      )
    ).get(event.matchId);
    for (const userId of recipients) {
      const side =
        userId === event.needOwnerId ? 'need' : userId === event.offerOwnerId ? 'offer' : undefined;
      const notice = matchNotice(type, event.matchId, names, side);
      await notify(userId, {
        type,
        title: notice.title,
        ...(notice.body ? { body: notice.body } : {}),
        link: `/matches/${event.matchId}`,
        data: notice.data,
        ...(unreadKey ? { unreadKey } : {}),
      });
    }
  };
  for (const type of ['match.proposed', 'match.accepted', 'match.overdue'] as const) {
    ctx.events.on(type, (event: MatchParties & { operatorIds?: string[] }) =>
      tell(type, event, matchRecipients(event)),
    );
  }
  // Files come in batches (photos of one delivery): one unread notification per match until it is read.
  ctx.events.on('match.evidenceAttached', (event) =>
    tell('match.evidenceAttached', event, matchRecipients(event), `match.evidenceAttached:${event.matchId}`),
  );
}
