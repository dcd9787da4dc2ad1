import { trusted } from 'mongoose';
import type { AppContext } from '../context.js';
import { ListingModel } from '../modules/listings/model.js';
import { committedListing } from '../modules/listings/events.js';
import '../modules/organizations/events.js';
import type { SearchIndexer } from './indexer.js';

/**
 * Keeps the index in step with the database. A changed listing (delivered by the domain-event outbox) is applied
 * before its writer answers (read-your-writes, at most 2 s); a renamed or (un)verified organization re-indexes its
 * open listings, whose documents carry its name and badge.
 */
export function subscribeSearchIndexing(ctx: AppContext, indexer: SearchIndexer): void {
  ctx.events.on('listing.changed', (change) => indexer.apply([change.listingId], committedListing(change)), {
    awaitedByWriter: true,
  });
  const reindexOrganization = async ({ organizationId }: { organizationId: string }) => {
    const listings = await ListingModel.find({ organizationId, status: trusted({ $in: ['open'] }) })
      .select({ _id: 1 })
      .lean();
    await indexer.apply(listings.map(({ _id }) => String(_id)));
  };
  ctx.events.on('organization.updated', reindexOrganization);
  ctx.events.on('organization.verificationDecided', reindexOrganization);
}
