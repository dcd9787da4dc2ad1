import { trusted } from 'mongoose';
import type { AppContext } from '../context.js';
import { ListingModel } from '../modules/listings/model.js';
import '../modules/listings/events.js';
import '../modules/organizations/events.js';
import { recordListingChange } from './outbox.js';
import type { SearchIndexer } from './indexer.js';

/**
 * Keeps the index in step with the database: a changed listing kicks the outbox worker; a renamed or
 * (un)verified organization re-indexes its open listings, whose documents carry its name and badge.
 */
export function subscribeSearchIndexing(ctx: AppContext, indexer: SearchIndexer): void {
  ctx.events.on('listing.changed', () => indexer.kick(), { awaitedByWriter: true });
  const reindexOrganization = async ({ organizationId }: { organizationId: string }) => {
    const listings = await ListingModel.find({ organizationId, status: trusted({ $in: ['open'] }) })
      .select({ _id: 1 })
      .lean();
    for (const { _id } of listings) await recordListingChange(_id);
    await indexer.kick();
  };
  ctx.events.on('organization.updated', reindexOrganization);
  ctx.events.on('organization.verificationDecided', reindexOrganization);
}
