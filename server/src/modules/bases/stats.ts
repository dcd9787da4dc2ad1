import { Types } from 'mongoose';
import { BaseModel } from './model.js';

/*
 * The bases' read function for the statistics module: it never touches BaseModel itself.
 */

export interface BaseSummary {
  _id: Types.ObjectId;
  name: string;
  district: string;
}

/** The bases in a district, one base, or every base (by name). */
export async function basesIn(scope: { district?: string; baseId?: string }): Promise<BaseSummary[]> {
  const rows = await BaseModel.aggregate<BaseSummary>([
    {
      $match: {
        ...(scope.district ? { district: scope.district } : {}),
        ...(scope.baseId ? { _id: new Types.ObjectId(scope.baseId) } : {}),
      },
    },
    { $project: { name: 1, district: 1 } },
    { $sort: { name: 1 } },
  ]);
  return rows;
}
