import type { Types } from 'mongoose';
import type { AppContext } from '../../context.js';
import { UserModel } from '../users/model.js';
import type { NotificationInput } from './service.js';
import '../admissions/events.js';
import '../residencies/events.js';
import '../matching/events.js';

/** The most members of one organization told of one decision (organizations are small). */
const MAX_MEMBERS = 200;

async function membersOf(organizationId: string): Promise<string[]> {
  const users = await UserModel.find({ organizationId })
    .select({ _id: 1 })
    .limit(MAX_MEMBERS)
    .lean<{ _id: Types.ObjectId }[]>();
  return users.map((u) => String(u._id));
}

/**
 * Entry review and residency events become notifications: each reviewer when a panel is formed, the applicant's
 * members when it is decided and when their residency ends, and the side of an overdue proposal that staff remind.
 */
export function subscribeAdmissionNotifications(
  ctx: AppContext,
  notify: (userId: string, input: NotificationInput) => Promise<void>,
): void {
  ctx.events.on('application.panelFormed', async (e) => {
    for (const reviewerId of e.reviewerIds) {
      await notify(reviewerId, {
        type: 'application.reviewRequested',
        title: '您被邀请参加入驻集体评审，请评分',
        link: `/applications/${e.applicationId}`,
        data: { applicationId: e.applicationId, baseId: e.baseId },
      });
    }
  });
  ctx.events.on('application.decided', async (e) => {
    for (const userId of await membersOf(e.organizationId)) {
      await notify(userId, {
        type: 'application.decided',
        title: e.outcome === 'admitted' ? '您的入驻申请已通过评审' : '您的入驻申请未通过评审',
        body: e.reason,
        link: `/applications/${e.applicationId}`,
        data: { applicationId: e.applicationId, baseId: e.baseId, outcome: e.outcome },
      });
    }
  });
  for (const type of ['residency.graduated', 'residency.exited'] as const) {
    ctx.events.on(type, async (e) => {
      for (const userId of await membersOf(e.organizationId)) {
        await notify(userId, {
          type: 'residency.ended',
          title: type === 'residency.graduated' ? '贵机构已从培育基地出壳' : '贵机构已退出培育基地',
          body: e.reason,
          link: `/bases/${e.baseId}`,
          data: { baseId: e.baseId, residencyId: e.residencyId, status: type.split('.')[1]! },
        });
      }
    });
  }
  ctx.events.on('match.reminded', async (e) => {
    const userId = e.respondingSide === 'need' ? e.needOwnerId : e.offerOwnerId;
    await notify(userId, {
      type: 'match.reminded',
      title: '基地提醒：有一个匹配提议等待您答复',
      ...(e.note ? { body: e.note } : {}),
      link: `/matches/${e.matchId}`,
      data: { matchId: e.matchId },
    });
  });
}
