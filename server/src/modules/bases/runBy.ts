import type { UserRecord } from '../users/model.js';
import { BaseModel, type BaseRecord } from './model.js';

/** The part of a base that decides which organizations its operators look after. */
export type BaseArea = Pick<BaseRecord, '_id' | 'level' | 'district' | 'street'>;

/** The base an operator runs, or null for anyone else (and for an operator whose base is gone). */
export async function baseRunBy(user: UserRecord | undefined): Promise<BaseArea | null> {
  if (user?.role !== 'operator' || !user.baseId) return null;
  return BaseModel.findById(user.baseId).select({ level: 1, district: 1, street: 1 }).lean<BaseArea>();
}
