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
