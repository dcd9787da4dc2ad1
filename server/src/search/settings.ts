import type { IndexSettings } from './port.js';
import { stopWords } from '../lib/text/stopWords.js';
import { synonymGroups } from '../lib/text/synonyms.js';

export { stopWords };

/** The listing index: the title weighs most, then the kind and domain labels, then places and the organization. */
export const listingIndexSettings: IndexSettings = {
  searchable: [
    { field: 'title', boost: 4 },
    { field: 'labels', boost: 2.5 },
    { field: 'places', boost: 2 },
    { field: 'organizationName', boost: 1.5 },
    { field: 'description', boost: 1 },
  ],
  synonyms: synonymGroups,
  stopWords,
};
