/**
 * "The database is unchanged": a fingerprint of every collection's content, and a cheap watcher that says whether a
 * call issued any write at all, so that the fingerprint is taken only when it could have changed.
 */
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { BSON } from 'mongodb';

const WRITE_METHODS = new Set([
  'insertOne',
  'insertMany',
  'updateOne',
  'updateMany',
  'replaceOne',
  'deleteOne',
  'deleteMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'bulkWrite',
]);

/**
 * Not the application's data: sessions change with every sign-in; background jobs take leases and drain the search
 * outbox on their own schedule, whatever the calls are doing (queued emails are compared below, less delivery).
 */
const IGNORED_COLLECTIONS = new Set(['sessions', 'leases', 'searchoutboxes']);

/**
 * Writes a refused call may make on purpose: a failed login counts against the account (lockout) and is audited.
 * Everything else a refused call writes is a defect.
 */
function normalize(collection: string, doc: Record<string, unknown>): Record<string, unknown> | undefined {
  if (collection === 'users') {
    const { failedLogins: _f, lockedUntil: _l, updatedAt: _u, ...rest } = doc;
    return rest;
  }
  if (collection === 'auditevents' && doc.type === 'auth.loginFailed') return undefined;
  // The email job delivers queued emails every few seconds, whatever call is running: its claims and delivery
  // marks are not the call's. A refused call that queues an email still shows.
  if (collection === 'emailoutboxes') {
    const {
      status: _s,
      claimedUntil: _c,
      claim: _k,
      attempts: _a,
      sentAt: _t,
      lastError: _e,
      updatedAt: _u,
      ...rest
    } = doc;
    return rest;
  }
  return doc;
}

/** Counts the writes mongoose sends (all application writes go through it; sessions do not and are ignored). */
export function watchWrites() {
  const seen: string[] = [];
  const listener = (op: { collectionName: string; method: string }) => {
    if (WRITE_METHODS.has(op.method) && !IGNORED_COLLECTIONS.has(op.collectionName)) {
      seen.push(`${op.collectionName}.${op.method}`);
    }
  };
  mongoose.connection.on('operation-start', listener);
  return {
    /** The writes seen since the last call, then forgets them. */
    take(): string[] {
      return seen.splice(0, seen.length);
    },
    stop: () => void mongoose.connection.off('operation-start', listener),
  };
}

export type Fingerprint = Record<string, string>;

/** A hash of each collection's documents (in _id order), less the allowed writes of refused calls. */
export async function fingerprint(): Promise<Fingerprint> {
  const db = mongoose.connection.db!;
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((name) => !IGNORED_COLLECTIONS.has(name))
    .sort();
  const out: Fingerprint = {};
  for (const name of names) {
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    const hash = createHash('sha1');
    let count = 0;
    for (const doc of docs) {
      const kept = normalize(name, doc as Record<string, unknown>);
      if (!kept) continue;
      count += 1;
      hash.update(BSON.EJSON.stringify(kept, { relaxed: false }));
    }
    out[name] = `${count}:${hash.digest('hex').slice(0, 12)}`;
  }
  return out;
}

/** The collections whose fingerprint differs, with before and after. */
export function differences(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((name) => before[name] !== after[name])
    .map((name) => `${name}: ${before[name] ?? 'none'} -> ${after[name] ?? 'none'}`);
}
