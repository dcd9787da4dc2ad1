import { ConversationModel, MessageModel, type ConversationRecord, type MessageRecord } from './model.js';
import { isDuplicateKey } from './service.js';

/** Consecutive taken seqs before the last one is looked up instead of counting on. */
const PROBES_BEFORE_LOOKUP = 4;
const MAX_ATTEMPTS = 100;

const conflictOn = (err: unknown, field: string) =>
  isDuplicateKey(err) && Object.hasOwn((err as { keyPattern?: object }).keyPattern ?? {}, field);

/** One conversation's queue of sends in this process, and the last seq it stored. */
interface Lane {
  tail: Promise<void>;
  lastSeq: number;
  waiting: number;
}
const lanes = new Map<string, Lane>();

/** Runs `work` after every earlier send of the same conversation in this process has stored its message. */
async function inLane<T>(conversationId: string, work: (lane: Lane) => Promise<T>): Promise<T> {
  let lane = lanes.get(conversationId);
  if (!lane) lanes.set(conversationId, (lane = { tail: Promise.resolve(), lastSeq: 0, waiting: 0 }));
  lane.waiting++;
  const previous = lane.tail;
  let release!: () => void;
  lane.tail = new Promise((resolve) => (release = resolve));
  try {
    await previous;
    return await work(lane);
  } finally {
    release();
    if (--lane.waiting === 0) lanes.delete(conversationId);
  }
}

/** Inserts at the first free seq from `seq` on; null when this sender's clientId is already stored. */
async function insertFrom(
  seq: number,
  fields: Pick<MessageRecord, 'conversationId' | 'senderId' | 'clientId' | 'body'>,
): Promise<MessageRecord | null> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    try {
      return (await MessageModel.create({ ...fields, seq })).toObject() as MessageRecord;
    } catch (err) {
      if (conflictOn(err, 'clientId')) return null;
      if (!conflictOn(err, 'seq')) throw err;
      if (attempt % PROBES_BEFORE_LOOKUP === 0) {
        const last = await MessageModel.findOne({ conversationId: fields.conversationId })
          .sort({ seq: -1 })
          .select({ seq: 1 })
          .lean<{ seq: number }>();
        seq = Math.max(seq, last?.seq ?? 0) + 1;
      } else seq++;
    }
  }
  throw new Error(
    `no free seq in conversation ${String(fields.conversationId)} after ${MAX_ATTEMPTS} attempts`,
  );
}

/**
 * Stores a message at the next seq of its conversation, or returns null when this sender's clientId is already
 * stored. The unique index on (conversationId, seq) decides: a seq is only tried once every earlier one is
 * taken, and a taken seq means that message is already visible, so a reader never sees seq n+1 before seq n,
 * and seqs have no gaps. No lock is held across calls: a process killed mid-send leaves at worst the
 * conversation's `lastSeq` hint behind, which costs the next sender a retry.
 *
 * Within a process, sends to one conversation queue up (each insert waits for the previous one), so they never
 * contend for a seq; sends through other processes at the same moment cost a retry each.
 */
export async function storeMessage(
  conversation: ConversationRecord,
  fields: Pick<MessageRecord, 'conversationId' | 'senderId' | 'clientId' | 'body'>,
): Promise<MessageRecord | null> {
  return inLane(String(conversation._id), async (lane) => {
    const message = await insertFrom(Math.max(lane.lastSeq, conversation.lastSeq ?? 0) + 1, fields);
    if (message) lane.lastSeq = message.seq;
    return message;
  });
}

/** Moves the conversation's `lastSeq` hint and activity time forward to a stored message (never back). */
export async function advanceHint(conversation: ConversationRecord, message: MessageRecord): Promise<void> {
  await ConversationModel.updateOne(
    { _id: conversation._id },
    { $max: { lastSeq: message.seq, lastMessageAt: message.createdAt } },
  );
}
