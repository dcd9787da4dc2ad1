import type { AppContext } from '../../context.js';
import { queueEmail } from './email.js';
import '../auth/events.js';

/** The reset email in the account's language. */
function resetWording(link: string, minutes: number, locale: 'zh-CN' | 'en') {
  return locale === 'en'
    ? {
        subject: '[ResourceLink] Reset your password',
        text: `Open this link within ${minutes} minutes to choose a new password (it works once):\n\n${link}\n\nIf you did not ask for it, ignore this email.`,
      }
    : {
        subject: '【资源链】重设密码',
        text: `请在 ${minutes} 分钟内打开以下链接设置新密码（链接只能使用一次）：\n\n${link}\n\n如果不是您本人申请，请忽略此邮件。`,
      };
}

/** Emails about one's account: the password reset link, queued in the email outbox before the request is answered. */
export function subscribeAccountEmails(ctx: AppContext): void {
  ctx.events.on(
    'auth.passwordResetRequested',
    ({ userId, email, link, locale, minutesValid }) =>
      queueEmail({ userId, to: email, ...resetWording(link, minutesValid, locale) }),
    { awaitedByWriter: true },
  );
}
