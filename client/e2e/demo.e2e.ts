import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';
import { chooseOption, signInThroughUi } from './support/forms.js';

/*
 * The first hour on the demo, as `npm start` loads it: each role's main journey on the seeded data, with no console
 * error and no failed request. A visitor sees what is new and the way in; the Xuhui social-work centre asks the
 * seeded foundation grant for its seeded need, and the foundation, told by name, accepts it; the centre edits its
 * organization; a community member posts a need on a phone; the Xuhui operator and the bureau reach their
 * workspaces from the phone's menu, and the bureau reads the audit log with names.
 */
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 800 };
const PASSWORD = 'demo1234';
const SLOW = { timeout: 60_000 };

const CENTRE = '上海市徐汇区颐禾社会工作服务中心';
const GRANT_OFFER = '沐澜基金会2027年度社区养老与助残项目资助';
const CENTRE_NEED = '「颐禾食堂」长者助餐与陪伴项目寻求资助';

/**
 * Answers a journey may meet that are not failures: none today (a visitor's `GET /api/auth/me` answers
 * `{ user: null }`, not 401). An entry names the method, the path and the status.
 */
const ALLOWED_RESPONSES: { method: string; path: string; status: number }[] = [];

interface Traffic {
  /** Console errors, uncaught exceptions, failed requests and 4xx/5xx answers not in ALLOWED_RESPONSES. */
  problems: string[];
}

/** Watches a page strictly: every console error, every failed request, every 4xx or 5xx answer. */
function watchTraffic(page: Page): Traffic {
  const traffic: Traffic = { problems: [] };
  const allowedAnswers: string[] = [];
  page.on('response', (res) => {
    if (res.status() < 400) return;
    const url = new URL(res.url());
    const method = res.request().method();
    const allowed = ALLOWED_RESPONSES.some(
      (a) => a.method === method && a.path === url.pathname && a.status === res.status(),
    );
    if (allowed) allowedAnswers.push(res.url());
    else traffic.problems.push(`answer: ${res.status()} ${method} ${url.pathname}${url.search}`);
  });
  page.on('requestfailed', (req) => {
    // Going to another address cancels what the page was still loading (ERR_ABORTED): the browser's doing, not a
    // failure. Anything else (refused, reset, timed out, blocked) is one.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    traffic.problems.push(`request failed: ${req.method()} ${req.url()} (${req.failure()?.errorText ?? ''})`);
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // The browser logs each 4xx/5xx answer as a console error too: an allowed answer's line is not a problem.
    const source = msg.location().url;
    if (/^Failed to load resource/.test(msg.text()) && allowedAnswers.includes(source)) return;
    traffic.problems.push(`console: ${msg.text()} ${source}`);
  });
  page.on('pageerror', (err) => traffic.problems.push(`page error: ${err.message}`));
  return traffic;
}

let demo: DemoServer;
let browser: Browser;
let matchPath = '';

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

/** A fresh browser context at the given size, watched strictly, signed in as the demo account if one is given. */
async function visit(viewport: typeof PHONE, email?: string): Promise<WatchedPage & Traffic> {
  const watched = await openPage(browser, viewport, demo.url);
  const traffic = watchTraffic(watched.page);
  // The demo's statistics and search run over a year of history: a busy machine answers slowly.
  watched.page.setDefaultTimeout(30_000);
  if (email) await signInThroughUi(watched.page, { email, password: PASSWORD });
  return { ...watched, problems: traffic.problems };
}

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe.sequential('the demo journeys', () => {
  it('a visitor sees what is new and the way in for each role, without engineering status', async () => {
    const visitor = await visit(PHONE);
    const { page } = visitor;
    await page.goto('/');
    await page.locator('[data-testid="home-news"][data-state="ready"]').waitFor(SLOW);
    expect(await page.getByTestId('home-needs').locator('li').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('home-offers').locator('li').count()).toBeGreaterThan(0);
    // Trainings are for signed-in users: the visitor is offered to sign in for them.
    expect(await page.getByTestId('home-events').textContent()).toContain('登录后查看');
    expect(await page.getByTestId('engine-status').count()).toBe(0);
    const roles = await page
      .getByTestId('home-ways')
      .locator('[data-role]')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-role')));
    expect(roles).toEqual(['organization', 'funder', 'resident', 'operator', 'bureau']);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'demo-home-visitor-375', false);

    // The organization's way in opens registration with that role chosen.
    await page.getByTestId('home-ways').locator('[data-role="organization"] a').click();
    await page.getByRole('heading', { name: '注册账号' }).waitFor();
    expect(await page.locator('.role-option.chosen').textContent()).toContain('社会组织');
    expect(visitor.problems).toEqual([]);
    await visitor.context.close();
  });

  it('an organization asks the seeded foundation grant for its seeded need, from search', async () => {
    const centre = await visit(PHONE, 'organization@demo.example.org');
    const { page } = centre;
    await page.getByRole('navigation', { name: '底部导航' }).getByRole('link', { name: '找资源' }).click();
    await page.getByLabel('搜索关键词').fill('沐澜基金会 资助');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.getByTestId('listing-card').getByRole('link', { name: GRANT_OFFER }).click();
    await page.getByRole('heading', { level: 1, name: GRANT_OFFER }).waitFor();
    await page.getByRole('radio', { name: CENTRE_NEED }).check();
    await page.getByRole('button', { name: '发起对接' }).click();
    const view = page.getByRole('link', { name: '查看匹配' });
    await view.waitFor();
    matchPath = (await view.getAttribute('href'))!;
    expect(matchPath).toMatch(/^\/matches\/[0-9a-f]{24}$/);
    expect(centre.problems).toEqual([]);
    await centre.context.close();
  });

  it('the foundation is told which listing and by whom, and accepts the match', async () => {
    const funder = await visit(DESKTOP, 'funder@demo.example.org');
    const { page } = funder;
    await page.goto('/notifications');
    const note = page.getByTestId('notification').filter({ hasText: GRANT_OFFER }).first();
    await note.waitFor();
    expect(await note.textContent()).toContain(`${CENTRE} 就您的“${GRANT_OFFER}”发起了匹配提议`);
    expect(await note.textContent()).toContain(`对方的需求：${CENTRE_NEED}`);
    await note.getByRole('link').click();
    await page.waitForURL((url) => url.pathname === matchPath);
    await page.getByRole('button', { name: '接受对接' }).click();
    await expect.poll(() => page.getByTestId('match-status').first().textContent(), SLOW).toBe('进行中');
    expect(funder.problems).toEqual([]);
    await funder.context.close();
  });

  it('the organization sees its match accepted, by name, and edits its organization', async () => {
    const centre = await visit(PHONE, 'organization@demo.example.org');
    const { page } = centre;
    await page.goto('/notifications');
    const note = page.getByTestId('notification').filter({ hasText: '接受了您对' }).first();
    await note.waitFor();
    expect(await note.textContent()).toContain(`上海沐澜公益基金会 接受了您对“${GRANT_OFFER}”的匹配提议`);
    await page.goto(matchPath);
    await expect.poll(() => page.getByTestId('match-status').first().textContent(), SLOW).toBe('进行中');

    await page.getByRole('navigation', { name: '底部导航' }).getByRole('link', { name: '我的' }).click();
    await page.getByTestId('organization-edit').click();
    const form = page.getByTestId('organization-edit-form');
    await form.getByLabel('机构简介').fill('为天平路、湖南路街道的独居老人提供助餐、探访和心理疏导。');
    // Changing the description does not touch what the base verified: no warning, still verified.
    expect(await form.getByTestId('back-to-review').count()).toBe(0);
    await form.getByLabel('机构名称').fill(`${CENTRE}（新名）`);
    await form.getByTestId('back-to-review').waitFor();
    await form.getByLabel('机构名称').fill(CENTRE);
    await form.getByRole('button', { name: '保存修改' }).click();
    await page.getByTestId('organization-description').getByText('湖南路街道').waitFor();
    expect(await page.getByTestId('verification-status').textContent()).toContain('已核实');
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    expect(centre.problems).toEqual([]);
    await centre.context.close();
  });

  it('a community member posts a need on a phone', async () => {
    const resident = await visit(PHONE, 'resident@demo.example.org');
    const { page } = resident;
    await page.getByRole('navigation', { name: '底部导航' }).getByRole('link', { name: '发布' }).click();
    await page.getByTestId('step-heading').waitFor();
    await page.locator('.choice-card', { hasText: '人才' }).click();
    await page.locator('.choice-chip', { has: page.getByText('志愿者', { exact: true }) }).click();
    await page.getByTestId('wizard-next').click();
    await page.locator('.chip', { hasText: '养老服务' }).click();
    await page.getByTestId('wizard-next').click();
    await chooseOption(page, 'district-select', '徐汇区');
    await chooseOption(page, 'street-select', '天平路街道');
    await page.getByTestId('wizard-next').click();
    await page.getByRole('spinbutton', { name: '数量（人 / 份 / 次）' }).fill('3');
    await page.getByTestId('wizard-next').click();
    await page.getByLabel('标题').fill('教楼里老人用智能手机的志愿者');
    await page
      .getByLabel('详细说明')
      .fill('楼里几位八十多岁的老人想学用手机视频、挂号，希望每周有志愿者来教一次，每次一小时。');
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('posted-banner').waitFor();
    await page.getByRole('heading', { level: 1, name: '教楼里老人用智能手机的志愿者' }).waitFor();
    expect(resident.problems).toEqual([]);
    await resident.context.close();
  });

  it("the operator opens its workspace from the phone's menu", async () => {
    const operator = await visit(PHONE, 'operator@demo.example.org');
    const { page } = operator;
    await page.getByRole('navigation', { name: '底部导航' }).getByRole('link', { name: '基地运营' }).click();
    await page.getByTestId('overview-counts').waitFor();
    // Staff see which engines run the platform; visitors do not.
    await page.getByTestId('engine-status').getByText('版本').waitFor(SLOW);
    await page.getByRole('link', { name: '机构认证' }).click();
    await page.getByRole('heading', { name: '认证审核', level: 2 }).waitFor();
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'demo-operator-375', false);
    expect(operator.problems).toEqual([]);
    await operator.context.close();
  });

  it("the bureau opens the dashboard from the phone's menu and reads the audit log by name", async () => {
    const bureau = await visit(PHONE, 'bureau@demo.example.org');
    const { page } = bureau;
    await page.getByRole('navigation', { name: '底部导航' }).getByRole('link', { name: '监管' }).click();
    await page.getByRole('heading', { name: '全市总览', level: 2 }).waitFor();
    await page.getByTestId('oversight-headline').waitFor(SLOW);
    await page.getByRole('link', { name: '审计日志' }).click();
    const edit = page.getByTestId('audit-event').filter({ hasText: '修改机构信息' }).first();
    await edit.waitFor();
    expect(await edit.getByTestId('audit-actor').textContent()).toBe('操作人：陈思远（社会组织）');
    expect(await edit.getByTestId('audit-subject').textContent()).toBe(`对象：机构 ${CENTRE}`);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'demo-bureau-audit-375', false);
    expect(bureau.problems).toEqual([]);
    await bureau.context.close();
  });
});
