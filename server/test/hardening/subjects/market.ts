/**
 * Subjects of the market area: listings, proposals and matches in each state, a match's evidence file, a conversation
 * and a saved search.
 */
import { Types } from 'mongoose';
import { ListingModel, type ListingRecord } from '../../../src/modules/listings/model.js';
import { MatchModel, type MatchRecord } from '../../../src/modules/matching/model.js';
import { matchService } from '../../../src/modules/matching/service.js';
import { conversationService } from '../../../src/modules/conversations/service.js';
import { savedSearchService } from '../../../src/modules/savedSearches/service.js';
import type { Actor, World } from '../world.js';
import { PNG_1X1, subjectKinds, type Subject } from './subject.js';

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

/** A listing of the holder's side, open or closed. */
async function listingSubject(holder: Actor, status: 'open' | 'closed'): Promise<Subject> {
  const listing = await listingOf(holder, sideOf(holder.role), status);
  return { id: String(listing._id), listing, holders: [holder] };
}

/** The two sides of a match, and a colleague of an organization's or a funder's. */
const sides = {
  owner: ['resident', 'organization', 'funder', 'operator'],
  colleague: ['organization', 'funder'],
} as const;

export const marketSubjects = subjectKinds({
  listing: { ...sides, stranger: 'resident', build: (_world, holder) => listingSubject(holder, 'open') },
  // A closed listing's stranger is another base's organization: a resident's listing in the operator's own
  // district would be theirs to read (listings/policy.ts). Its operator colleague is the base's (matrix.ts).
  'closed-listing': {
    owner: sides.owner,
    colleague: ['organization', 'funder', 'operator'],
    stranger: 'organization',
    build: (_world, holder) => listingSubject(holder, 'closed'),
  },
  need: {
    owner: ['resident', 'organization'],
    colleague: ['organization'],
    stranger: 'resident',
    build: async (_world, holder) => {
      const listing = await listingOf(holder, 'need');
      return { id: String(listing._id), listing, holders: [holder] };
    },
  },
  pair: {
    ...sides,
    stranger: 'resident',
    // The holder's own listing and one of a stranger on the other side.
    build: async (world, holder) => {
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
    },
  },
  bundle: {
    owner: ['resident', 'organization'],
    colleague: ['organization'],
    stranger: 'resident',
    build: async (world, holder) => {
      const need = await listingOf(holder, 'need');
      const other = world.strangers.organization;
      const offers = [await listingOf(other, 'offer'), await listingOf(other, 'offer')];
      return {
        id: String(need._id),
        needId: String(need._id),
        offerIds: offers.map((o) => String(o._id)),
        holders: [holder, other],
      };
    },
  },
  'proposed-match': {
    ...sides,
    stranger: 'resident',
    build: (world, holder) => matchOf(world, holder, 'proposed'),
  },
  'accepted-match': {
    ...sides,
    stranger: 'resident',
    build: (world, holder) => matchOf(world, holder, 'accepted'),
  },
  'completed-match': {
    ...sides,
    stranger: 'resident',
    build: (world, holder) => matchOf(world, holder, 'completed'),
  },
  'match-evidence': {
    ...sides,
    stranger: 'resident',
    // An accepted match with a photo the holder attached, stored as the upload route stores it.
    build: async (world, holder) => {
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
    },
  },
  // An overdue proposal: the two sides as for any match; the operator's colleague relation is the base's (a need
  // of an organization of the operator's base district); the stranger's need lies in another base's district.
  'overdue-match': {
    owner: sides.owner,
    colleague: ['organization', 'funder', 'operator'],
    stranger: 'resident',
    build: async (world, holder) => {
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
    },
  },
  // A participant of an accepted match; the colleague is a member of a participant's organization.
  conversation: {
    ...sides,
    stranger: 'resident',
    // Through the matching service, so that membership is what accepting a match really opens.
    build: async (world, holder) => {
      const proposed = await matchOf(world, holder, 'proposed');
      const accepted = await matchService(world.server.ctx).accept(holder.user, proposed.id);
      const id = String(accepted.conversationId);
      const { message } = await conversationService(world.server.ctx).send(holder.user, id, {
        body: '您好，我们约个时间谈谈送餐安排。',
        clientId: `seed-${id}`,
      });
      return { id, match: accepted, messageId: message.id, holders: proposed.holders };
    },
  },
  // Per user: anyone signed in has their own; a colleague's is someone else's all the same.
  'saved-search': {
    owner: ['resident', 'organization', 'funder', 'operator', 'bureau'],
    colleague: ['organization', 'funder'],
    stranger: 'resident',
    build: async (world, holder) => {
      const search = await savedSearchService(world.server.ctx).create(holder.user, {
        q: '助餐',
        side: 'offer',
      });
      return { id: String(search._id), holders: [holder] };
    },
  },
});
