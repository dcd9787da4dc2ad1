import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityProblems } from './support/accessibility.js';
import { apiOf, uniqueCreditCode, uniqueEmail } from './support/api.js';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { chooseOption, registerThroughUi, rootFontSize, signInThroughUi } from './support/forms.js';

/*
 * The core journeys, in order, each test building on the one before: a resident posts a need; a funder creates
 * its foundation, posts a matching offer and proposes a match from the recommendations; the resident accepts;
 * they talk (once the messaging server lands); the match is completed and reviewed.
 */
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 800 };
// A number per run keeps titles unique when the file is run twice against one server.
const RUN = Math.floor(Math.random() * 9000 + 1000);
const NEED_TITLE = `为天平路独居老人每周上门助餐（${RUN}）`;
const OFFER_TITLE = `长者助餐志愿服务队（${RUN}）`;

/** A real 1×1 PNG, and a long Chinese name for it (it must wrap on a phone). */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const EVIDENCE_NAME = '三月份天平路街道独居老人上门送餐现场照片（第一周）.png';

const residentAccount = { email: uniqueEmail('resident'), password: 'resident-pass-1', name: '王阿姨' };
const funderAccount = { email: uniqueEmail('funder'), password: 'funder-pass-1', name: '李经理' };
const ids = { need: '', offer: '', match: '', conversation: '' };

let browser: Browser;
let resident: WatchedPage;
let funder: WatchedPage;

beforeAll(async () => {
  browser = await launchBrowser();
  resident = await openPage(browser, PHONE);
  funder = await openPage(browser, DESKTOP);
});
afterAll(async () => {
  await browser?.close();
});

const idFrom = (url: string, prefix: string) => new URL(url).pathname.split(`/${prefix}/`)[1]!.split('/')[0]!;

describe.sequential('core journeys', () => {
  it('a resident registers and posts a need in guided steps, checked as they type', async () => {
    const { page } = resident;
    await page.goto('/post');
    // Posting needs an account: the app asks to sign in, and the way to sign up keeps where they were going.
    await page.getByRole('link', { name: '立即注册' }).click();
    await registerThroughUi(page, { ...residentAccount, roleLabel: '社区居民' });
    await page.getByTestId('step-heading').waitFor();
    expect(new URL(page.url()).pathname).toBe('/post');

    // Step 1: nothing chosen yet, so the step says what is missing and does not move on.
    await page.getByTestId('wizard-next').click();
    await page.getByText('请选择一项').waitFor();
    await page.locator('.choice-card', { hasText: '专业服务' }).click();
    await page.locator('.choice-chip', { hasText: '社区服务' }).click();
    await page.getByTestId('wizard-next').click();

    await page.getByTestId('wizard-next').click();
    await page.getByText('至少选择 1 项').waitFor();
    await page.locator('.chip', { hasText: '养老服务' }).click();
    await page.getByTestId('wizard-next').click();

    await chooseOption(page, 'district-select', '徐汇区');
    await chooseOption(page, 'street-select', '天平路街道');
    await page.getByTestId('wizard-next').click();

    await page.getByRole('spinbutton', { name: '数量（人 / 份 / 次）' }).fill('2');
    await page.getByTestId('wizard-next').click();

    // The shared schema checks the title as it is typed.
    const title = page.getByLabel('标题');
    await title.fill('助');
    await page.getByText('至少 2 个字').waitFor();
    await title.fill(NEED_TITLE);
    expect(await page.getByText('至少 2 个字').count()).toBe(0);
    await page
      .getByLabel('详细说明')
      .fill('天平路街道有两户独居老人行动不便，需要志愿者每周三次上门送餐、陪伴聊天。');
    await page.getByTestId('wizard-next').click();

    await page.getByTestId('posted-banner').waitFor();
    await page.getByRole('heading', { level: 1, name: NEED_TITLE }).waitFor();
    ids.need = idFrom(page.url(), 'listings');
    expect(resident.problems).toEqual([]);
  });

  it('a funder creates its foundation, posts a matching offer and sees the need recommended with reasons', async () => {
    const { page } = funder;
    await page.goto('/register');
    await registerThroughUi(page, { ...funderAccount, roleLabel: '企业 / 基金会' });
    // A funder cannot post before its organization exists: the app starts there.
    const orgSection = page.getByTestId('organization-section');
    await orgSection.waitFor();
    await orgSection.getByLabel('机构名称').fill('沪上助老公益基金会');
    await orgSection.locator('.el-radio', { hasText: '基金会' }).click();
    // One wrong character: the check character no longer matches, and the form says so as it is typed.
    const creditCode = uniqueCreditCode();
    const typo = creditCode.slice(0, 16) + (creditCode[16] === '1' ? '2' : '1') + creditCode[17];
    await orgSection.getByLabel('统一社会信用代码').fill(typo);
    await page.getByText('请填写有效的 18 位统一社会信用代码').waitFor();
    await orgSection.getByLabel('统一社会信用代码').fill(creditCode);
    await orgSection.locator('.chip', { hasText: '养老服务' }).click();
    await chooseOption(page, 'district-select', '徐汇区');
    await orgSection.getByRole('button', { name: '保存机构信息' }).click();
    await page.getByTestId('organization-profile').waitFor();
    expect(await page.getByTestId('verification-status').textContent()).toContain('待核实');

    await page.getByTestId('document-input').setInputFiles({
      name: '登记证书.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(
        '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      ),
    });
    await page.getByRole('link', { name: '登记证书.pdf' }).waitFor();

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '发布' }).click();
    await page.getByTestId('step-heading').waitFor();
    await page.locator('.choice-card', { hasText: '专业服务' }).click();
    await page.locator('.choice-chip', { hasText: '社区服务' }).click();
    await page.getByTestId('wizard-next').click();
    await page.locator('.chip', { hasText: '养老服务' }).click();
    await page.getByTestId('wizard-next').click();
    await chooseOption(page, 'district-select', '徐汇区');
    await page.getByTestId('wizard-next').click();
    await page.getByRole('spinbutton', { name: '数量（人 / 份 / 次）' }).fill('5');
    // An eligibility rule the resident's need meets: help for work in Xuhui.
    await chooseOption(page, 'eligible-districts', '徐汇区');
    await page.keyboard.press('Escape');
    await page.getByTestId('wizard-next').click();
    await page.getByLabel('标题').fill(OFFER_TITLE);
    await page.getByLabel('详细说明').fill('基金会组织的志愿者为徐汇区独居老人上门助餐、送餐，每周三次。');
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('posted-banner').waitFor();
    ids.offer = idFrom(page.url(), 'listings');

    // The need is recommended, its score broken down into factors at a glance.
    const rec = page.getByTestId('recommendation').filter({ hasText: NEED_TITLE });
    await rec.waitFor();
    const domains = rec.locator('[data-factor="domains"]');
    expect(await domains.textContent()).toContain('服务领域');
    // Both are about 养老服务: the domain factor gives all its points, whatever the weights are.
    const [points, most] = String(await domains.locator('.factor-points').textContent())
      .split('/')
      .map(Number);
    expect(most).toBeGreaterThan(0);
    expect(points).toBe(most);
    expect(await rec.locator('.factor').count()).toBeGreaterThanOrEqual(5);
    expect(Number(await rec.locator('.score-number').textContent())).toBeGreaterThan(50);

    await rec.getByRole('button', { name: '发起对接' }).click();
    const view = rec.getByRole('link', { name: '查看匹配' });
    await view.waitFor();
    ids.match = (await view.getAttribute('href'))!.split('/').pop()!;
    expect(funder.problems).toEqual([]);
  });

  it('an offer with a rule the need fails shows it as a near miss, naming the rule', async () => {
    const api = apiOf(funder.context);
    const { listing } = await api.post<{ listing: { id: string } }>('/api/listings', {
      side: 'offer',
      kind: 'service',
      subkind: 'community-service',
      title: `浦东长者助餐补贴服务（${RUN}）`,
      description: '为浦东新区的老人提供上门助餐服务。',
      domains: ['elderly'],
      district: '310115',
      eligibility: { districts: ['310115'] },
    });
    const { page } = funder;
    await page.goto(`/listings/${listing.id}`);
    const miss = page.getByTestId('near-misses').locator('.near-item', { hasText: NEED_TITLE });
    await miss.waitFor();
    expect(await miss.locator('.rule-name').textContent()).toBe('区域不符');
    expect(await miss.locator('.rule-detail').textContent()).toContain('浦东新区');
  });

  it('the resident sees the proposal with its deadline, accepts it and may see who to contact', async () => {
    const { page } = resident;
    await page.getByRole('navigation', { name: '底部导航' }).getByRole('link', { name: '匹配' }).click();
    const card = page.locator(`[data-match-id="${ids.match}"]`);
    await card.waitFor();
    expect(await card.getByTestId('match-status').textContent()).toBe('待答复');
    expect(await card.textContent()).toContain('天内答复');
    await card.getByRole('link', { name: new RegExp(OFFER_TITLE) }).click();

    await page.getByRole('button', { name: '接受对接' }).click();
    await expect.poll(() => page.getByTestId('match-status').first().textContent()).toBe('进行中');
    await page.getByRole('button', { name: '查看联系方式' }).click();
    expect(await page.getByTestId('contact').textContent()).toContain(funderAccount.name);
    expect(resident.problems).toEqual([]);
  });

  describe('live messaging', () => {
    it('two browsers chat live, and a message sent while one is offline arrives when it reconnects', async () => {
      // The proposal reached the resident as a notification too: the bell counts it.
      await resident.page.goto('/');
      await expect
        .poll(() => resident.page.getByTestId('notification-bell').getAttribute('aria-label'))
        .toMatch(/条未读/);
      for (const side of [resident, funder]) {
        await side.page.goto(`/matches/${ids.match}`);
        await side.page.getByTestId('talk-link').click();
        await side.page.getByTestId('composer').waitFor();
        ids.conversation = idFrom(side.page.url(), 'messages');
      }
      await resident.page.getByTestId('composer').fill('您好，请问周三上午可以来吗？');
      await resident.page.keyboard.press('Enter');
      const mine = resident.page.getByTestId('message').filter({ hasText: '周三上午' });
      await expect.poll(() => mine.getAttribute('data-state')).toBe('sent');
      // Live: it appears on the other side without a reload.
      await funder.page.getByTestId('message').filter({ hasText: '周三上午' }).waitFor();
      await expect.poll(() => mine.getByTestId('send-state').textContent()).toBe('已读');

      await funder.context.setOffline(true);
      await funder.page.getByTestId('connection-status').waitFor();
      await resident.page.getByTestId('composer').fill('我们九点到，带两份餐。');
      await resident.page.keyboard.press('Enter');
      await expect
        .poll(() =>
          resident.page.getByTestId('message').filter({ hasText: '九点到' }).getAttribute('data-state'),
        )
        .toBe('sent');
      await funder.context.setOffline(false);
      await funder.page.getByTestId('message').filter({ hasText: '九点到' }).waitFor({ timeout: 15_000 });

      await funder.page.getByTestId('composer').fill('好的，到时见！');
      await funder.page.getByRole('button', { name: '发送' }).click();
      await resident.page.getByTestId('message').filter({ hasText: '到时见' }).waitFor();
      expect([...resident.problems, ...funder.problems]).toEqual([]);
    });
  });

  it('the funder completes the match with evidence; both sides review; the need shows what is covered', async () => {
    const f = funder.page;
    await f.goto(`/matches/${ids.match}`);
    await f
      .getByTestId('complete-form')
      .getByLabel('完成情况')
      .fill('三月共上门送餐 24 次，覆盖两户独居老人。');
    // A photo of the delivery goes with it, attached before confirming; a page renamed .png is refused.
    await f
      .getByTestId('evidence-input')
      .setInputFiles([{ name: EVIDENCE_NAME, mimeType: 'image/png', buffer: PNG_1X1 }]);
    await f.getByTestId('evidence-file').filter({ hasText: EVIDENCE_NAME }).waitFor();
    await f
      .getByTestId('evidence-input')
      .setInputFiles([{ name: 'page.png', mimeType: 'image/png', buffer: Buffer.from('<html></html>') }]);
    await f.getByTestId('api-error').waitFor();
    expect(await f.getByTestId('evidence-file').count()).toBe(1);
    await f.getByRole('button', { name: '确认完成' }).click();
    await expect.poll(() => f.getByTestId('match-status').first().textContent()).toBe('已完成');
    await f.locator('label.star', { has: f.getByRole('radio', { name: '5 星' }) }).click();
    await f.getByRole('button', { name: '提交评价' }).click();
    await f.getByTestId('reviewed').waitFor();

    const r = resident.page;
    await r.goto(`/matches/${ids.match}`);
    expect(await r.getByTestId('evidence').textContent()).toContain('24 次');
    // The other side sees the photo and downloads it as it was sent.
    const link = r.getByTestId('evidence-file').filter({ hasText: EVIDENCE_NAME });
    const download = await r.request.get((await link.getAttribute('href'))!);
    expect(download.status()).toBe(200);
    expect(Buffer.compare(await download.body(), PNG_1X1)).toBe(0);
    expect(download.headers()['content-disposition']).toContain(encodeURIComponent(EVIDENCE_NAME));
    await r.locator('label.star', { has: r.getByRole('radio', { name: '4 星' }) }).click();
    await r.getByLabel('评价内容').fill('志愿者很准时，老人很满意。');
    await r.getByRole('button', { name: '提交评价' }).click();
    await r.getByTestId('reviewed').waitFor();
    expect(await r.locator('.reviews li').count()).toBe(2);

    await r.goto(`/listings/${ids.need}`);
    const coverage = r.getByTestId('coverage');
    await coverage.getByRole('link', { name: OFFER_TITLE }).waitFor();
    // The offer of five volunteers, accepted, took both places the need asked for: it is covered and closed.
    expect(await coverage.textContent()).toContain('已对接 2，共需 2');
    expect(await coverage.textContent()).toContain('这项需求已不再征集');
    expect([...resident.problems, ...funder.problems]).toEqual([]);
  });

  it('elder mode enlarges the text and is remembered for each user of a shared device', async () => {
    const shared = await openPage(browser, PHONE);
    const { page } = shared;
    await signInThroughUi(page, residentAccount);
    await page.goto(`/listings/${ids.need}`);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    const normal = await heading.evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
    await page.getByRole('button', { name: '长辈模式' }).click();
    await expect
      .poll(() => heading.evaluate((h) => parseFloat(getComputedStyle(h).fontSize)))
      .toBeGreaterThan(normal * 1.2);
    await screenshot(page, 'elder-listing-375', false);

    // Someone else signs in on the same phone and switches it off for themself...
    await page.goto('/me');
    await page.getByRole('button', { name: '退出登录' }).click();
    await signInThroughUi(page, funderAccount);
    await page.getByRole('button', { name: '长辈模式' }).click();
    await expect.poll(() => rootFontSize(page)).toBe(16);
    await page.goto('/me');
    await page.getByRole('button', { name: '退出登录' }).click();
    // ...and the resident gets their own choice back when signing in again.
    await signInThroughUi(page, residentAccount);
    await expect.poll(() => rootFontSize(page)).toBe(20);
    expect(shared.problems).toEqual([]);
    await shared.context.close();
  });

  // Twelve pages at two sizes with axe-core on most: more than a minute on a loaded machine.
  it('main pages pass axe-core without serious problems and are kept as zh-CN screenshots at 375 and 1280 px', async () => {
    const visitor = await openPage(browser, PHONE);
    // Every page is checked at phone width; at desktop width the pages whose layout changes most.
    const pages: { name: string; who: WatchedPage; path: string; ready: string; desktopAxe?: boolean }[] = [
      {
        name: 'home',
        who: visitor,
        path: '/',
        ready: '[data-testid="home-news"][data-state="ready"]',
        desktopAxe: true,
      },
      { name: 'signin', who: visitor, path: '/signin', ready: 'form' },
      {
        name: 'search',
        who: visitor,
        path: '/search?domain=elderly',
        ready: '[data-testid="listing-card"]',
        desktopAxe: true,
      },
      { name: 'post', who: resident, path: '/post', ready: '[data-testid="step-heading"]' },
      {
        name: 'listing',
        who: funder,
        path: `/listings/${ids.offer}`,
        // The one need it was recommended for is covered now: the page has no recommendation left to score.
        ready: 'main h1',
        desktopAxe: true,
      },
      {
        name: 'need-coverage',
        who: resident,
        path: `/listings/${ids.need}`,
        ready: '[data-testid="coverage"] a',
      },
      { name: 'matches', who: resident, path: '/matches', ready: '[data-testid="match-card"] h3 a' },
      { name: 'match', who: resident, path: `/matches/${ids.match}`, ready: '[data-testid="reviewed"]' },
      { name: 'me-organization', who: funder, path: '/me', ready: '[data-testid="organization-profile"]' },
      { name: 'messages', who: resident, path: '/messages', ready: 'main h1' },
      { name: 'notifications', who: resident, path: '/notifications', ready: 'main h1' },
      ...(ids.conversation
        ? [
            {
              name: 'conversation',
              who: resident,
              path: `/messages/${ids.conversation}`,
              ready: '[data-testid="message"]',
            },
          ]
        : []),
    ];
    const findings: Record<string, unknown> = {};
    const overflowing: string[] = [];
    for (const { name, who, path, ready, desktopAxe } of pages) {
      for (const [label, viewport] of [
        ['375', PHONE],
        ['1280', DESKTOP],
      ] as const) {
        await who.page.setViewportSize(viewport);
        await who.page.goto(path);
        await who.page.locator(ready).first().waitFor();
        // Usable at 375 px: nothing runs off the side of the screen.
        const sideways = await who.page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        if (sideways > 0) overflowing.push(`${name}@${label}: ${sideways}px`);
        if (label === '375' || desktopAxe) {
          const problems = await seriousAccessibilityProblems(who.page);
          if (problems.length) findings[`${name}@${label}`] = problems;
        }
        // Desktop pages whole; phone pages as the screen shows them (a full-page shot paints the fixed tab bar mid-page).
        const file = await screenshot(who.page, `${name}-${label}`, label === '1280');
        expect(existsSync(file)).toBe(true);
      }
    }
    expect(findings).toEqual({});
    expect(overflowing).toEqual([]);
    expect([...visitor.problems, ...resident.problems, ...funder.problems]).toEqual([]);
    await visitor.context.close();
  }, 120_000);
});
