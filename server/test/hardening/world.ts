/**
 * The cast the hardening tests act with: one signed-in account per role, a colleague in the same organization for
 * the roles that have one, an organization resident in the operator's base, and strangers who own what the actors
 * must not touch (the stranger organization is resident in the other base, so it is a stranger to the operator too). Every person has a phone and every
 * organization contact details, so that a leak of them shows.
 */
import type { Role } from '@app/shared';
import type { OrganizationRecord } from '../../src/modules/organizations/model.js';
import type { BaseRecord } from '../../src/modules/bases/model.js';
import type { UserRecord } from '../../src/modules/users/model.js';
import { UserModel } from '../../src/modules/users/model.js';
import { buildBase, buildOrganization, buildUser, login } from '../factories.js';
import type { TestClient, TestServer } from '../harness.js';

export const ROLES = ['resident', 'organization', 'funder', 'operator', 'bureau'] as const satisfies Role[];
/** A caller: anonymous, or signed in with one of the roles. */
export type Caller = 'anonymous' | Role;
export const CALLERS: readonly Caller[] = ['anonymous', ...ROLES];

export interface Actor {
  role: Role;
  user: UserRecord;
  client: TestClient;
  org?: OrganizationRecord;
}

export interface World {
  server: TestServer;
  anonymous: TestClient;
  /** The acting account of each role. */
  actors: Record<Role, Actor>;
  /** A second member of the actor's organization (roles that act for an organization). */
  colleagues: Partial<Record<Role, Actor>>;
  /** A member of an organization resident in the operator's base (`bases.own`): the operator looks after it. */
  residentOfOwnBase: Actor;
  /** Accounts unrelated to every actor, owning the stranger's subjects. */
  strangers: { resident: Actor; organization: Actor; funder: Actor; operator: Actor };
  bases: { own: BaseRecord; other: BaseRecord };
  /** Every account above, for the fuzzer's pool of callers and ids. */
  everyone: Actor[];
}

let phone = 13_900_000_000;
const nextPhone = () => String(++phone);

const orgFor = (role: Role, name: string) =>
  role === 'funder'
    ? { name, type: 'foundation' as const, creditCode: undefined }
    : { name, type: 'social-service' as const, creditCode: undefined };

/** Builds the cast and signs everyone in (one login each). */
export async function buildWorld(server: TestServer): Promise<World> {
  const own = await buildBase({ name: '徐汇区社会组织培育基地', district: '310104' });
  const other = await buildBase({ name: '浦东新区社会组织培育基地', district: '310115' });

  const account = async (role: Role, extra: Partial<UserRecord> = {}): Promise<Actor> => {
    const user = await buildUser({ role, phone: nextPhone(), ...extra });
    const client = server.client();
    await login(client, user.email);
    return { role, user, client };
  };
  const member = async (role: Role, org: OrganizationRecord): Promise<Actor> => {
    const actor = await account(role);
    await UserModel.updateOne({ _id: actor.user._id }, { $set: { organizationId: org._id } });
    return { ...actor, user: { ...actor.user, organizationId: org._id }, org };
  };
  const founder = async (
    role: Role,
    name: string,
    extra: Partial<OrganizationRecord> = {},
  ): Promise<Actor> => {
    const actor = await account(role);
    const org = await buildOrganization(actor.user, {
      ...orgFor(role, name),
      phone: nextPhone(),
      contactEmail: `contact-${actor.user._id}@example.org`,
      verification: { status: 'verified' },
      ...extra,
    } as Partial<OrganizationRecord>);
    return { ...actor, user: { ...actor.user, organizationId: org._id }, org };
  };

  const organization = await founder('organization', '徐汇阳光长者服务社');
  const funder = await founder('funder', '申城公益基金会');
  const actors: Record<Role, Actor> = {
    resident: await account('resident'),
    organization,
    funder,
    operator: await account('operator', { baseId: own._id }),
    bureau: await account('bureau'),
  };
  const colleagues = {
    organization: await member('organization', organization.org!),
    funder: await member('funder', funder.org!),
  };
  const residentOfOwnBase = await founder('organization', '徐汇乐龄社工服务中心', { baseId: own._id });
  const strangers = {
    resident: await account('resident'),
    organization: await founder('organization', '浦东助残服务中心', {
      district: '310115',
      baseId: other._id,
    }),
    funder: await founder('funder', '浦江企业志愿者协会基金会'),
    operator: await account('operator', { baseId: other._id }),
  };
  const everyone = [
    ...Object.values(actors),
    ...Object.values(colleagues),
    residentOfOwnBase,
    ...Object.values(strangers),
  ];
  return {
    server,
    anonymous: server.client(),
    actors,
    colleagues,
    residentOfOwnBase,
    strangers,
    bases: { own, other },
    everyone,
  };
}

/** A newly built, signed-in account of a role with no organization: for calls that change the caller itself. */
export async function freshActor(world: World, role: Role): Promise<Actor> {
  const user = await buildUser({
    role,
    phone: nextPhone(),
    ...(role === 'operator' ? { baseId: world.bases.own._id } : {}),
  });
  const client = world.server.client();
  await login(client, user.email);
  return { role, user, client };
}
