import { trusted } from 'mongoose';
import mongoose, { Schema, type ClientSession, type Types } from 'mongoose';

const outboxSchema = new Schema(
  {
    /** The listing whose current state the index must take on. */
    listingId: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, default: () => new Date() },
    /** A worker's claim; an entry whose claim has lapsed is taken again. */
    claimedUntil: { type: Date, default: () => new Date(0) },
    attempts: { type: Number, default: 0 },
  },
  { versionKey: false, strict: 'throw' },
);
outboxSchema.index({ claimedUntil: 1 });

export const SearchOutboxModel = mongoose.model('SearchOutbox', outboxSchema);

/** Records that a listing changed, in the same transaction as the change itself. */
export async function recordListingChange(
  listingId: Types.ObjectId | string,
  session?: ClientSession,
): Promise<void> {
  await SearchOutboxModel.create([{ listingId }], { session });
}

export interface OutboxEntry {
  _id: Types.ObjectId;
  listingId: Types.ObjectId;
  attempts: number;
}

/** Claims up to `limit` entries for `claimMs`; a crashed worker's claims lapse and are taken again. */
export async function claimOutboxEntries(limit: number, claimMs: number): Promise<OutboxEntry[]> {
  const now = new Date();
  const candidates = await SearchOutboxModel.find({ claimedUntil: trusted({ $lte: now }) })
    .sort({ _id: 1 })
    .limit(limit)
    .select({ _id: 1 })
    .lean<{ _id: Types.ObjectId }[]>();
  if (!candidates.length) return [];
  const until = new Date(now.getTime() + claimMs);
  const ids = candidates.map((c) => c._id);
  // Only entries still unclaimed are taken, so two workers never hold one entry.
  await SearchOutboxModel.updateMany(
    { _id: trusted({ $in: ids }), claimedUntil: trusted({ $lte: now }) },
    { $set: { claimedUntil: until }, $inc: { attempts: 1 } },
  );
  return SearchOutboxModel.find({ _id: trusted({ $in: ids }), claimedUntil: until }).lean<OutboxEntry[]>();
}

export async function completeOutboxEntries(ids: readonly Types.ObjectId[]): Promise<void> {
  if (ids.length) await SearchOutboxModel.deleteMany({ _id: trusted({ $in: ids }) });
}

export const pendingOutboxCount = () => SearchOutboxModel.countDocuments();

/** When the oldest change still waiting in the outbox was recorded. */
export async function oldestOutboxEntryAt(): Promise<Date | undefined> {
  const oldest = await SearchOutboxModel.findOne()
    .sort({ _id: 1 })
    .select({ createdAt: 1 })
    .lean<{ createdAt: Date }>();
  return oldest?.createdAt;
}
