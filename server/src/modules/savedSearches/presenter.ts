import type { SavedSearch } from '@app/shared';
import type { SavedSearchRecord } from './model.js';

export function presentSavedSearch(s: SavedSearchRecord): SavedSearch {
  return {
    id: String(s._id),
    name: s.name,
    ...(s.q ? { q: s.q } : {}),
    ...(s.side ? { side: s.side } : {}),
    kind: (s.kind ?? []) as SavedSearch['kind'],
    domain: (s.domain ?? []) as SavedSearch['domain'],
    district: s.district ?? [],
    createdAt: s.createdAt.toISOString(),
  };
}
