import { trusted } from 'mongoose';
import type { Message, MessageHistory, MessageHistoryQuery, SendMessageBody } from '@app/shared';
import type { AppContext } from '../../context.js';
import { isDuplicateKey } from '../../lib/duplicateKey.js';
import { notFound, validationFailed } from '../../lib/errors.js';
import type { UserRecord } from '../users/model.js';
import { ConversationReadModel, MessageModel, type ConversationRecord, type MessageRecord } from './model.js';
import { conversationPolicy as policy } from './policy.js';
import { presentMessage } from './presenter.js';
import { recentConversation } from './recent.js';
import { advanceHint, storeMessage } from './sequencer.js';
import './events.js';

/** The user as conversations need them: who they are and what they belong to. */
export type Participant = Pick<UserRecord, '_id' | 'role' | 'organizationId' | 'baseId'>;

/**
 * The conversation if the user is a member of it, asked of the policy on every call. A stranger learns nothing:
 * an id that exists and one that does not get the same answer.
 */
export async function findForMember(user: Participant, id: string): Promise<ConversationRecord> {
  const conversation = await recentConversation(id);
  if (!conversation || !policy.isMember(user, conversation)) throw notFound('Conversation');
  return conversation;
}

/** A message of this conversation named by a client (`after`, `before`, `upTo`), or a 400 naming the field. */
async function messageOf(conversation: ConversationRecord, id: string, field: string) {
  const message = await MessageModel.findOne({ _id: id, conversationId: conversation._id })
    .select({ seq: 1 })
    .lean<Pick<MessageRecord, '_id' | 'seq'>>();
  if (!message) {
    throw validationFailed('conversation.noSuchMessage', [
      { path: field, message: 'field.notThisConversation', code: 'unknown_message' },
    ]);
  }
  return message;
}

export function conversationService(ctx: AppContext) {
  /** Announces a stored message; a duplicate is announced again in case its first announcement was lost. */
  function announce(conversation: ConversationRecord, record: MessageRecord, duplicate: boolean) {
    const message = presentMessage(record);
    const membership = {
      memberUserIds: (conversation.memberUserIds ?? []).map(String),
      organizationIds: (conversation.organizationIds ?? []).map(String),
      ...(conversation.baseId ? { baseId: String(conversation.baseId) } : {}),
    };
    ctx.events.emit('message.created', { message, duplicate, membership });
    return { message, created: !duplicate };
  }

  return {
    findForMember,

    /** Messages in storage order: after one (catching up), before one (scrolling back), or the latest. */
    async history(user: Participant, id: string, query: MessageHistoryQuery): Promise<MessageHistory> {
      const conversation = await findForMember(user, id);
      const anchorId = query.after ?? query.before;
      const anchor = anchorId
        ? await messageOf(conversation, anchorId, query.after ? 'after' : 'before')
        : undefined;
      const forward = Boolean(query.after);
      const seq = anchor ? { seq: trusted(forward ? { $gt: anchor.seq } : { $lt: anchor.seq }) } : {};
      const found = await MessageModel.find({ conversationId: conversation._id, ...seq })
        .sort({ seq: forward ? 1 : -1 })
        .limit(query.limit + 1)
        .lean<MessageRecord[]>();
      const hasMore = found.length > query.limit;
      const page = found.slice(0, query.limit);
      if (!forward) page.reverse();
      return { items: page.map(presentMessage), hasMore };
    },

    /**
     * Stores a message, then announces it; the same clientId from the same sender gives back the stored message.
     * See `storeMessage` for how the seq is chosen.
     */
    async send(
      user: Participant,
      id: string,
      body: SendMessageBody,
    ): Promise<{ message: Message; created: boolean }> {
      const conversation = await findForMember(user, id);
      const identity = { conversationId: conversation._id, senderId: user._id, clientId: body.clientId };
      const stored = await storeMessage(conversation, { ...identity, body: body.body });
      if (stored) {
        // Announced first: the receivers need not wait for the hint.
        const result = announce(conversation, stored, false);
        await advanceHint(conversation, stored);
        return result;
      }
      const existing = await MessageModel.findOne(identity).lean<MessageRecord>();
      if (!existing) throw new Error('a duplicate clientId was reported but no message holds it');
      return announce(conversation, existing, true);
    },

    /** Moves the user's read receipt forward to `upTo` (never back) and tells the others. */
    async markRead(user: Participant, id: string, upTo: string): Promise<{ seq: number; upTo: string }> {
      const conversation = await findForMember(user, id);
      const message = await messageOf(conversation, upTo, 'upTo');
      const key = { conversationId: conversation._id, userId: user._id };
      try {
        await ConversationReadModel.updateOne(
          { ...key, seq: trusted({ $lt: message.seq }) },
          { $set: { seq: message.seq, upTo: message._id } },
          { upsert: true },
        );
      } catch (err) {
        // The receipt is already at or past this message: nothing to move.
        if (!isDuplicateKey(err)) throw err;
        const current = await ConversationReadModel.findOne(key).lean();
        return { seq: current?.seq ?? message.seq, upTo: String(current?.upTo ?? message._id) };
      }
      const event = { conversationId: id, userId: String(user._id), upTo, seq: message.seq };
      ctx.events.emit('message.read', event);
      return { seq: message.seq, upTo };
    },

    async typing(user: Participant, id: string): Promise<void> {
      await findForMember(user, id);
      ctx.events.emit('conversation.typing', { conversationId: id, userId: String(user._id) });
    },
  };
}
