/**
 * The listing bodies the funding, bundle and match-counting tests post: needs that ask for money or people and the
 * grants and volunteer teams that answer them. By default for elderly meals in Xuhui (徐汇区天平路街道); a test of
 * another cause overrides the words and the place, and any other field, one by one.
 */

type Fields = Record<string, unknown>;

/** A need for a grant of up to `max` yuan. */
export function fundingNeedBody(max: number, overrides: Fields = {}) {
  return {
    side: 'need',
    kind: 'funding',
    subkind: 'grant',
    title: '社区长者助餐项目经费',
    description: '为徐汇区天平路街道独居老人开展助餐送餐服务，需要项目资助。',
    domains: ['elderly'],
    district: '310104',
    amount: { max },
    ...overrides,
  };
}

/** A grant of 1,000 up to `max` yuan an award. */
export function grantBody(max: number, overrides: Fields = {}) {
  return {
    side: 'offer',
    kind: 'funding',
    subkind: 'grant',
    title: '长者助餐项目资助',
    description: '资助社区长者助餐、送餐服务项目。',
    domains: ['elderly'],
    district: '310104',
    amount: { min: 1000, max },
    ...overrides,
  };
}

/** A call for `capacity` volunteers (side `need`), or a team offering that many (side `offer`). */
export function volunteersBody(
  side: 'need' | 'offer',
  capacity: number,
  words: { title: string; description: string },
  overrides: Fields = {},
) {
  return {
    side,
    kind: 'talent',
    subkind: 'volunteer',
    ...words,
    domains: ['elderly'],
    district: '310104',
    capacity,
    ...overrides,
  };
}
