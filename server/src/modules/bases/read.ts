import { fieldById } from '../../lib/ids.js';
import { BaseModel } from './model.js';

/*
 * What other modules (the audit log) may ask about bases by id. They import these, never the model.
 */

/** Each base's name, by id; an unknown id is missing from the map. */
export const baseNames = (ids: readonly string[]) => fieldById(BaseModel, ids, 'name');
