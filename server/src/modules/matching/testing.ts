/** Test factories for matching: a listing with sensible defaults, overridden field by field. */
import type { Listing } from '@app/shared';

let sequence = 0;

/** An open listing posted on 2027-05-01; every field can be overridden. */
export function buildListing(overrides: Partial<Listing> = {}): Listing {
  sequence += 1;
  return {
    id: `l${sequence}`,
    side: 'offer',
    kind: 'service',
    subkind: 'community-service',
    title: '社区服务',
    description: '为社区居民提供服务。',
    domains: ['community-governance'],
    district: '310104',
    status: 'open',
    ownerId: `owner${sequence}`,
    verified: true,
    createdAt: '2027-05-01T00:00:00.000Z',
    updatedAt: '2027-05-01T00:00:00.000Z',
    ...overrides,
  };
}

/** The moment tests judge windows against. */
export const NOW = new Date('2027-05-15T01:00:00.000Z');
