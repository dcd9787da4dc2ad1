/**
 * Listings the search contract suite indexes into every adapter. Written the way residents, organizations and
 * funders write: the words differ from the words people search with (残障人士 vs 残疾人), which is the point.
 * The listings themselves are in contractFixtures/, one file a group.
 */
import { edgeCases } from './contractFixtures/edgeCases.js';
import { funding } from './contractFixtures/funding.js';
import { services } from './contractFixtures/services.js';
import { venues } from './contractFixtures/venues.js';
import type { Listing } from '@app/shared';
import type { SearchDocument } from './port.js';

export { compoundWordCases } from './contractFixtures/compoundWords.js';

/** A fixed day, so createdAt order is known: listing n was created n hours after it. */
const T0 = Date.UTC(2025, 2, 1, 0, 0, 0);
const at = (hours: number) => T0 + hours * 3_600_000;

/** The fixtures as the index receives them, in the order they were created. */
export const fixtureDocuments: SearchDocument[] = [...services, ...venues, ...funding, ...edgeCases]
  .sort((a, b) => a.hour - b.hour)
  .map(({ hour, ...f }) => ({
    ...f,
    status: f.status ?? 'open',
    verified: f.verified ?? false,
    createdAt: at(hour),
  }));

export const fixtureById = (id: string): SearchDocument => {
  const doc = fixtureDocuments.find((d) => d.id === id);
  if (!doc) throw new Error(`no fixture ${id}`);
  return doc;
};

/** The listing a document may store for its hits to hand back: the document's fields, and these. */
export const storedListing = (
  doc: SearchDocument,
  fields: Pick<Listing, 'ownerId' | 'verified'> & Partial<Listing>,
) =>
  ({
    id: doc.id,
    side: doc.side,
    kind: doc.kind,
    title: doc.title,
    description: doc.description,
    domains: doc.domains,
    district: doc.district,
    status: 'open',
    createdAt: '2026-11-03T02:00:00.000Z',
    updatedAt: '2026-11-04T03:00:00.000Z',
    ...fields,
  }) satisfies Listing;
