import { trusted, Types } from 'mongoose';
import type { Conversation, Counterpart, PageQuery } from '@app/shared';
import type { AppContext, OnlineUser } from '../../context.js';
import { BaseModel } from '../bases/model.js';
import { organizationFacts } from '../organizations/read.js';
import { recentUsersById } from '../users/read.js';
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

type Named = { _id: Types.ObjectId; name: string };

/** An id as stored (queries through the driver are not cast by the schema). */
const stored = (id: unknown) => (id instanceof Types.ObjectId ? id : new Types.ObjectId(String(id)));
const byId = <T extends { _id: Types.ObjectId }>(rows: T[]) => new Map(rows.map((r) => [String(r._id), r]));

/** The user's conversations, most recently active first, each as the user sees it. */
export function conversationInbox(ctx: AppContext) {
  /**
   * Every conversation the user is a member of, most recently active first, in one query: each way of membership
   * is a branch of an `$or` answered by its own index (the embedded engine and MongoDB both take the union of the
   * branches). Whole records, not only the fields that order them: a conversation is a few ids and dates, and the
   * page is then cut from them instead of read again.
   */
  async function memberOf(user: Participant): Promise<ConversationRecord[]> {
    const ways: Record<string, unknown>[] = [{ memberUserIds: stored(user._id) }];
    if (user.organizationId) ways.push({ organizationIds: stored(user.organizationId) });
    if (user.role === 'operator' && user.baseId) ways.push({ baseId: stored(user.baseId) });
    const found = (await ConversationModel.collection
      .find(ways.length > 1 ? { $or: ways } : ways[0]!)
      .toArray()) as ConversationRecord[];
    const at = (c: ConversationRecord) => (c.lastMessageAt ?? c.createdAt).getTime();
    return found.sort((a, b) => at(b) - at(a));
  }

  /** Who is on the other side, by name: organizations and bases the viewer is not part of, and listed users. */
  async function counterparts(viewer: Participant, conversations: ConversationRecord[]) {
    const orgIds = conversations.flatMap((c) => c.organizationIds ?? []);
    const baseIds = conversations.flatMap((c) => (c.baseId ? [c.baseId] : []));
    const userIds = conversations.flatMap((c) => c.memberUserIds ?? []);
    const [orgNames, bases, users] = await Promise.all([
      organizationFacts(orgIds),
      baseIds.length
        ? BaseModel.find({ _id: trusted({ $in: baseIds }) })
            .select({ name: 1 })
            .lean<Named[]>()
        : [],
      // Users read in the last moments (every signed-in request reads its user) are not read again.
      recentUsersById(userIds.map(String)),
    ]);
    const baseNames = byId(bases);
    const userNames = users;
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

  /**
   * Each conversation's messages from others after the viewer's read receipt, by conversation id, in one
   * aggregation over them all: counted from the messages themselves, not from the lastSeq hint, which may lag.
   */
  async function unreadCounts(
    viewer: Participant,
    conversations: ConversationRecord[],
    readSeqOf: (id: string) => number,
  ): Promise<Map<string, number>> {
    const counted = (await MessageModel.collection
      .aggregate([
        {
          $match: {
            $or: conversations.map((c) => ({
              conversationId: c._id,
              seq: { $gt: readSeqOf(String(c._id)) },
            })),
            senderId: { $ne: stored(viewer._id) },
          },
        },
        { $group: { _id: '$conversationId', unread: { $sum: 1 } } },
      ])
      .toArray()) as { _id: Types.ObjectId; unread: number }[];
    return new Map(counted.map((row) => [String(row._id), row.unread]));
  }

  /**
   * Each conversation's last message, by conversation id, in one query: the messages from each one's lastSeq
   * hint on. The hint is the seq of a stored message and only moves forward (sequencer.ts), so the last one is
   * among them; a hint that lags (a send still on its way, or cut off before it moved the hint) only brings a
   * few more. A conversation whose hint finds none (only if messages were removed behind the application's
   * back) is looked up on its own.
   */
  async function lastMessages(conversations: ConversationRecord[]): Promise<Map<string, MessageRecord>> {
    const found = (await MessageModel.collection
      .find({ $or: conversations.map((c) => ({ conversationId: c._id, seq: { $gte: c.lastSeq ?? 0 } })) })
      .toArray()) as MessageRecord[];
    const last = new Map<string, MessageRecord>();
    for (const m of found) {
      const id = String(m.conversationId);
      if ((last.get(id)?.seq ?? -1) < m.seq) last.set(id, m);
    }
    const missed = conversations.filter((c) => (c.lastSeq ?? 0) > 0 && !last.has(String(c._id)));
    for (const c of missed) {
      const m = await MessageModel.findOne({ conversationId: c._id }).sort({ seq: -1 }).lean<MessageRecord>();
      if (m) last.set(String(c._id), m);
    }
    return last;
  }

  return {
    /** One page of the viewer's conversations; `only` limits it to the conversations named. */
    async list(
      viewer: Participant,
      query: PageQuery,
      only?: string[],
    ): Promise<{ items: Conversation[]; total: number }> {
      const all = (await memberOf(viewer)).filter((c) => !only || only.includes(String(c._id)));
      const ordered = all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
      if (!ordered.length) return { items: [], total: all.length };
      const pageIds = ordered.map((c) => c._id);
      const ids = pageIds.map(String);
      const [reads, online] = await Promise.all([
        ConversationReadModel.collection.find({ conversationId: { $in: pageIds } }).toArray() as Promise<
          ConversationReadRecord[]
        >,
        ctx.presence?.onlineInConversations(ids) ?? new Map<string, OnlineUser[]>(),
      ]);
      const viewerId = String(viewer._id);
      const readSeqOf = (id: string) =>
        reads.find((r) => String(r.conversationId) === id && String(r.userId) === viewerId)?.seq ?? 0;
      // A fixed number of round trips whatever the page holds: names, unread counts and last messages together.
      const [namesOf, unread, last] = await Promise.all([
        counterparts(viewer, ordered),
        unreadCounts(viewer, ordered, readSeqOf),
        lastMessages(ordered),
      ]);
      const items = ordered.map((c) => {
        const id = String(c._id);
        const others = (online.get(id) ?? []).filter((u) => !policy.sameSide(viewer, u));
        const lastMessage = last.get(id);
        return presentConversation(c, {
          counterparts: namesOf(c),
          ...(lastMessage ? { lastMessage } : {}),
          unreadCount: unread.get(id) ?? 0,
          online: [...new Set(others.map((u) => u.id))],
          reads: reads
            .filter((r) => String(r.conversationId) === id && String(r.userId) !== viewerId)
            .map((r) => ({ userId: String(r.userId), upTo: String(r.upTo), seq: r.seq })),
        });
      });
      return { items, total: all.length };
    },
  };
}
