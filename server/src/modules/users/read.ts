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

/**
 * Users by id as read for requests (names beside conversations): those read in the last moments from memory, the
 * others in one query, then kept. An unknown id is missing from the map. Shared between requests: read only.
 */
export async function recentUsersById(ids: readonly string[]): Promise<Map<string, Readonly<UserRecord>>> {
  const found = new Map<string, Readonly<UserRecord>>();
  const missing: string[] = [];
  const now = Date.now();
  for (const id of new Set(ids)) {
    const hit = recentUsers.peek(id, now);
    if (hit) found.set(id, hit);
    else missing.push(id);
  }
  if (!missing.length) return found;
  const began = recentUsers.beginRead();
  for (const user of await UserModel.find({ _id: trusted({ $in: missing }) }).lean<UserRecord[]>()) {
    const id = String(user._id);
    recentUsers.keep(id, user, began);
    found.set(id, user);
  }
  return found;
}

/** Users' names by id, from the recent reads where there (`recentUsersById`); an unknown id is missing. */
export async function userNames(ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const [id, user] of await recentUsersById(ids)) names.set(id, user.name);
  return names;
}
