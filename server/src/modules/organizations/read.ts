import { fieldById } from '../../lib/ids.js';
import { OrganizationModel } from './model.js';

/*
 * What other modules (the audit log) may ask about organizations by id. They import these, never the model.
 */

/** Each organization's name, by id; an unknown id is missing from the map. */
export const organizationNames = (ids: readonly string[]) => fieldById(OrganizationModel, ids, 'name');
