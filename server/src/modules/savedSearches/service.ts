import { trusted } from 'mongoose';
import { SAVED_SEARCHES_MAX, type CreateSavedSearchBody } from '@app/shared';
import type { AppContext } from '../../context.js';
import { conflict, notFound } from '../../lib/errors.js';
import { ListingModel, type ListingRecord } from '../listings/model.js';
import { notificationService } from '../notifications/service.js';
import type { UserRecord } from '../users/model.js';
import { matchesSavedSearch } from './matcher.js';
import { SavedSearchModel, type SavedSearchRecord } from './model.js';
import { committedListing } from '../listings/events.js';

/** A name for a search saved without one: its words, else its filters. */
function defaultName(body: CreateSavedSearchBody): string {
  const parts = [body.q, body.side, ...(body.kind ?? []), ...(body.domain ?? [])].filter(Boolean);
  return (parts.join(' ') || '保存的搜索').slice(0, 60);
}

export function savedSearchService(ctx: AppContext) {
  const notifications = notificationService(ctx);

  return {
    async create(user: UserRecord, body: CreateSavedSearchBody): Promise<SavedSearchRecord> {
      if ((await SavedSearchModel.countDocuments({ userId: user._id })) >= SAVED_SEARCHES_MAX)
        throw conflict('savedSearch.max', { max: SAVED_SEARCHES_MAX });
      const created = await SavedSearchModel.create({
        ...body,
        name: body.name ?? defaultName(body),
        userId: user._id,
      });
      return created.toObject() as SavedSearchRecord;
    },

    list: (user: UserRecord) =>
      SavedSearchModel.find({ userId: user._id }).sort({ _id: -1 }).lean<SavedSearchRecord[]>(),

    /** Deletes one of the user's searches; another user's id is not found. */
    async remove(user: UserRecord, id: string): Promise<void> {
      const result = await SavedSearchModel.deleteOne({ _id: id, userId: user._id });
      if (result.deletedCount !== 1) throw notFound('Saved search');
    },

    /**
     * Tells the owner of every saved search a new open listing answers (never the listing's own author). The
     * side filter narrows in the database; the rest is checked here, one batch at a time.
     */
    async notifyMatches(listingId: string, posted?: ListingRecord): Promise<number> {
      // As its writer committed it when handed over (the listing as it was posted), else read now.
      const listing = posted ?? (await ListingModel.findById(listingId).lean<ListingRecord>());
      if (!listing || listing.status !== 'open') return 0;
      const cursor = SavedSearchModel.find({
        userId: trusted({ $ne: listing.ownerId }),
        side: trusted({ $in: [listing.side, null] }),
      })
        .lean<SavedSearchRecord[]>()
        .cursor({ batchSize: 500 });
      let told = 0;
      const notified = new Set<string>();
      for await (const search of cursor as AsyncIterable<SavedSearchRecord>) {
        const owner = String(search.userId);
        if (notified.has(owner) || !matchesSavedSearch(search, listing)) continue;
        notified.add(owner);
        await notifications.notify(search.userId, {
          type: 'savedSearch.matched',
          title: `有新发布的信息符合您保存的搜索“${search.name}”`,
          body: listing.title,
          link: `/listings/${listing._id}`,
          data: {
            listingId: String(listing._id),
            savedSearchId: String(search._id),
            savedSearchName: search.name,
          },
        });
        await SavedSearchModel.updateOne({ _id: search._id }, { $set: { lastNotifiedAt: new Date() } });
        told++;
      }
      return told;
    },
  };
}

/** A newly created listing is checked against every saved search. */
export function subscribeSavedSearches(ctx: AppContext): void {
  const service = savedSearchService(ctx);
  ctx.events.on('listing.changed', async (changed) => {
    if (changed.change === 'created') await service.notifyMatches(changed.listingId, committedListing(changed));
  });
}
