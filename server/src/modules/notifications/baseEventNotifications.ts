import type { AppContext } from '../../context.js';
import type { NotificationInput } from './service.js';
import '../baseEvents/events.js';

/**
 * Event sign-ups: the one who moves up from the waiting list is told, and so is everyone signed up for an event
 * that is cancelled. Titles are in zh-CN; `data.eventTitle` lets a client word it in its language.
 */
export function subscribeBaseEventNotifications(
  ctx: AppContext,
  notify: (userId: string, input: NotificationInput) => Promise<void>,
): void {
  ctx.events.on('event.registrationPromoted', async ({ eventId, title, userId }) => {
    await notify(userId, {
      type: 'event.promoted',
      title: `您已从候补转为正式报名：${title}`,
      link: `/events/${eventId}`,
      data: { eventId, eventTitle: title },
    });
  });
  ctx.events.on('event.cancelled', async ({ eventId, title, userIds }) => {
    for (const userId of userIds)
      await notify(userId, {
        type: 'event.cancelled',
        title: `您报名的活动已取消：${title}`,
        link: `/events/${eventId}`,
        data: { eventId, eventTitle: title },
      });
  });
}
