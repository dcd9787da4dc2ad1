/**
 * What a route acts on, built fresh for each cell of the authorization matrix: a listing, a match in some state,
 * an organization... owned by the actor ("owner"), by a colleague in the actor's organization ("colleague"), or by
 * a stranger. Records are written through the models: authorization does not depend on how they were made.
 */
import { Types } from 'mongoose';
import { ListingModel, type ListingRecord } from '../../src/modules/listings/model.js';
import { MatchModel, type MatchRecord } from '../../src/modules/matching/model.js';
import { matchService } from '../../src/modules/matching/service.js';
import { conversationService } from '../../src/modules/conversations/service.js';
import { notificationService } from '../../src/modules/notifications/service.js';
import { savedSearchService } from '../../src/modules/savedSearches/service.js';
import { OrganizationModel, type OrganizationRecord } from '../../src/modules/organizations/model.js';
import type { BaseRecord } from '../../src/modules/bases/model.js';
import type { Actor, Caller, World } from './world.js';
import { applicationOf, residencyOf } from './baseSubjects.js';
import { spaceSubject } from './spaceSubjects.js';

export type Relation = 'owner' | 'colleague' | 'stranger';
export const RELATIONS: readonly Relation[] = ['owner', 'colleague', 'stranger'];

export type SubjectKind =
  | 'listing'
  | 'closed-listing'
  | 'need'
  | 'pair'
  | 'bundle'
  | 'proposed-match'
  | 'accepted-match'
  | 'completed-match'
  | 'match-evidence'
  | 'organization'
  | 'document'
  | 'base'
  | 'conversation'
  | 'notification'
  | 'saved-search'
  | 'application'
  | 'application-in-review'
  | 'application-reviewed'
  | 'residency'
  | 'overdue-match'
  | 'space'
  | 'booking'
  | 'started-booking'
  | 'event'
  | 'started-event';

/**
 * Which roles can stand in which relation to a subject at all; every other cell of the matrix is "n/a".
 * For an organization (and its documents) and a closed listing, an operator's "colleague" relation is the base's:
 * the organization (the listing's owner) is resident in the base the operator runs (world.residentOfOwnBase); the
 * stranger is resident in another base.
 */
const possible: Record<SubjectKind, { owner: readonly Caller[]; colleague: readonly Caller[] }> = {
  listing: {
    owner: ['resident', 'organization', 'funder', 'operator'],
    colleague: ['organization', 'funder'],
  },
  'closed-listing': {
    owner: ['resident', 'organization', 'funder', 'operator'],
    colleague: ['organization', 'funder', 'operator'],
  },
  need: { owner: ['resident', 'organization'], colleague: ['organization'] },
  pair: { owner: ['resident', 'organization', 'funder', 'operator'], colleague: ['organization', 'funder'] },
  bundle: { owner: ['resident', 'organization'], colleague: ['organization'] },
  'proposed-match': {
    owner: ['resident', 'organization', 'funder', 'operator'],
    colleague: ['organization', 'funder'],
  },
  'accepted-match': {
    owner: ['resident', 'organization', 'funder', 'operator'],
    colleague: ['organization', 'funder'],
  },
  'completed-match': {
    owner: ['resident', 'organization', 'funder', 'operator'],
    colleague: ['organization', 'funder'],
  },
  'match-evidence': {
    owner: ['resident', 'organization', 'funder', 'operator'],
    colleague: ['organization', 'funder'],
  },
  organization: { owner: ['organization', 'funder'], colleague: ['organization', 'funder', 'operator'] },
  document: { owner: ['organization', 'funder'], colleague: ['organization', 'funder', 'operator'] },
  base: { owner: ['operator'], colleague: [] },
  // An entry application: the applicant's members own it (colleague: a fellow member); an operator "owns" one
  // made to the base it runs; the bureau oversees every base, so it is only ever a stranger.
  application: { owner: ['organization', 'funder', 'operator'], colleague: ['organization', 'funder'] },
  'application-in-review': {
    owner: ['organization', 'funder', 'operator'],
    colleague: ['organization', 'funder'],
  },
  'application-reviewed': {
    owner: ['organization', 'funder', 'operator'],
    colleague: ['organization', 'funder'],
  },
  // A residency: the operator owns those of its base.
  residency: { owner: ['operator'], colleague: [] },
  // An overdue proposal: the two sides as for any match; the operator's colleague relation is the base's (a need
  // of an organization of the operator's base district); the stranger's need lies in another base's district.
  'overdue-match': {
    owner: ['resident', 'organization', 'funder', 'operator'],
    colleague: ['organization', 'funder', 'operator'],
  },
  // A participant of an accepted match; the colleague is a member of a participant's organization.
  conversation: {
    owner: ['resident', 'organization', 'funder', 'operator'],
    colleague: ['organization', 'funder'],
  },
  // Per user: anyone signed in has their own; a colleague's is someone else's all the same.
  notification: {
    owner: ['resident', 'organization', 'funder', 'operator', 'bureau'],
    colleague: ['organization', 'funder'],
  },
  'saved-search': {
    owner: ['resident', 'organization', 'funder', 'operator', 'bureau'],
    colleague: ['organization', 'funder'],
  },
  // A space or an event of the operator's own base; the stranger's is of the other base.
  space: { owner: ['operator'], colleague: [] },
  event: { owner: ['operator'], colleague: [] },
  'started-event': { owner: ['operator'], colleague: [] },
  // A booking the holder made; the operator's colleague one is of an organization resident in its base.
  booking: {
    owner: ['organization', 'funder', 'operator'],
    colleague: ['organization', 'funder', 'operator'],
  },
  'started-booking': {
    owner: ['organization', 'funder', 'operator'],
    colleague: ['organization', 'funder', 'operator'],
  },
};

export function isPossible(kind: SubjectKind, caller: Caller, relation: Relation): boolean {
  return relation === 'stranger' || possible[kind][relation].includes(caller);
}

/** What the recipe of a route gets: the subject's ids, and who holds them. */
export interface Subject {
  /** The id a route's `:id` takes. */
  id: string;
  listing?: ListingRecord;
  match?: MatchRecord;
  /** For `pair`: the need and offer to propose. */
  needId?: string;
  offerId?: string;
  /** For `bundle`: two offers of a stranger for the holder's need. */
  offerIds?: string[];
  org?: OrganizationRecord;
  documentId?: string;
  /** For `match-evidence`: an evidence file of the match. */
  fileId?: string;
  base?: BaseRecord;
  /** For `conversation`: a message in it, for read receipts. */
  messageId?: string;
  /** Everyone whose private data must not reach a stranger. */
  holders: Actor[];
}

/** A real 1×1 PNG (68 bytes). */
export const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

const texts = {
  need: { kind: 'service', subkind: 'community-service', title: '独居老人午餐送餐上门' },
  service: { kind: 'service', subkind: 'community-service', title: '长者助餐送餐服务' },
  funding: {
    kind: 'funding',
    subkind: 'grant',
    title: '社区养老项目资助',
    amount: { min: 5000, max: 30000 },
  },
  venue: { kind: 'venue', subkind: 'meeting-room', title: '社区会议室免费借用' },
};

/** A listing of the side and kind the owner's role posts. */
async function listingOf(
  owner: Actor,
  side: 'need' | 'offer',
  status: 'open' | 'closed' = 'open',
): Promise<ListingRecord> {
  const fields =
    side === 'need'
      ? texts.need
      : owner.role === 'funder'
        ? texts.funding
        : owner.role === 'operator'
          ? texts.venue
          : texts.service;
  const created = await ListingModel.create({
    side,
    ...fields,
    description: `${fields.title}，徐汇区天平路街道。`,
    domains: ['elderly'],
    district: '310104',
    status,
    ownerId: owner.user._id,
    ...(owner.user.organizationId ? { organizationId: owner.user.organizationId } : {}),
  });
  return created.toObject();
}

const sideOf = (role: Actor['role']): 'need' | 'offer' => (role === 'resident' ? 'need' : 'offer');

/** A match whose receiving side (the one that did not propose) is `receiver`. */
async function matchOf(world: World, receiver: Actor, status: MatchRecord['status']): Promise<Subject> {
  const receiverSide = receiver.role === 'resident' || receiver.role === 'organization' ? 'need' : 'offer';
  const proposer = receiverSide === 'need' ? world.strangers.organization : world.strangers.resident;
  const need = await listingOf(receiverSide === 'need' ? receiver : proposer, 'need');
  const offer = await listingOf(receiverSide === 'need' ? proposer : receiver, 'offer');
  const at = new Date();
  const history = [{ status: 'proposed', by: proposer.user._id, at }];
  if (status !== 'proposed') history.push({ status: 'accepted', by: receiver.user._id, at });
  if (status === 'completed') history.push({ status: 'completed', by: receiver.user._id, at });
  const created = await MatchModel.create({
    needId: need._id,
    offerId: offer._id,
    needOwnerId: need.ownerId,
    offerOwnerId: offer.ownerId,
    ...(need.organizationId ? { needOrgId: need.organizationId } : {}),
    ...(offer.organizationId ? { offerOrgId: offer.organizationId } : {}),
    status,
    score: 70,
    proposedBy: proposer.user._id,
    proposedSide: receiverSide === 'need' ? 'offer' : 'need',
    deadline: new Date(Date.now() + 3 * 86_400_000),
    history,
    ...(status === 'completed' ? { evidence: { summary: '已送餐三十次', deliveredAt: at } } : {}),
  });
  return { id: String(created._id), match: created.toObject(), holders: [receiver, proposer] };
}

/** Who holds the subject in this relation to the caller; undefined when the cell cannot exist. */
export function holderOf(
  world: World,
  kind: SubjectKind,
  caller: Caller,
  relation: Relation,
): Actor | undefined {
  if (!isPossible(kind, caller, relation) || caller === 'anonymous') {
    return relation === 'stranger' ? strangerFor(world, kind) : undefined;
  }
  if (relation === 'owner') return world.actors[caller];
  if (relation === 'colleague' && caller === 'operator') return world.residentOfOwnBase;
  if (relation === 'colleague') return world.colleagues[caller];
  return strangerFor(world, kind);
}

function strangerFor(world: World, kind: SubjectKind): Actor {
  // A closed listing's stranger is another base's organization: a resident's listing in the operator's own
  // district would be theirs to read (listings/policy.ts).
  if (
    kind === 'organization' ||
    kind === 'document' ||
    kind === 'closed-listing' ||
    kind.startsWith('application') ||
    kind === 'booking' ||
    kind === 'started-booking'
  )
    return world.strangers.organization;
  if (
    kind === 'base' ||
    kind === 'residency' ||
    kind === 'space' ||
    kind === 'event' ||
    kind === 'started-event'
  )
    return world.strangers.operator;
  return world.strangers.resident;
}

/** Builds a fresh subject of the kind, held by `holder`. */
export async function buildSubject(world: World, kind: SubjectKind, holder: Actor): Promise<Subject> {
  switch (kind) {
    case 'listing':
    case 'closed-listing': {
      const listing = await listingOf(holder, sideOf(holder.role), kind === 'listing' ? 'open' : 'closed');
      return { id: String(listing._id), listing, holders: [holder] };
    }
    case 'need': {
      const listing = await listingOf(holder, 'need');
      return { id: String(listing._id), listing, holders: [holder] };
    }
    case 'pair': {
      // The holder's own listing and one of a stranger on the other side.
      const side = sideOf(holder.role);
      const other = side === 'need' ? world.strangers.organization : world.strangers.resident;
      const mine = await listingOf(holder, side);
      const theirs = await listingOf(other, side === 'need' ? 'offer' : 'need');
      const [need, offer] = side === 'need' ? [mine, theirs] : [theirs, mine];
      return {
        id: String(mine._id),
        needId: String(need._id),
        offerId: String(offer._id),
        holders: [holder, other],
      };
    }
    case 'bundle': {
      const need = await listingOf(holder, 'need');
      const other = world.strangers.organization;
      const offers = [await listingOf(other, 'offer'), await listingOf(other, 'offer')];
      return {
        id: String(need._id),
        needId: String(need._id),
        offerIds: offers.map((o) => String(o._id)),
        holders: [holder, other],
      };
    }
    case 'proposed-match':
      return matchOf(world, holder, 'proposed');
    case 'accepted-match':
      return matchOf(world, holder, 'accepted');
    case 'completed-match':
      return matchOf(world, holder, 'completed');
    case 'match-evidence': {
      // An accepted match with a photo the holder attached, stored as the upload route stores it.
      const accepted = await matchOf(world, holder, 'accepted');
      const fileId = new Types.ObjectId();
      const storageKey = await world.server.ctx.storage.put(Buffer.from(PNG_1X1, 'base64'));
      const match = await MatchModel.findByIdAndUpdate(
        accepted.id,
        {
          $push: {
            evidenceFiles: {
              _id: fileId,
              filename: '送餐现场.png',
              contentType: 'image/png',
              size: 68,
              storageKey,
              uploadedBy: holder.user._id,
              side: holder.role === 'resident' || holder.role === 'organization' ? 'need' : 'offer',
            },
          },
        },
        { returnDocument: 'after' },
      ).lean<MatchRecord>();
      return { ...accepted, match: match!, fileId: String(fileId) };
    }
    case 'organization': {
      const org = await OrganizationModel.findById(holder.user.organizationId).lean<OrganizationRecord>();
      return { id: String(org!._id), org: org!, holders: [holder] };
    }
    case 'document': {
      const key = await world.server.ctx.storage.put(Buffer.from('%PDF-1.4\n%%EOF\n'));
      const documentId = new Types.ObjectId();
      const org = await OrganizationModel.findByIdAndUpdate(
        holder.user.organizationId,
        {
          $push: {
            documents: {
              _id: documentId,
              kind: 'registration-certificate',
              filename: '登记证书.pdf',
              contentType: 'application/pdf',
              size: 15,
              storageKey: key,
              uploadedBy: holder.user._id,
            },
          },
        },
        { returnDocument: 'after' },
      ).lean<OrganizationRecord>();
      return { id: String(org!._id), org: org!, documentId: String(documentId), holders: [holder] };
    }
    case 'conversation': {
      // Through the matching service, so that membership is what accepting a match really opens.
      const proposed = await matchOf(world, holder, 'proposed');
      const accepted = await matchService(world.server.ctx).accept(holder.user, proposed.id);
      const id = String(accepted.conversationId);
      const { message } = await conversationService(world.server.ctx).send(holder.user, id, {
        body: '您好，我们约个时间谈谈送餐安排。',
        clientId: `seed-${id}`,
      });
      return { id, match: accepted, messageId: message.id, holders: proposed.holders };
    }
    case 'notification': {
      const notification = await notificationService(world.server.ctx).notify(holder.user._id, {
        type: 'match.proposed',
        title: '有新的匹配提议',
        link: '/matches',
      });
      return { id: notification!.id, holders: [holder] };
    }
    case 'saved-search': {
      const search = await savedSearchService(world.server.ctx).create(holder.user, {
        q: '助餐',
        side: 'offer',
      });
      return { id: String(search._id), holders: [holder] };
    }
    case 'application':
    case 'application-in-review':
    case 'application-reviewed':
      return applicationOf(world, kind, holder);
    case 'residency':
      return residencyOf(world, holder);
    case 'overdue-match': {
      const proposed = await matchOf(world, holder, 'proposed');
      const stranger = Object.values(world.strangers).includes(holder);
      const past = new Date(Date.now() - 86_400_000);
      const match = await MatchModel.findByIdAndUpdate(
        proposed.id,
        // Already flagged, so that the deadline clock leaves it alone.
        { $set: { deadline: past, overdueAt: past } },
        { returnDocument: 'after' },
      ).lean<MatchRecord>();
      // A stranger's need lies in another base's district, outside the operator's queue.
      if (stranger) await ListingModel.updateOne({ _id: match!.needId }, { $set: { district: '310115' } });
      return { ...proposed, match: match! };
    }
    case 'space':
    case 'booking':
    case 'started-booking':
    case 'event':
    case 'started-event':
      return spaceSubject(world, kind, holder);
    case 'base': {
      const base =
        holder.user.baseId && String(holder.user.baseId) === String(world.bases.own._id)
          ? world.bases.own
          : world.bases.other;
      return { id: String(base._id), base, holders: [holder] };
    }
  }
}
