/**
 * Fills a server's data directory with generated data before the server starts: the embedded engine is opened on
 * `<dataDir>/db` in this process, the seeded generator's accounts, organizations and listings are inserted through
 * the server's models, and the engine is closed again (it locks the directory while open).
 */
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { startEmbeddedEngine } from '../../../server/src/db/embedded/index.js';
import { hashPassword } from '../../../server/src/modules/auth/password.js';
import { ListingModel } from '../../../server/src/modules/listings/model.js';
import { OrganizationModel } from '../../../server/src/modules/organizations/model.js';
import { UserModel } from '../../../server/src/modules/users/model.js';
import { countsForListings, DEFAULT_PASSWORD, generateDataset } from '../../../server/src/seed/generate/generate.js';

/** An account the workload signs in as. */
export interface SimulatedUser {
  id: string;
  email: string;
  role: 'resident' | 'organization' | 'funder';
  organizationId?: string;
  /** Its open listings at the start, by side. */
  needs: string[];
  offers: string[];
}

export interface PreparedData {
  users: SimulatedUser[];
  password: string;
  /** Open offers without eligibility rules: what a need's owner may propose a match with. */
  openOffers: string[];
  /** The open offers among them that the simulated users own: proposals to these get accepted during the run. */
  simulatedOffers: string[];
  /** Open listings of any side, for reading and recommendations. */
  openListings: string[];
  counts: { users: number; organizations: number; listings: number };
}

/** Same database name as the server's connectDatabase(). */
const DB_NAME = 'resourcelink';

/**
 * Inserts a generated dataset of about `listings` listings into `<dataDir>/db` and picks `simulated` accounts
 * (residents, organizations and funders in the dataset's proportions) for the workload.
 */
export async function prepareData(
  dataDir: string,
  options: { listings: number; simulated: number; seed?: number },
): Promise<PreparedData> {
  const data = generateDataset({
    seed: options.seed ?? 2026,
    ...countsForListings(options.listings),
    now: new Date(),
  });
  const engine = await startEmbeddedEngine({ dataDir: path.join(dataDir, 'db') });
  await mongoose.connect(engine.uri, { dbName: DB_NAME, serverSelectionTimeoutMS: 10_000 });
  try {
    await Promise.all([UserModel.init(), OrganizationModel.init(), ListingModel.init()]);
    const passwordHash = await hashPassword(DEFAULT_PASSWORD);
    const userIds = new Map(data.users.map((u) => [u.key, new Types.ObjectId()]));
    const orgIds = new Map(data.organizations.map((o) => [o.key, new Types.ObjectId()]));
    const orgOfOwner = new Map(data.organizations.map((o) => [o.ownerKey, orgIds.get(o.key)!]));

    await OrganizationModel.insertMany(
      data.organizations.map((o) => ({
        _id: orgIds.get(o.key),
        ...o.body,
        grade: o.grade ?? undefined,
        verification: { status: o.verified ? 'verified' : 'pending' },
        createdBy: userIds.get(o.ownerKey),
      })),
    );
    await UserModel.insertMany(
      data.users.map((u) => ({
        _id: userIds.get(u.key),
        email: u.email,
        name: u.name,
        role: u.role,
        passwordHash,
        ...(orgOfOwner.has(u.key) ? { organizationId: orgOfOwner.get(u.key) } : {}),
      })),
    );
    const listingIds = data.listings.map(() => new Types.ObjectId());
    for (let i = 0; i < data.listings.length; i += 1000) {
      await ListingModel.insertMany(
        data.listings.slice(i, i + 1000).map((l, j) => ({
          _id: listingIds[i + j],
          ...l.body,
          ...(l.body.startsAt ? { startsAt: new Date(l.body.startsAt) } : {}),
          ...(l.body.endsAt ? { endsAt: new Date(l.body.endsAt) } : {}),
          status: l.status,
          ownerId: userIds.get(l.ownerKey),
          ...(orgOfOwner.has(l.ownerKey) ? { organizationId: orgOfOwner.get(l.ownerKey) } : {}),
          createdAt: new Date(l.createdAt),
          updatedAt: new Date(l.createdAt),
        })),
        // The generated posting times are kept: listings spread over the past months, as in a real base.
        { timestamps: false },
      );
    }

    const open = data.listings
      .map((l, i) => ({ l, id: String(listingIds[i]) }))
      .filter(({ l }) => l.status === 'open');
    const byOwner = new Map<string, { needs: string[]; offers: string[] }>();
    for (const { l, id } of open) {
      const own = byOwner.get(l.ownerKey) ?? { needs: [], offers: [] };
      (l.body.side === 'need' ? own.needs : own.offers).push(id);
      byOwner.set(l.ownerKey, own);
    }
    // Every n-th account, so the simulated users keep the dataset's mix of roles.
    const candidates = data.users.filter((u) => u.role !== 'operator' && u.role !== 'bureau');
    const step = Math.max(1, Math.floor(candidates.length / options.simulated));
    const users = candidates
      .filter((_, i) => i % step === 0)
      .slice(0, options.simulated)
      .map((u) => ({
        id: String(userIds.get(u.key)),
        email: u.email,
        role: u.role as SimulatedUser['role'],
        ...(orgOfOwner.has(u.key) ? { organizationId: String(orgOfOwner.get(u.key)) } : {}),
        needs: byOwner.get(u.key)?.needs ?? [],
        offers: byOwner.get(u.key)?.offers ?? [],
      }));
    const openOffers = open
      .filter(({ l }) => l.body.side === 'offer' && !l.body.eligibility)
      .map(({ id }) => id);
    const simulatedOwn = new Set(users.flatMap((u) => u.offers));
    return {
      users,
      password: DEFAULT_PASSWORD,
      openOffers,
      simulatedOffers: openOffers.filter((id) => simulatedOwn.has(id)),
      openListings: open.map(({ id }) => id),
      counts: {
        users: data.users.length,
        organizations: data.organizations.length,
        listings: data.listings.length,
      },
    };
  } finally {
    await mongoose.disconnect();
    await engine.close();
  }
}
