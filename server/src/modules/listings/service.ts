import { Types, trusted, type ClientSession } from 'mongoose';
import type { CreateListingBody, UpdateListingBody } from '@app/shared';
import type { AppContext } from '../../context.js';
import { conflict, forbidden, notFound } from '../../lib/errors.js';
import { writeWithEvents } from '../../lib/outbox.js';
import { baseRunBy } from '../bases/runBy.js';
import { organizationFacts } from '../organizations/read.js';
import type { StaffPlace } from '../organizations/policy.js';
import type { UserRecord } from '../users/model.js';
import { ListingModel, type ListingRecord } from './model.js';
import { listingPolicy as policy } from './policy.js';
import { withCommittedListing } from './events.js';

/** What the statistics read of a listing for its matches' figures (`listing.changed`'s `factsChanged`). */
const FACT_FIELDS = ['side', 'kind', 'district', 'domains', 'amount'];

const toDates = <T extends { startsAt?: string | null; endsAt?: string | null }>(body: T) => ({
  ...body,
  ...(body.startsAt ? { startsAt: new Date(body.startsAt) } : {}),
  ...(body.endsAt ? { endsAt: new Date(body.endsAt) } : {}),
});

/**
 * Stores a new listing, cast, defaulted, validated and timestamped by its schema as `create` would, but through
 * `insertMany`, which skips `save`'s machinery (its hooks and the transaction's tracking of saved documents).
 */
async function insertListing(fields: object, session: ClientSession): Promise<ListingRecord> {
  const [created] = await ListingModel.insertMany([fields], { session });
  return created!.toObject() as ListingRecord;
}

/**
 * Applies an edit to an open listing whose accepted matches have taken `used`, and answers the listing after it
 * (null if it is no longer so). The command mongoose's `findOneAndUpdate` would send (the schema's `updatedAt` in
 * `$set`, no empty `$unset`), sent straight to the driver: the values come from the update body's schema, typed
 * as stored (dates made by `toDates`), with nothing for mongoose's casting of the update to change but its cost.
 */
async function editListing(
  id: string,
  used: number,
  $set: Record<string, unknown>,
  $unset: Record<string, 1>,
  session: ClientSession,
): Promise<ListingRecord | null> {
  const update = {
    $set: { ...$set, updatedAt: new Date() },
    ...(Object.keys($unset).length ? { $unset } : {}),
  };
  return (await ListingModel.collection.findOneAndUpdate(
    { _id: new Types.ObjectId(id), status: 'open', capacityUsed: used },
    update,
    { returnDocument: 'after', session },
  )) as ListingRecord | null;
}

export async function findListing(id: string): Promise<ListingRecord> {
  // Straight to the driver: the routes' schema has checked the id (24 hex characters), and a mongoose query would
  // only cast it, at a cost on every read and edit.
  const listing = Types.ObjectId.isValid(id)
    ? ((await ListingModel.collection.findOne({ _id: new Types.ObjectId(id) })) as ListingRecord | null)
    : null;
  if (!listing) throw notFound('Listing');
  return listing;
}

/**
 * The listing if the user may read it (listingPolicy.canRead), else not found: a listing one may not read does not
 * exist. The operator's base and the listing's organization are loaded only when they decide it.
 */
export async function findReadableListing(user: UserRecord | undefined, id: string): Promise<ListingRecord> {
  const listing = await findListing(id);
  if (policy.canRead(user, listing)) return listing;
  const base = await baseRunBy(user);
  const org: StaffPlace | null =
    base && listing.organizationId
      ? ((await organizationFacts([listing.organizationId])).get(String(listing.organizationId)) ?? null)
      : null;
  if (!base || !policy.canRead(user, listing, { base, org })) throw notFound('Listing');
  return listing;
}

export function listingService(ctx: AppContext) {
  /**
   * Applies a change and records it as one `listing.changed` event in the outbox, in one transaction; then
   * delivers the event to its subscribers (search index, saved searches).
   */
  async function write(
    change: ListingChange,
    fn: (session: ClientSession) => Promise<ListingRecord | null>,
    factsChanged = change !== 'closed' && change !== 'expired',
  ) {
    // Answered once the search index shows the change: whoever posted or closed a listing finds it so at once.
    return writeWithEvents(ctx.events, async (session, record) => {
      const result = await fn(session);
      if (result)
        await record(
          'listing.changed',
          withCommittedListing({ listingId: String(result._id), change, factsChanged }, result),
        );
      return result;
    });
  }

  return {
    async create(user: UserRecord, body: CreateListingBody): Promise<ListingRecord> {
      if (!policy.canPost(user, body.side)) {
        throw forbidden(
          user.role === 'organization' || user.role === 'funder'
            ? 'listing.createOrganizationFirst'
            : 'listing.sideNotAllowed',
        );
      }
      const created = await write('created', (session) =>
        insertListing(
          {
            ...toDates(body),
            ownerId: user._id,
            ...(user.organizationId ? { organizationId: user.organizationId } : {}),
          },
          session,
        ),
      );
      return created!;
    },

    /**
     * Posts a listing for an organization on a staff account's behalf (the spreadsheet import): the same write as
     * create, so the listing gets the same defaults and reaches search the same way; the import checks the rights.
     */
    async createForOrganization(
      actor: UserRecord,
      body: CreateListingBody,
      organizationId: Types.ObjectId,
    ): Promise<ListingRecord> {
      const created = await write('created', (session) =>
        insertListing({ ...toDates(body), ownerId: actor._id, organizationId }, session),
      );
      return created!;
    },

    async update(user: UserRecord, id: string, body: UpdateListingBody): Promise<ListingRecord> {
      const listing = await findListing(id);
      if (!policy.canEdit(user, listing)) throw forbidden('listing.ownerEdits');
      if (listing.status !== 'open') throw conflict('listing.notEditable', { status: listing.status });
      if (body.eligibility && listing.side === 'need') throw conflict('listing.eligibilityOnOffers');
      const $set: Record<string, unknown> = {};
      const $unset: Record<string, 1> = {};
      for (const [key, value] of Object.entries(toDates(body))) {
        if (value === null) $unset[key] = 1;
        else if (value !== undefined) $set[key] = value;
      }
      const start = ($set.startsAt as Date | undefined) ?? ($unset.startsAt ? undefined : listing.startsAt);
      const end = ($set.endsAt as Date | undefined) ?? ($unset.endsAt ? undefined : listing.endsAt);
      if (start && end && start > end) throw conflict('listing.endBeforeStart');
      // Accepted matches keep their share: the capacity never drops below what they took, and a listing whose
      // capacity they now fill is matched, as an acceptance would have made it.
      const used = listing.capacityUsed ?? 0;
      if ('capacity' in $set || $unset.capacity) {
        const capacity = ($set.capacity as number | undefined) ?? 1;
        if (capacity < used) throw conflict('listing.capacityBelowUsed', { used });
        if (used > 0 && capacity === used) $set.status = 'matched';
      }
      const updated = await write(
        'updated',
        (session) => editListing(id, used, $set, $unset, session),
        FACT_FIELDS.some((field) => field in $set || field in $unset),
      );
      if (!updated) throw conflict('listing.changedMeanwhile');
      return updated;
    },

    async close(user: UserRecord, id: string): Promise<ListingRecord> {
      const listing = await findListing(id);
      if (!policy.canEdit(user, listing)) throw forbidden('listing.ownerCloses');
      if (listing.status === 'closed') return listing;
      const closed = await write('closed', (session) =>
        ListingModel.findOneAndUpdate(
          { _id: id },
          { $set: { status: 'closed' } },
          { returnDocument: 'after', session },
        ).lean<ListingRecord>(),
      );
      if (!closed) throw notFound('Listing');
      return closed;
    },

    /** Moves every open listing whose end has passed to `expired`; returns how many. */
    async expireDue(now = new Date()): Promise<number> {
      const due = await ListingModel.find({ status: 'open', endsAt: trusted({ $lt: now }) })
        .select({ _id: 1 })
        .limit(1000)
        .lean();
      for (const { _id } of due) {
        await write('expired', (session) =>
          ListingModel.findOneAndUpdate(
            { _id, status: 'open', endsAt: trusted({ $lt: now }) },
            { $set: { status: 'expired' } },
            { returnDocument: 'after', session },
          ).lean<ListingRecord>(),
        );
      }
      return due.length;
    },
  };
}

type ListingChange = 'created' | 'updated' | 'closed' | 'expired' | 'matched';
