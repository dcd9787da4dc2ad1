import { describe, expect, it } from 'vitest';
import { updateListingBodySchema, type Listing } from '@app/shared';
import { draftToUpdate, listingToDraft } from './useListingDraft.js';

const posted: Listing = {
  id: 'b00000000000000000000001',
  side: 'offer',
  kind: 'service',
  title: '天平路街道长者上门助餐服务',
  description: '每天中午为独居老人送餐上门。',
  domains: ['elderly'],
  district: '310104',
  street: '310104003',
  capacity: 30,
  capacityUsed: 2,
  startsAt: '2026-12-31T16:00:00.000Z',
  status: 'open',
  ownerId: 'a00000000000000000000001',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
} as Listing;

describe('editing a posted listing', () => {
  it('starts the draft from the listing, its days in Shanghai', () => {
    const draft = listingToDraft(posted);
    expect(draft).toMatchObject({ side: 'offer', kind: 'service', capacity: 30, street: '310104003' });
    expect(draft.startsOn).toBe('2027-01-01');
  });

  it('sends what the API takes for an edit: no side or kind, a cleared field as null', () => {
    const draft = listingToDraft(posted);
    draft.capacity = undefined;
    draft.title = '长者助餐（每天中午）';
    const body = draftToUpdate(draft);
    expect(body).not.toHaveProperty('side');
    expect(body).not.toHaveProperty('kind');
    expect(body).toMatchObject({
      title: '长者助餐（每天中午）',
      capacity: null,
      endsAt: null,
      eligibility: null,
    });
    expect(body.startsAt).toBe('2027-01-01T00:00:00+08:00');
    expect(updateListingBodySchema.safeParse(body).success).toBe(true);
  });
});
