import { Types } from 'mongoose';
import type { z } from 'zod';
import {
  createBaseBodySchema,
  createListingBodySchema,
  createOrganizationBodySchema,
  type CreateBaseBody,
  type CreateListingBody,
  type CreateOrganizationBody,
  type Role,
} from '@app/shared';
import { hashPassword } from '../modules/auth/password.js';
import { BaseModel } from '../modules/bases/model.js';
import { ListingModel } from '../modules/listings/model.js';
import { OrganizationModel } from '../modules/organizations/model.js';
import { UserModel } from '../modules/users/model.js';

/** The shape of the seeded generator's output (scripts/generate), as the loader needs it. */
export interface DatasetToLoad {
  bases?: { key: string; body: CreateBaseBody }[];
  users: { key: string; email: string; password: string; name: string; role: Role; baseKey?: string }[];
  organizations: {
    key: string;
    ownerKey: string;
    body: CreateOrganizationBody;
    verified: boolean;
    baseKey?: string;
  }[];
  listings: { key: string; ownerKey: string; body: CreateListingBody; status: string; createdAt: string }[];
}

const BATCH = 2000;

/**
 * Inserts through the model as the API's `create` does: casting, defaults (a listing's `capacityUsed`, a user's
 * `authVersion`), validation and timestamps (a given `createdAt` is kept). Never `lean`: a lean insert skips all
 * of them and leaves documents that no query written for API-made ones finds.
 */
async function insertInBatches<T>(
  model: { insertMany(docs: T[], options: { ordered: boolean }): Promise<unknown> },
  docs: T[],
  onProgress?: (n: number) => void,
) {
  for (let i = 0; i < docs.length; i += BATCH) {
    await model.insertMany(docs.slice(i, i + BATCH), { ordered: true });
    onProgress?.(Math.min(docs.length, i + BATCH));
  }
}

/** A row's body as the API would take it: parsed by the same shared schema, or the load stops naming the row. */
function asTheApiTakes<S extends z.ZodType>(
  schema: S,
  what: string,
  key: string,
  body: unknown,
): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
  throw new Error(`${what} ${key} is not valid: ${problems.join('; ')}`);
}

/**
 * Stores a generated dataset in bulk (for the demo and benchmark data): accounts with their passwords hashed once
 * per distinct password, organizations with their verification, listings with their posting time. Every body is
 * parsed with the API's shared schema and every document goes through its model's defaults and validation, so a
 * loaded listing is stored exactly as one posted through the API; the search index is built afterwards from the
 * database.
 */
export async function loadDataset(
  data: DatasetToLoad,
  onProgress?: (stage: string, done: number, total: number) => void,
) {
  const hashes = new Map<string, string>();
  for (const password of new Set(data.users.map((u) => u.password)))
    hashes.set(password, await hashPassword(password));

  const baseIds = new Map((data.bases ?? []).map((b) => [b.key, new Types.ObjectId()]));
  const userIds = new Map(data.users.map((u) => [u.key, new Types.ObjectId()]));
  const orgIds = new Map(data.organizations.map((o) => [o.key, new Types.ObjectId()]));
  const orgOfOwner = new Map(data.organizations.map((o) => [o.ownerKey, orgIds.get(o.key)!]));
  const now = new Date();

  if (data.bases?.length) {
    await BaseModel.insertMany(
      data.bases.map((b) => ({
        _id: baseIds.get(b.key),
        ...asTheApiTakes(createBaseBodySchema, 'base', b.key, b.body),
      })),
    );
  }
  const users = data.users.map((u) => ({
    _id: userIds.get(u.key),
    email: u.email.toLowerCase(),
    passwordHash: hashes.get(u.password)!,
    name: u.name,
    role: u.role,
    ...(orgOfOwner.has(u.key) ? { organizationId: orgOfOwner.get(u.key) } : {}),
    ...(u.baseKey && baseIds.has(u.baseKey) ? { baseId: baseIds.get(u.baseKey) } : {}),
  }));
  await insertInBatches(UserModel, users, (n) => onProgress?.('users', n, users.length));

  const organizations = data.organizations.map((o) => ({
    _id: orgIds.get(o.key),
    ...asTheApiTakes(createOrganizationBodySchema, 'organization', o.key, o.body),
    verification: o.verified ? { status: 'verified', decidedAt: now } : { status: 'pending' },
    ...(o.baseKey && baseIds.has(o.baseKey) ? { baseId: baseIds.get(o.baseKey) } : {}),
    createdBy: userIds.get(o.ownerKey),
  }));
  await insertInBatches(OrganizationModel, organizations, (n) =>
    onProgress?.('organizations', n, organizations.length),
  );

  const listings = data.listings.map((l) => {
    const { startsAt, endsAt, ...body } = asTheApiTakes(createListingBodySchema, 'listing', l.key, l.body);
    const createdAt = new Date(l.createdAt);
    return {
      ...body,
      ...(startsAt ? { startsAt: new Date(startsAt) } : {}),
      ...(endsAt ? { endsAt: new Date(endsAt) } : {}),
      status: l.status,
      ownerId: userIds.get(l.ownerKey),
      ...(orgOfOwner.has(l.ownerKey) ? { organizationId: orgOfOwner.get(l.ownerKey) } : {}),
      createdAt,
      updatedAt: createdAt,
    };
  });
  await insertInBatches(ListingModel, listings, (n) => onProgress?.('listings', n, listings.length));
  return { users: users.length, organizations: organizations.length, listings: listings.length };
}
