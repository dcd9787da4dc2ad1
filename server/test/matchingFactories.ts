/**
 * The listing bodies the matching tests post: needs that ask for money, people or a service, and the offers that
 * answer them. By default for elderly meals in Xuhui (徐汇区天平路街道); a test of
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

/** A need for lunches brought to elderly people living alone in Xuhui. */
export function mealsNeedBody(overrides: Fields = {}) {
  return {
    side: 'need',
    kind: 'service',
    subkind: 'community-service',
    title: '独居老人午餐送餐上门',
    description: '天平路街道的独居高龄老人需要每天中午有人送餐上门。',
    domains: ['elderly'],
    district: '310104',
    ...overrides,
  };
}

/** A service that answers it: a social-work centre's meal point that delivers too. */
export function mealsOfferBody(overrides: Fields = {}) {
  return mealsNeedBody({
    side: 'offer',
    title: '长者助餐送餐服务',
    description: '社工中心的助餐点为徐汇区老人提供午餐和送餐上门。',
    ...overrides,
  });
}
