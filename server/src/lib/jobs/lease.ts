import { trusted } from 'mongoose';
import { randomUUID } from 'node:crypto';
import mongoose, { Schema } from 'mongoose';
import { isDuplicateKey } from '../duplicateKey.js';

const leaseSchema = new Schema(
  {
    _id: { type: String },
    owner: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw' },
);
const LeaseModel = mongoose.model('Lease', leaseSchema);

/** This process's name in leases. */
export const PROCESS_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;

/**
 * Takes or renews the named lease for `ttlMs`; false when another process holds it. Jobs take a lease before each
 * run, so two server processes never run the same job at once.
 */
export async function acquireLease(name: string, ttlMs: number, owner = PROCESS_ID): Promise<boolean> {
  const now = new Date();
  try {
    const lease = await LeaseModel.findOneAndUpdate(
      { _id: name, $or: [{ expiresAt: trusted({ $lte: now }) }, { owner }] },
      { $set: { owner, expiresAt: new Date(now.getTime() + ttlMs) } },
      { upsert: true, returnDocument: 'after' },
    ).lean<{ owner: string }>();
    return lease?.owner === owner;
  } catch (err) {
    // The upsert collided with a live lease of another process.
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

export async function releaseLease(name: string, owner = PROCESS_ID): Promise<void> {
  await LeaseModel.deleteOne({ _id: name, owner });
}
