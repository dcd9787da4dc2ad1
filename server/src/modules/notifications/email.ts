import { Types, trusted } from 'mongoose';
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
 * Hands pending outbox emails to the sender: claimed first, all of a run together (one update stamps them with
 * this run's claim, one read takes back those it won), so two processes never send one twice; the sent are marked
 * in one update, and a failure is retried on a later run up to five attempts. A run sends for at most half its
 * claim's time: a slow sender stops it there, the sent are marked and the untried given back uncounted, so no
 * claim lapses while its email is still to be sent. A process that dies after sending and before marking leaves
 * its claim to lapse: those emails go out again (at least once, as before). Returns how many were sent.
 */
export async function dispatchEmails(sender: EmailSender, limit = 50, claimMs = CLAIM_MS): Promise<number> {
  const now = new Date();
  const candidates = await EmailOutboxModel.find({ status: 'pending', claimedUntil: trusted({ $lte: now }) })
    .sort({ _id: 1 })
    .limit(limit)
    .select({ _id: 1 })
    .lean<{ _id: Types.ObjectId }[]>();
  if (!candidates.length) return 0;
  const claim = new Types.ObjectId().toHexString();
  const ids = candidates.map((c) => c._id);
  await EmailOutboxModel.updateMany(
    { _id: trusted({ $in: ids }), status: 'pending', claimedUntil: trusted({ $lte: now }) },
    { $set: { claimedUntil: new Date(Date.now() + claimMs), claim }, $inc: { attempts: 1 } },
  );
  const sendUntil = Date.now() + claimMs / 2;
  const claimed = await EmailOutboxModel.find({ _id: trusted({ $in: ids }), claim })
    .sort({ _id: 1 })
    .lean<EmailOutboxRecord[]>();
  const sent: Types.ObjectId[] = [];
  let tried = 0;
  for (const email of claimed) {
    if (Date.now() > sendUntil) break;
    tried++;
    try {
      await sender.send({ to: email.to, subject: email.subject, text: email.text });
      sent.push(email._id);
    } catch (err) {
      const failed = (email.attempts ?? 0) >= MAX_ATTEMPTS;
      await EmailOutboxModel.updateOne(
        { _id: email._id },
        {
          $set: {
            lastError: err instanceof Error ? err.message : String(err),
            ...(failed ? { status: 'failed' } : { claimedUntil: new Date(0) }),
          },
        },
      );
    }
  }
  if (sent.length)
    await EmailOutboxModel.updateMany(
      { _id: trusted({ $in: sent }) },
      { $set: { status: 'sent', sentAt: new Date() } },
    );
  const untried = claimed.slice(tried).map((email) => email._id);
  if (untried.length)
    await EmailOutboxModel.updateMany(
      { _id: trusted({ $in: untried }), claim },
      { $set: { claimedUntil: now }, $inc: { attempts: -1 } },
    );
  return sent.length;
}

/** Puts one email in the outbox; the dispatcher hands it to the email adapter. */
export async function queueEmail(email: OutgoingEmail & { userId: Types.ObjectId | string }): Promise<void> {
  await EmailOutboxModel.create(email);
}
