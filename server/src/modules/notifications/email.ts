import { trusted, type Types } from 'mongoose';
import type { Logger } from 'pino';
import { EmailOutboxModel, type EmailOutboxRecord } from './model.js';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
}

/** The email adapter: how an email leaves. SMTP or a provider's API would implement it; the default logs. */
export interface EmailSender {
  send(email: OutgoingEmail): Promise<void>;
}

/** Writes each email to the log instead of sending it (the default: no mail server is configured). */
export function logEmailSender(logger: Logger): EmailSender {
  return {
    async send(email) {
      logger.info(
        { email: { to: email.to, subject: email.subject, text: email.text } },
        'email (log adapter)',
      );
    },
  };
}

const MAX_ATTEMPTS = 5;
const CLAIM_MS = 60_000;

/**
 * Hands pending outbox emails to the sender: each is claimed first, so two processes never send one twice, and a
 * failure is retried on a later run up to five attempts. Returns how many were sent.
 */
export async function dispatchEmails(sender: EmailSender, limit = 50): Promise<number> {
  const now = new Date();
  const candidates = await EmailOutboxModel.find({ status: 'pending', claimedUntil: trusted({ $lte: now }) })
    .sort({ _id: 1 })
    .limit(limit)
    .select({ _id: 1 })
    .lean<{ _id: Types.ObjectId }[]>();
  let sent = 0;
  for (const { _id } of candidates) {
    const claimed = await EmailOutboxModel.findOneAndUpdate(
      { _id, status: 'pending', claimedUntil: trusted({ $lte: now }) },
      { $set: { claimedUntil: new Date(Date.now() + CLAIM_MS) }, $inc: { attempts: 1 } },
      { returnDocument: 'after' },
    ).lean<EmailOutboxRecord>();
    if (!claimed) continue;
    try {
      await sender.send({ to: claimed.to, subject: claimed.subject, text: claimed.text });
      await EmailOutboxModel.updateOne({ _id }, { $set: { status: 'sent', sentAt: new Date() } });
      sent++;
    } catch (err) {
      const failed = (claimed.attempts ?? 0) >= MAX_ATTEMPTS;
      await EmailOutboxModel.updateOne(
        { _id },
        {
          $set: {
            lastError: err instanceof Error ? err.message : String(err),
            ...(failed ? { status: 'failed' } : { claimedUntil: new Date(0) }),
          },
        },
      );
    }
  }
  return sent;
}

/** Puts one email in the outbox; the dispatcher hands it to the email adapter. */
export async function queueEmail(email: OutgoingEmail & { userId: Types.ObjectId | string }): Promise<void> {
  await EmailOutboxModel.create(email);
}
