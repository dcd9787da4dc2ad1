import { Types } from 'mongoose';
import { ConversationModel, MessageModel, type ConversationRecord, type MessageRecord } from './model.js';
import { isDuplicateKey } from '../../lib/duplicateKey.js';

/** Consecutive taken seqs before the last stored one is looked up among the messages. */
const PROBES_BEFORE_LOOKUP = 4;
const MAX_ATTEMPTS = 100;
const MAX_KNOWN = 10_000;

type MessageFields = Pick<MessageRecord, 'conversationId' | 'senderId' | 'clientId' | 'body'>;

const conflictOn = (err: unknown, field: string) =>
  isDuplicateKey(err) && Object.hasOwn((err as { keyPattern?: object }).keyPattern ?? {}, field);

/** The highest seq this process has stored or seen taken, per conversation. */
const known = new Map<string, number>();
function remember(conversationId: string, seq: number): void {
  if ((known.get(conversationId) ?? 0) >= seq) return;
  if (known.size >= MAX_KNOWN && !known.has(conversationId)) known.delete(known.keys().next().value!);
  known.set(conversationId, seq);
}

/** One conversation's queue of sends in this process. */
const lanes = new Map<string, { tail: Promise<void>; waiting: number }>();

/** Runs `work` after every earlier send of the same conversation in this process has stored its message. */
async function inLane<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
  let lane = lanes.get(conversationId);
  if (!lane) lanes.set(conversationId, (lane = { tail: Promise.resolve(), waiting: 0 }));
  lane.waiting++;
  const previous = lane.tail;
  let release!: () => void;
  lane.tail = new Promise((resolve) => (release = resolve));
  try {
    await previous;
    return await work();
  } finally {
    release();
    if (--lane.waiting === 0) lanes.delete(conversationId);
  }
}

/** Where to try next after `seq` was taken: the conversation's hint first, then one by one, then a lookup. */
async function nextAfterConflict(
  conversationId: MessageFields['conversationId'],
  seq: number,
  attempt: number,
) {
  if (attempt === 1) {
    const fresh = await ConversationModel.findById(conversationId)
      .select({ lastSeq: 1 })
      .lean<{ lastSeq?: number }>();
    return Math.max(seq, fresh?.lastSeq ?? 0) + 1;
  }
  if (attempt % PROBES_BEFORE_LOOKUP === 0) {
    const last = await MessageModel.findOne({ conversationId }).sort({ seq: -1 }).select({ seq: 1 }).lean<{
      seq: number;
    }>();
    return Math.max(seq, last?.seq ?? 0) + 1;
  }
  return seq + 1;
}

/**
 * Inserts at the first free seq from `seq` on; null when this sender's clientId is already stored. Through the
 * driver: the fields are the schema's, already typed (ids as ObjectIds, a body the shared schema checked), so a
 * mongoose document would only be built to be thrown away.
 */
async function insertFrom(seq: number, fields: MessageFields): Promise<MessageRecord | null> {
  const id = String(fields.conversationId);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    try {
      const message: MessageRecord = { _id: new Types.ObjectId(), ...fields, seq, createdAt: new Date() };
      await MessageModel.collection.insertOne(message);
      remember(id, seq);
      return message;
    } catch (err) {
      if (conflictOn(err, 'clientId')) return null;
      if (!conflictOn(err, 'seq')) throw err;
      remember(id, seq);
      seq = await nextAfterConflict(fields.conversationId, seq, attempt);
    }
  }
  throw new Error(`no free seq in conversation ${id} after ${MAX_ATTEMPTS} attempts`);
}

/**
 * Stores a message at the next seq of its conversation, or returns null when this sender's clientId is already
 * stored. The unique index on (conversationId, seq) decides: a seq is only tried once every earlier one is
 * taken, and a taken seq means that message is already visible, so a reader never sees seq n+1 before seq n,
 * and seqs have no gaps. No lock is held across calls: a process killed mid-send leaves at worst the
 * conversation's `lastSeq` hint behind, which costs the next sender a retry.
 *
 * Within a process, sends to one conversation queue up (each insert waits for the previous one) and start from
 * the last seq this process stored, so they never contend; a send through another process in between costs a
 * retry.
 */
export function storeMessage(
  conversation: ConversationRecord,
  fields: MessageFields,
): Promise<MessageRecord | null> {
  const id = String(conversation._id);
  return inLane(id, () => insertFrom(Math.max(known.get(id) ?? 0, conversation.lastSeq ?? 0) + 1, fields));
}

/** Hint updates in flight per conversation, and the highest message waiting for the next one. */
const hints = new Map<string, { running: Promise<void>; next?: MessageRecord }>();

/**
 * Moves the conversation's `lastSeq` hint and activity time forward to a stored message (never back). While one
 * update of a conversation runs, later ones fold into a single follow-up, so a busy conversation costs one
 * write at a time.
 */
export function advanceHint(conversation: ConversationRecord, message: MessageRecord): Promise<void> {
  const id = String(conversation._id);
  const pending = hints.get(id);
  if (pending) {
    if (!pending.next || pending.next.seq < message.seq) pending.next = message;
    return pending.running;
  }
  const entry: { running: Promise<void>; next?: MessageRecord } = { running: Promise.resolve() };
  hints.set(id, entry);
  entry.running = (async () => {
    let target: MessageRecord | undefined = message;
    try {
      while (target) {
        entry.next = undefined;
        // Through the driver, with the `updatedAt` mongoose's timestamps would add.
        await ConversationModel.collection.updateOne(
          { _id: conversation._id },
          { $max: { lastSeq: target.seq, lastMessageAt: target.createdAt }, $set: { updatedAt: new Date() } },
        );
        target = entry.next;
      }
    } finally {
      hints.delete(id);
    }
  })();
  return entry.running;
}
