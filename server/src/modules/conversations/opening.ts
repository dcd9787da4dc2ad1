import { Types, type ClientSession } from 'mongoose';
import type { OpenConversationBody } from '@app/shared';
import type { AppContext } from '../../context.js';
import { isDuplicateKey } from '../../lib/duplicateKey.js';
import { forbidden, notFound, validationFailed } from '../../lib/errors.js';
import { OrganizationModel, type OrganizationRecord } from '../organizations/model.js';
import { ConversationModel, type ConversationRecord } from './model.js';
import { conversationPolicy as policy } from './policy.js';
import { forgetConversation } from './recent.js';
import type { Participant } from './service.js';
import './events.js';

type Fields = Pick<ConversationRecord, 'kind'> &
  Partial<Pick<ConversationRecord, 'matchId' | 'memberUserIds' | 'organizationIds' | 'baseId'>>;

export interface OpenMatchConversationInput {
  matchId: string;
  /** Users who are members in person (typically both listings' owners). */
  memberUserIds: string[];
  /** Organizations whose current members are members too (the listings' organizations). */
  organizationIds?: string[];
}

const toIds = (ids: readonly string[]) => [...new Set(ids)].map((id) => new Types.ObjectId(id));

async function findOrganization(id: string): Promise<OrganizationRecord> {
  const org = await OrganizationModel.findById(id).lean<OrganizationRecord>();
  if (!org) throw notFound('Organization');
  return org;
}

export function conversationOpening(ctx: AppContext) {
  const opened = (c: ConversationRecord) => {
    forgetConversation(String(c._id));
    ctx.events.emit('conversation.opened', { conversationId: String(c._id) });
  };

  /** The conversation with this key, made on first ask; concurrent openers get the same one. */
  async function openByKey(key: string, fields: Fields) {
    const existing = await ConversationModel.findOne({ key }).lean<ConversationRecord>();
    if (existing) return { conversation: existing, created: false };
    try {
      const conversation = (
        await ConversationModel.create({ key, ...fields })
      ).toObject() as ConversationRecord;
      opened(conversation);
      return { conversation, created: true };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const winner = await ConversationModel.findOne({ key }).lean<ConversationRecord>();
      if (!winner) throw err;
      return { conversation: winner, created: false };
    }
  }

  return {
    /** `POST /api/conversations`: the organization with its base, or two verified organizations. */
    async open(user: Participant, body: OpenConversationBody) {
      if (body.kind === 'base') {
        const orgId = user.role === 'operator' ? body.organizationId : String(user.organizationId ?? '');
        if (!orgId) {
          throw user.role === 'operator'
            ? validationFailed('conversation.nameOrganization', [
                { path: 'organizationId', message: 'field.required' },
              ])
            : forbidden('conversation.organizationFirst');
        }
        if (body.organizationId && body.organizationId !== orgId)
          throw forbidden('conversation.ownOrganization');
        const org = await findOrganization(orgId);
        if (!policy.canOpenBase(user, org)) throw forbidden('conversation.organizationAndOperators');
        return openByKey(`base:${org._id}:${org.baseId}`, {
          kind: 'base',
          organizationIds: [org._id],
          baseId: org.baseId,
        });
      }
      const [own, other] = await Promise.all([
        user.organizationId
          ? OrganizationModel.findById(user.organizationId).lean<OrganizationRecord>()
          : null,
        findOrganization(body.organizationId),
      ]);
      if (!policy.canOpenDirect(user, own, other)) throw forbidden('conversation.directVerified');
      const pair = [String(own!._id), String(other._id)].sort();
      return openByKey(`direct:${pair[0]}:${pair[1]}`, { kind: 'direct', organizationIds: toIds(pair) });
    },

    /**
     * The conversation of a match, made once per match (the matching module calls this when a match is proposed).
     * Calling again with more members adds them.
     */
    async openMatchConversation(input: OpenMatchConversationInput): Promise<ConversationRecord> {
      const memberUserIds = toIds(input.memberUserIds);
      const organizationIds = toIds(input.organizationIds ?? []);
      const key = `match:${input.matchId}`;
      const { conversation, created } = await openByKey(key, {
        kind: 'match',
        matchId: new Types.ObjectId(input.matchId),
        memberUserIds,
        organizationIds,
      });
      if (created) return conversation;
      const has = (list: unknown[] | undefined, id: Types.ObjectId) =>
        list?.some((x) => String(x) === String(id));
      const newUsers = memberUserIds.filter((id) => !has(conversation.memberUserIds, id));
      const newOrgs = organizationIds.filter((id) => !has(conversation.organizationIds, id));
      if (!newUsers.length && !newOrgs.length) return conversation;
      const updated = await ConversationModel.findOneAndUpdate(
        { key },
        { $addToSet: { memberUserIds: { $each: newUsers }, organizationIds: { $each: newOrgs } } },
        { returnDocument: 'after' },
      ).lean<ConversationRecord>();
      opened(updated!);
      return updated!;
    },
  };
}

/** For the matching module: opens (once per match) the conversation between the match's sides. */
export function openMatchConversation(ctx: AppContext, input: OpenMatchConversationInput) {
  return conversationOpening(ctx).openMatchConversation(input);
}

/**
 * The conversation of a match opened inside the caller's transaction (an acceptance), in one upsert by its key:
 * made with the match's sides, or given those it lacks. Answers its id and whether it was made or gained members;
 * `announceOpened` tells of it once the transaction has committed.
 */
export async function openMatchConversationIn(
  session: ClientSession,
  input: OpenMatchConversationInput,
): Promise<{ conversationId: Types.ObjectId; changed: boolean }> {
  const memberUserIds = toIds(input.memberUserIds);
  const organizationIds = toIds(input.organizationIds ?? []);
  const made = new Types.ObjectId();
  const before = await ConversationModel.findOneAndUpdate(
    { key: `match:${input.matchId}` },
    {
      $setOnInsert: { _id: made, kind: 'match', matchId: new Types.ObjectId(input.matchId) },
      $addToSet: { memberUserIds: { $each: memberUserIds }, organizationIds: { $each: organizationIds } },
    },
    { upsert: true, returnDocument: 'before', session },
  ).lean<ConversationRecord>();
  if (!before) return { conversationId: made, changed: true };
  const has = (list: unknown[] | undefined, id: Types.ObjectId) => list?.some((x) => String(x) === String(id));
  const changed =
    memberUserIds.some((id) => !has(before.memberUserIds, id)) ||
    organizationIds.some((id) => !has(before.organizationIds, id));
  return { conversationId: before._id, changed };
}

/** After the commit of `openMatchConversationIn`: its conversation forgotten here and told of to the members. */
export function announceOpened(ctx: AppContext, conversationId: Types.ObjectId): void {
  forgetConversation(String(conversationId));
  ctx.events.emit('conversation.opened', { conversationId: String(conversationId) });
}
