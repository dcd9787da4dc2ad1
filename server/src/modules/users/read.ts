import { trusted } from 'mongoose';
import { UserModel, type UserRecord } from './model.js';
import { recentUsers } from './recentUsers.js';

/** A user as read for a request: from the recent reads when there, else from the database (and kept). */
export async function recentUser(id: string): Promise<UserRecord | null> {
  const hit = recentUsers.peek(id);
  // A copy: a request may set fields on its user without reaching the next request's.
  if (hit) return { ...hit };
  const began = recentUsers.beginRead();
  const user = await UserModel.findById(id).lean<UserRecord>();
  if (!user) return null;
  recentUsers.keep(id, user, began);
  return { ...user };
}

/** Users' names by id, from the recent reads where there, the others in one query (an unknown id is missing). */
export async function userNames(ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const hit = recentUsers.peek(id);
    if (hit) names.set(id, hit.name);
    else missing.push(id);
  }
  if (!missing.length) return names;
  const read = await UserModel.find({ _id: trusted({ $in: missing }) })
    .select({ name: 1 })
    .lean<{ _id: unknown; name: string }[]>();
  for (const u of read) names.set(String(u._id), u.name);
  return names;
}
