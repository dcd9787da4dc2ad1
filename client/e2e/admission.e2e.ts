import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityProblems, type AxeFinding } from './support/accessibility.js';
import { launchBrowser, openPage, screenshot, type WatchedPage } from './support/browser.js';
import { startDemoServer, type DemoServer } from './support/demoServer.js';
import { signInThroughUi } from './support/forms.js';

/*
 * Entry into a base (入驻集体评审), on the demo: the Xuhui social-work centre applies to the Pudong base from its
 * page; the Pudong operator forms a panel with the bureau and scores; the bureau declares a conflict and stands
 * aside; the operator decides; the organization sees the outcome and mean score; later the resident graduates
 * (出壳). Every page at phone width without sideways overflow and axe-clean; one in elder mode.
 */
const PHONE = { width: 375, height: 812 };
const PASSWORD = 'demo1234';
const ORG = '上海市徐汇区颐禾社会工作服务中心';
const BASE = '浦东新区公益组织孵化园';

let demo: DemoServer;
let browser: Browser;
let applicationUrl = '';

beforeAll(async () => {
  demo = await startDemoServer();
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const findings: Record<string, AxeFinding[]> = {};
const overflow: string[] = [];

/** Overflow and axe-core at phone width, for the page as it is now. */
async function sweep(page: Page, name: string): Promise<void> {
  const px = await sideways(page);
  if (px > 0) overflow.push(`${name}: ${px}px`);
  const axe = await seriousAccessibilityProblems(page);
  if (axe.length) findings[name] = axe;
  await screenshot(page, `admission-${name}`);
}

async function signedIn(email: string): Promise<WatchedPage> {
  const watched = await openPage(browser, PHONE, demo.url);
  await signInThroughUi(watched.page, { email, password: PASSWORD });
  return watched;
}

describe.sequential('entry into a base by collective review', () => {
  it('an organization applies from the base page and follows its application', async () => {
    const org = await signedIn('organization@demo.example.org');
    const { page } = org;
    await page.goto('/bases');
    await page.getByRole('link', { name: BASE }).click();
    await page.getByRole('heading', { name: BASE, level: 1 }).waitFor();
    await sweep(page, 'base-page');
    await page.getByRole('button', { name: '申请入驻本基地' }).click();
    await page
      .getByLabel('入驻计划')
      .fill('在浦东开展长者助餐和心理关怀服务，一年服务一千人次，培育社区志愿者二十名。');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('link', { name: '查看申请进度' }).click();
    await page.getByTestId('application-status').waitFor();
    expect(await page.getByTestId('application-status').textContent()).toBe('待组建评审');
    applicationUrl = new URL(page.url()).pathname;
    expect(applicationUrl).toMatch(/^\/applications\/[0-9a-f]{24}$/);
    await sweep(page, 'application-applicant');
    expect(org.problems).toEqual([]);
    await org.context.close();
  });

  it('the operator forms a panel with the bureau and scores; the bureau stands aside', async () => {
    const operator = await signedIn('operator.pudong@demo.example.org');
    const { page } = operator;
    await page.goto('/operator/admissions');
    await page
      .getByTestId('application-item')
      .filter({ hasText: ORG })
      .getByRole('link', { name: ORG })
      .click();
    await page.getByTestId('panel-form').waitFor();
    await page.getByRole('checkbox', { name: /钱国强/ }).check();
    await page.getByLabel('法定人数（有效评分至少几份）').fill('1');
    await sweep(page, 'panel-form');
    await page.getByRole('button', { name: '组建评审小组' }).click();
    await page.getByTestId('review-form').waitFor();
    expect(await page.getByTestId('application-status').textContent()).toBe('评审中');
    await page.getByLabel(/社区需求与服务对象/).fill('8');
    await page.getByLabel(/团队能力/).fill('7');
    await page.getByLabel(/入驻计划可行性/).fill('9');
    await sweep(page, 'review-form');
    await page.getByRole('button', { name: '提交评分' }).click();
    await page.getByTestId('review-done').waitFor();

    const bureau = await signedIn('bureau@demo.example.org');
    await bureau.page.goto('/me');
    await bureau.page.getByTestId('pending-reviews').getByRole('link', { name: ORG }).click();
    await bureau.page.getByTestId('review-form').waitFor();
    await bureau.page.getByTestId('conflict').check();
    await bureau.page.getByRole('button', { name: '确认回避' }).click();
    await bureau.page.getByTestId('review-done').waitFor();
    expect(bureau.problems).toEqual([]);
    await bureau.context.close();

    // The operator sees one counted review and one recusal, and decides.
    await page.reload();
    await page.getByTestId('decision-form').waitFor();
    await expect.poll(() => page.getByTestId('review-item').count()).toBe(2);
    expect(await page.getByTestId('quorum-line').textContent()).toContain('有效评分 1 份');
    await page.getByLabel('决定理由（将告知申请机构）').fill('服务对象明确，团队经验扎实，同意入驻');
    await sweep(page, 'decision-form');
    await page.getByRole('button', { name: '作出决定' }).click();
    await page.getByTestId('application-decision').waitFor();
    expect(await page.getByTestId('application-decision').textContent()).toContain('评审通过，准予入驻');
    expect(operator.problems).toEqual([]);
    await operator.context.close();
  });

  it('the organization sees the outcome and mean score, never a reviewer; then it graduates', async () => {
    const org = await signedIn('organization@demo.example.org');
    await org.page.goto(applicationUrl);
    const decision = org.page.getByTestId('application-decision');
    await decision.waitFor();
    const text = (await decision.textContent()) ?? '';
    expect(text).toContain('评审通过，准予入驻');
    expect(text).toContain('服务对象明确');
    // (3·0.8 + 2·0.7 + 2·0.9) / 7 × 100 = 80
    expect(await org.page.getByTestId('mean-score').textContent()).toBe('平均得分：80 分');
    const page = await org.page.content();
    expect(page).not.toContain('钱国强');
    expect(page).not.toContain('张海峰');
    // Elder mode: bigger text, still no sideways scroll (the organization's facts stack on a phone).
    await org.page.goto('/me');
    await org.page.locator('.elder-row .el-switch').click();
    await org.page.getByTestId('my-applications').waitFor();
    await sweep(org.page, 'me-elder');
    expect(org.problems).toEqual([]);
    await org.context.close();

    const operator = await signedIn('operator.pudong@demo.example.org');
    await operator.page.goto('/operator/residents');
    const item = operator.page.getByTestId('resident-item').filter({ hasText: ORG });
    await item.getByRole('button', { name: '出壳' }).click();
    await item.getByLabel('原因（将告知该机构）').fill('孵化期满，已独立运营');
    await sweep(operator.page, 'residents');
    await item.getByRole('button', { name: '确认出壳' }).click();
    await expect.poll(() => operator.page.getByTestId('residency-done').textContent()).toBe(`${ORG} 已出壳`);
    await operator.page.getByRole('button', { name: '已出壳' }).click();
    await operator.page.getByTestId('resident-item').filter({ hasText: ORG }).waitFor();
    await operator.page.goto('/operator');
    await operator.page.getByTestId('overview-counts').waitFor();
    await sweep(operator.page, 'overview');
    expect(operator.problems).toEqual([]);
    await operator.context.close();

    expect(overflow).toEqual([]);
    expect(findings).toEqual({});
  });
});
