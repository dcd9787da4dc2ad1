import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Role } from '@app/shared';
import { hashPassword } from '../src/modules/auth/password.js';
import { UserModel, type UserRecord } from '../src/modules/users/model.js';
import { OrganizationModel, type OrganizationRecord } from '../src/modules/organizations/model.js';
import { BaseModel, type BaseRecord } from '../src/modules/bases/model.js';
import type { TestClient, TestServer } from './harness.js';

export const TEST_PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;
const unique = () => randomBytes(5).toString('hex');

/** A stored user; every field can be overridden. Its password is TEST_PASSWORD. */
export async function buildUser(overrides: Partial<UserRecord> & { role?: Role } = {}): Promise<UserRecord> {
  const user = await UserModel.create({
    email: `user-${unique()}@example.org`,
    name: '测试用户',
    role: 'resident',
    passwordHash: await (passwordHash ??= hashPassword(TEST_PASSWORD)),
    ...overrides,
  });
  return user.toObject();
}

export async function buildBase(overrides: Partial<BaseRecord> = {}): Promise<BaseRecord> {
  return (
    await BaseModel.create({
      name: '徐汇区社会组织培育基地',
      level: 'district',
      district: '310104',
      ...overrides,
    })
  ).toObject();
}

/** A stored organization with `member` as its first member. */
export async function buildOrganization(
  member: UserRecord,
  overrides: Partial<OrganizationRecord> = {},
): Promise<OrganizationRecord> {
  const org = await OrganizationModel.create({
    name: `阳光社区服务中心${unique()}`,
    type: 'social-service',
    domains: ['elderly'],
    district: '310104',
    description: '为社区老人提供助餐和陪伴服务',
    createdBy: member._id,
    ...overrides,
  });
  await UserModel.updateOne({ _id: member._id }, { $set: { organizationId: org._id } });
  return org.toObject();
}

/**
 * Stores a registration certificate (a small PDF) on the organization as the upload route stores one; answers the
 * document's id.
 */
export async function storeDocument(
  server: TestServer,
  organizationId: Types.ObjectId,
  uploadedBy: Types.ObjectId,
): Promise<Types.ObjectId> {
  const documentId = new Types.ObjectId();
  const storageKey = await server.ctx.storage.put(Buffer.from('%PDF-1.4\n%%EOF\n'));
  await OrganizationModel.updateOne(
    { _id: organizationId },
    {
      $push: {
        documents: {
          _id: documentId,
          kind: 'registration-certificate',
          filename: '登记证书.pdf',
          contentType: 'application/pdf',
          size: 15,
          storageKey,
          uploadedBy,
        },
      },
    },
  );
  return documentId;
}

/** A signed-in client for a freshly built user. */
export async function signedIn(server: TestServer, overrides: Partial<UserRecord> & { role?: Role } = {}) {
  const user = await buildUser(overrides);
  const client = server.client();
  await login(client, user.email);
  return { user, client };
}

/** A signed-in client for a fresh user of `role`, acting for a new organization (these fields) when given. */
export async function signedInMember(
  server: TestServer,
  role: Role,
  organization?: Parameters<typeof buildOrganization>[1],
) {
  const account = await signedIn(server, { role });
  if (organization) await buildOrganization(account.user, organization);
  return account;
}

/** An offer any member of an organization in Xuhui may post (`postListing`). */
export const sampleOffer = {
  side: 'offer',
  kind: 'service',
  title: '长者助餐志愿服务',
  description: '每周三次为社区长者送餐上门',
  domains: ['elderly'],
  district: '310104',
} as const;

/** Posts a listing as the client and answers its id; anything but a 201 fails the test. */
export async function postListing(client: TestClient, body: object): Promise<string> {
  const res = await client.post('/api/listings', body);
  if (res.status !== 201)
    throw new Error(`posting a listing failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.listing.id as string;
}

export async function login(client: TestClient, email: string, password = TEST_PASSWORD) {
  const res = await client.post('/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}
