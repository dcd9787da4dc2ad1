import { Types } from 'mongoose';
import type { Notification, NotificationList, NotificationType } from '@app/shared';
import type { AppContext } from '../../context.js';
import { notFound } from '../../lib/errors.js';
import { isDuplicateKey } from '../../lib/duplicateKey.js';
import { recentUser } from '../users/read.js';
import { EmailOutboxModel, NotificationModel, type NotificationRecord } from './model.js';
import { presentNotification } from './presenter.js';
import './events.js';

export interface NotificationInput {
  type: NotificationType;
  title: string;
  body?: string;
  link?: string;
  data?: Record<string, string>;
  /** At most one unread notification per user carries this key: a second is not made while the first is unread. */
  unreadKey?: string;
}

type UserId = Types.ObjectId | string;

/** The site's address in emails: the first allowed origin, else a relative link. */
const absolute = (ctx: AppContext, link?: string) =>
  link ? `${ctx.config.CORS_ORIGINS[0] ?? ''}${link}` : undefined;

export function notificationService(ctx: AppContext) {
  return {
    /**
     * Stores a notification and announces it (pushed live to the user's sockets). A user with no socket open
     * also gets an email, through the outbox.
     */
    async notify(
      userId: UserId,
      input: NotificationInput,
      /** `offline`: the caller has just asked, and the user had no socket open (not asked again). */
      presence: { offline?: boolean } = {},
    ): Promise<Notification | null> {
      let record: NotificationRecord;
      // The unique index on unreadKey is what makes concurrent notifiers make one: wait until it is built (a
      // fresh database builds its indexes in the background; once built this resolves at once).
      if (input.unreadKey) await NotificationModel.init();
      try {
        record = (await NotificationModel.create({ userId, ...input })).toObject() as NotificationRecord;
      } catch (err) {
        if (input.unreadKey && isDuplicateKey(err)) return null;
        throw err;
      }
      const notification = presentNotification(record);
      ctx.events.emit('notification.created', { userId: String(userId), notification });
      const online = presence.offline
        ? new Set<string>()
        : ((await ctx.presence?.onlineUsers([String(userId)])) ?? new Set<string>());
      if (!online.has(String(userId))) {
        // The user as read in the last moments (every signed-in request reads its own).
        const user = await recentUser(String(userId));
        const link = absolute(ctx, input.link);
        if (user?.email) {
          await EmailOutboxModel.create({
            userId,
            notificationId: record._id,
            to: user.email,
            subject: `【资源链】${input.title}`,
            text: [input.title, input.body, link].filter(Boolean).join('\n\n'),
          });
        }
      }
      return notification;
    },

    /**
     * Which of these users hold an unread notification with this key (a new one would not be made): one
     * indexed query.
     */
    async holdingUnread(userIds: readonly string[], unreadKey: string): Promise<Set<string>> {
      // Through the driver (asked on every message), with the ids as stored.
      const held = await NotificationModel.collection
        .find(
          { userId: { $in: userIds.map((id) => new Types.ObjectId(id)) }, unreadKey },
          { projection: { userId: 1 } },
        )
        .toArray();
      return new Set(held.map((n) => String(n.userId)));
    },

    async list(
      userId: UserId,
      query: { page: number; pageSize: number; unread?: 'true' | 'false' },
    ): Promise<NotificationList> {
      const filter = { userId, ...(query.unread === 'true' ? { readAt: null } : {}) };
      const [items, total, unreadCount] = await Promise.all([
        NotificationModel.find(filter)
          .sort({ createdAt: -1, _id: -1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .lean<NotificationRecord[]>(),
        NotificationModel.countDocuments(filter),
        NotificationModel.countDocuments({ userId, readAt: null }),
      ]);
      return {
        items: items.map(presentNotification),
        total,
        page: query.page,
        pageSize: query.pageSize,
        unreadCount,
      };
    },

    /** Marks one of the user's notifications read; another user's id is not found. */
    async markRead(userId: UserId, id: string): Promise<Notification> {
      // Only an unread one changes, so the first reading time is kept.
      await NotificationModel.updateOne(
        { _id: id, userId, readAt: null },
        { $set: { readAt: new Date() }, $unset: { unreadKey: 1 } },
      );
      const updated = await NotificationModel.findOne({ _id: id, userId }).lean<NotificationRecord>();
      if (!updated) throw notFound('Notification');
      return presentNotification(updated);
    },

    async markAllRead(userId: UserId): Promise<number> {
      const result = await NotificationModel.updateMany(
        { userId, readAt: null },
        { $set: { readAt: new Date() }, $unset: { unreadKey: 1 } },
      );
      return result.modifiedCount;
    },
  };
}
