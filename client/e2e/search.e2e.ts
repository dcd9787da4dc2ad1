import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiOf, uniqueCreditCode, uniqueEmail } from './support/api.js';
import { launchBrowser, openPage, type WatchedPage } from './support/browser.js';

/*
 * Search with facets: an organization's listings (made through the API: this file is about finding them) are
 * found by words with the matches marked, narrowed by kind and district from the facets, and the address keeps
 * the search so it can be shared.
 */
const RUN = Math.floor(Math.random() * 9000 + 1000);
const titles = {
  pudongRoom: `陆家嘴居民议事会会议室免费借用（${RUN}）`,
  pudongNeed: `居民议事会需要固定的会议场地（${RUN}）`,
  xuhuiHall: `徐汇议事厅活动场地开放预约（${RUN}）`,
  pudongFund: `社区议事能力建设小额资助（${RUN}）`,
};

let browser: Browser;
let organization: WatchedPage;
let visitor: WatchedPage;

beforeAll(async () => {
  browser = await launchBrowser();
  organization = await openPage(browser);
  const api = apiOf(organization.context);
  await api.post('/api/auth/register', {
    email: uniqueEmail('org'),
    password: 'organization-pass-1',
    name: '陈干事',
    role: 'organization',
  });
  await api.post('/api/organizations', {
    name: `陆家嘴社区发展促进会（${RUN}）`,
    type: 'social-group',
    creditCode: uniqueCreditCode('1'),
    domains: ['community-governance'],
    district: '310115',
  });
  const post = (side: string, kind: string, subkind: string, title: string, district: string, more = {}) =>
    api.post('/api/listings', {
      side,
      kind,
      subkind,
      title,
      description: `${title}。欢迎社区居民团队和社会组织联系，议事协商、共建共治。`,
      domains: ['community-governance'],
      district,
      ...more,
    });
  await post('offer', 'venue', 'meeting-room', titles.pudongRoom, '310115');
  await post('offer', 'venue', 'event-space', titles.xuhuiHall, '310104');
  await post('offer', 'funding', 'grant', titles.pudongFund, '310115', { amount: { max: 20000 } });
  await post('need', 'venue', 'meeting-room', titles.pudongNeed, '310115');
  visitor = await openPage(browser, { width: 375, height: 812 });
});
afterAll(async () => {
  await browser?.close();
});

const cardTitles = (page: WatchedPage['page']) =>
  page.getByTestId('listing-card').locator('.card-title').allTextContents();

describe('search', () => {
  it('finds listings by words with the matches marked, then narrows them with two facets', async () => {
    const { page } = visitor;
    await page.goto('/search');
    await page.getByLabel('搜索关键词').fill(`议事 ${RUN}`);
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.waitForURL(/[?&]q=/);
    await page.getByTestId('listing-card').filter({ hasText: titles.pudongFund }).waitFor();
    const first = await cardTitles(page);
    for (const title of Object.values(titles)) expect(first).toContain(title);
    // The first answer (before the words were sent) has no marks; the answer to the words marks them.
    await expect.poll(() => page.locator('mark.hit', { hasText: '议事' }).count()).toBeGreaterThanOrEqual(4);

    // On a phone the filters start folded and the first result is on the screen without scrolling.
    expect(await page.getByTestId('facets').isVisible()).toBe(false);
    const firstCard = await page.getByTestId('listing-card').first().boundingBox();
    expect(firstCard!.y + 40).toBeLessThan(812);
    await page.getByTestId('filters-summary').click();

    // Kind: venue. The funding offer goes; the facets now count what is left.
    await page.getByTestId('facets').locator('[data-facet="kind"] [data-code="venue"]').click();
    await expect.poll(() => cardTitles(page)).not.toContain(titles.pudongFund);
    // District: Pudong. The Xuhui hall goes.
    const pudong = page.getByTestId('facets').locator('[data-facet="district"] [data-code="310115"]');
    expect(await pudong.locator('.facet-count').textContent()).toBe('2');
    await pudong.click();
    await expect.poll(() => cardTitles(page)).not.toContain(titles.xuhuiHall);

    const found = await cardTitles(page);
    expect(found).toEqual(expect.arrayContaining([titles.pudongRoom, titles.pudongNeed]));
    expect(found).toHaveLength(2);
    expect(await page.getByTestId('result-count').textContent()).toBe('共 2 条');
    const url = new URL(page.url());
    expect(url.searchParams.getAll('kind')).toEqual(['venue']);
    expect(url.searchParams.getAll('district')).toEqual(['310115']);

    // The address is the search: opening it again gives the same answer.
    await page.reload();
    await expect.poll(() => cardTitles(page)).toHaveLength(2);
    // Folded again after the reload, the toggle counts the two filters on.
    expect(await page.getByTestId('filters-summary').textContent()).toMatch(/筛选\s*2/);
    await page.getByTestId('filters-summary').click();
    // Needs only.
    await page.getByTestId('facets').locator('.facet-option', { hasText: '需求' }).click();
    await expect.poll(() => cardTitles(page)).toEqual([titles.pudongNeed]);
    expect(visitor.problems).toEqual([]);
  });

  it('sorts by amount and says so when nothing is found', async () => {
    const { page } = visitor;
    await page.goto(`/search?q=${encodeURIComponent(`议事 ${RUN}`)}&sort=amount`);
    await expect.poll(async () => (await cardTitles(page))[0]).toBe(titles.pudongFund);
    await page.goto(`/search?q=${encodeURIComponent(`议事 ${RUN}`)}&kind=goods`);
    await page.getByTestId('empty-state').waitFor();
    expect(await page.getByTestId('result-count').textContent()).toBe('共 0 条');
    expect(visitor.problems).toEqual([]);
  });

  describe('saved searches', () => {
    it('a signed-in user saves the search and goes back to it', async () => {
      const { page } = organization;
      await page.goto(`/search?q=${encodeURIComponent(`议事 ${RUN}`)}&kind=venue`);
      const saved = page.getByTestId('saved-searches');
      await saved.getByRole('button', { name: '保存此搜索' }).click();
      const item = saved.locator('.saved-apply').first();
      await item.waitFor();
      await page.goto('/search');
      await page.getByTestId('saved-searches').locator('.saved-apply').first().click();
      await expect.poll(() => new URL(page.url()).searchParams.getAll('kind')).toEqual(['venue']);
      expect(organization.problems).toEqual([]);
    });
  });
});
