import { trusted, type Types } from 'mongoose';
import type { Conversation, Counterpart, PageQuery } from '@app/shared';
import type { AppContext, OnlineUser } from '../../context.js';
import { BaseModel } from '../bases/model.js';
import { organizationFacts } from '../organizations/read.js';
import { UserModel } from '../users/model.js';
import {
  ConversationModel,
  ConversationReadModel,
  MessageModel,
  type ConversationReadRecord,
  type ConversationRecord,
  type MessageRecord,
} from './model.js';
import { conversationPolicy as policy } from './policy.js';
import { presentConversation } from './presenter.js';
import type { Participant } from './service.js';

type Head = Pick<ConversationRecord, '_id' | 'lastMessageAt' | 'createdAt'>;
type Named = { _id: Types.ObjectId; name: string; organizationId?: Types.ObjectId | null };

const byId = <T extends { _id: Types.ObjectId }>(rows: T[]) => new Map(rows.map((r) => [String(r._id), r]));

/** The user's conversations, most recently active first, each as the user sees it. */
export function conversationInbox(ctx: AppContext) {
  /** Ids of every conversation the user is a member of; one query per way of membership, so each uses its index. */
  async function heads(user: Participant): Promise<Head[]> {
    const ways: Record<string, unknown>[] = [{ memberUserIds: user._id }];
    if (user.organizationId) ways.push({ organizationIds: user.organizationId });
    if (user.role === 'operator' && user.baseId) ways.push({ baseId: user.baseId });
    const found = await Promise.all(
      ways.map((filter) =>
        ConversationModel.find(filter).select({ lastMessageAt: 1, createdAt: 1 }).lean<Head[]>(),
      ),
    );
    const unique = [...byId(found.flat()).values()];
    const at = (h: Head) => (h.lastMessageAt ?? h.createdAt).getTime();
    return unique.sort((a, b) => at(b) - at(a));
  }

  /** Who is on the other side, by name: organizations and bases the viewer is not part of, and listed users. */
  async function counterparts(viewer: Participant, conversations: ConversationRecord[]) {
    const orgIds = conversations.flatMap((c) => c.organizationIds ?? []);
    const baseIds = conversations.flatMap((c) => (c.baseId ? [c.baseId] : []));
    const userIds = conversations.flatMap((c) => c.memberUserIds ?? []);
    const [orgNames, bases, users] = await Promise.all([
      organizationFacts(orgIds),
      BaseModel.find({ _id: trusted({ $in: baseIds }) })
        .select({ name: 1 })
        .lean<Named[]>(),
      UserModel.find({ _id: trusted({ $in: userIds }) })
        .select({ name: 1, organizationId: 1 })
        .lean<Named[]>(),
    ]);
    const baseNames = byId(bases);
    const userNames = byId(users);
    const mine = (id: unknown) =>
      viewer.organizationId != null && String(id) === String(viewer.organizationId);
    return (c: ConversationRecord): Counterpart[] => {
      const listedOrgs = new Set((c.organizationIds ?? []).map(String));
      const result: Counterpart[] = [];
      for (const id of c.organizationIds ?? []) {
        if (!mine(id))
          result.push({ kind: 'organization', id: String(id), name: orgNames.get(String(id))?.name ?? '' });
      }
      if (c.baseId && !(viewer.role === 'operator' && String(viewer.baseId) === String(c.baseId))) {
        result.push({
          kind: 'base',
          id: String(c.baseId),
          name: baseNames.get(String(c.baseId))?.name ?? '',
        });
      }
      for (const id of c.memberUserIds ?? []) {
        const user = userNames.get(String(id));
        // A listed user already shown through their organization, or the viewer, is not shown again.
        if (
          String(id) === String(viewer._id) ||
          (user?.organizationId && listedOrgs.has(String(user.organizationId)))
        )
          continue;
        result.push({ kind: 'user', id: String(id), name: user?.name ?? '' });
      }
      return result;
    };
  }

  /** Counted from the messages themselves, not from the conversation's lastSeq hint, which may lag. */
  async function unreadCount(viewer: Participant, c: ConversationRecord, readSeq: number): Promise<number> {
    return MessageModel.countDocuments({
      conversationId: c._id,
      seq: trusted({ $gt: readSeq }),
      senderId: trusted({ $ne: viewer._id }),
    });
  }

  return {
    /** One page of the viewer's conversations; `only` limits it to the conversations named. */
    async list(
      viewer: Participant,
      query: PageQuery,
      only?: string[],
    ): Promise<{ items: Conversation[]; total: number }> {
      const all = (await heads(viewer)).filter((h) => !only || only.includes(String(h._id)));
      const pageIds = all
        .slice((query.page - 1) * query.pageSize, query.page * query.pageSize)
        .map((h) => h._id);
      if (!pageIds.length) return { items: [], total: all.length };
      const ids = pageIds.map(String);
      const [conversations, reads, online] = await Promise.all([
        ConversationModel.find({ _id: trusted({ $in: pageIds }) }).lean<ConversationRecord[]>(),
        ConversationReadModel.find({ conversationId: trusted({ $in: pageIds }) }).lean<
          ConversationReadRecord[]
        >(),
        ctx.presence?.onlineInConversations(ids) ?? new Map<string, OnlineUser[]>(),
      ]);
      const stored = byId(conversations);
      const ordered = ids.flatMap((id) => stored.get(id) ?? []);
      const namesOf = await counterparts(viewer, ordered);
      const items = await Promise.all(
        ordered.map(async (c) => {
          const id = String(c._id);
          const mineRead = reads.find(
            (r) => String(r.conversationId) === id && String(r.userId) === String(viewer._id),
          );
          const [count, last] = await Promise.all([
            unreadCount(viewer, c, mineRead?.seq ?? 0),
            MessageModel.findOne({ conversationId: c._id }).sort({ seq: -1 }).lean<MessageRecord>(),
          ]);
          const others = (online.get(id) ?? []).filter((u) => !policy.sameSide(viewer, u));
          return presentConversation(c, {
            counterparts: namesOf(c),
            ...(last ? { lastMessage: last } : {}),
            unreadCount: count,
            online: [...new Set(others.map((u) => u.id))],
            reads: reads
              .filter((r) => String(r.conversationId) === id && String(r.userId) !== String(viewer._id))
              .map((r) => ({ userId: String(r.userId), upTo: String(r.upTo), seq: r.seq })),
          });
        }),
      );
      return { items, total: all.length };
    },
  };
}
